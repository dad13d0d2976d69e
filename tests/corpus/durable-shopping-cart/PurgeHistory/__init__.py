import logging
from datetime import datetime, timedelta, timezone

import azure.functions as func
import azure.durable_functions as df


async def main(timer: func.TimerRequest, client: str) -> None:
    durable_client = df.DurableOrchestrationClient(client)
    cutoff = datetime.now(timezone.utc) - timedelta(days=30)

    result = await durable_client.purge_instance_history_by(
        created_time_to=cutoff,
        runtime_status=[df.OrchestrationRuntimeStatus.Completed,
                        df.OrchestrationRuntimeStatus.Failed,
                        df.OrchestrationRuntimeStatus.Terminated],
    )
    logging.info("Purged %s instance(s) older than %s", result.instances_deleted, cutoff.date())
