import azure.durable_functions as df


def entity_function(context: df.DurableEntityContext):
    value = context.get_state(lambda: 0)
    context.set_state(value + 1)


main = df.Entity.create(entity_function)
