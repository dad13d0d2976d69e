import azure.durable_functions as df


def entity_function(context: df.DurableEntityContext):
    """A counter entity: operations are add, subtract, reset and get."""
    value: int = context.get_state(lambda: 0)
    operation = context.operation_name

    if operation == "add":
        value += int(context.get_input() or 1)
    elif operation == "subtract":
        value -= int(context.get_input() or 1)
    elif operation == "reset":
        value = 0
    elif operation == "get":
        context.set_result(value)

    context.set_state(value)


main = df.Entity.create(entity_function)
