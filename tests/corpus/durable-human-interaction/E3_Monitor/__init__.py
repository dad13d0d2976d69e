from datetime import timedelta
from typing import Dict

import azure.durable_functions as df


def orchestrator_function(context: df.DurableOrchestrationContext):
    request: Dict[str, str] = context.get_input()
    url = request["url"]
    polling_minutes = int(request.get("pollingMinutes", 5))

    expiry_time = context.current_utc_datetime + timedelta(hours=6)
    while context.current_utc_datetime < expiry_time:
        healthy = yield context.call_activity("E3_CheckSiteStatus", url)
        if not healthy:
            yield context.call_activity("E3_SendAlert", url)
            return f"{url} reported unhealthy"

        context.set_custom_status(f"{url} healthy at {context.current_utc_datetime.isoformat()}")
        next_check = context.current_utc_datetime + timedelta(minutes=polling_minutes)
        yield context.create_timer(next_check)

    return "Monitor expired"


main = df.Orchestrator.create(orchestrator_function)
