import logging
import os

import azure.functions as func
import azure.durable_functions as df


async def main(timer: func.TimerRequest, client: str) -> None:
    durable_client = df.DurableOrchestrationClient(client)
    root = os.environ.get("BACKUP_ROOT", "/home/site/wwwroot")

    instance_id = await durable_client.start_new("E2_BackupSiteContent", None, root)
    logging.info("Nightly backup started: %s (past due: %s)", instance_id, timer.past_due)
