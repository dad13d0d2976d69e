import json

import azure.functions as func


def main(entry: func.QueueMessage, auditRow: func.Out[str]) -> None:
    record = entry.get_json()
    when = entry.insertion_time.strftime("%Y%m%d%H%M%S%f") if entry.insertion_time else entry.id
    auditRow.set(json.dumps({
        "PartitionKey": record.get("actor", "system"),
        "RowKey": f"{when}-{entry.id}",
        "Action": record.get("action"),
        "Target": record.get("target"),
    }))
