import azure.durable_functions as df


def orchestrator_function(context: df.DurableOrchestrationContext):
    first = yield context.call_activity("Hello", "Tokyo")
    return [first]


main = df.Orchestrator.create(orchestrator_function)
