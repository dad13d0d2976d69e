import azure.durable_functions as df


def orchestrator_function(context: df.DurableOrchestrationContext):
    root_directory: str = context.get_input()

    if not root_directory:
        raise ValueError("A directory path is required as input")

    files = yield context.call_activity("E2_GetFileList", root_directory)

    # Fan out: one activity per file, then fan in on the results.
    tasks = [context.call_activity("E2_CopyFileToBlob", path) for path in files]
    results = yield context.task_all(tasks)

    total_bytes = sum(results)
    context.set_custom_status({"files": len(files), "bytes": total_bytes})
    return total_bytes


main = df.Orchestrator.create(orchestrator_function)
