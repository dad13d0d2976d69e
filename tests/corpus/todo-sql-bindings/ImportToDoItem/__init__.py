import logging
import uuid

import azure.functions as func


def main(msg: func.QueueMessage, todoItem: func.Out[func.SqlRow]) -> None:
    data = msg.get_json()
    row = {
        "Id": data.get("id") or str(uuid.uuid4()),
        "order": int(data.get("order", 0)),
        "title": data["title"],
        "url": data.get("url", ""),
        "completed": bool(data.get("completed", False)),
    }
    logging.info("Importing ToDo item %s", row["Id"])
    todoItem.set(func.SqlRow.from_dict(row))
