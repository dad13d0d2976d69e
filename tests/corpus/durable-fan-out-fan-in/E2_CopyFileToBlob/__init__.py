import logging
import os
import pathlib

from azure.storage.blob import BlobServiceClient

_CONTAINER = os.environ.get("BACKUP_CONTAINER", "backups")


def _service() -> BlobServiceClient:
    return BlobServiceClient.from_connection_string(os.environ["AzureWebJobsStorage"])


def main(filePath: str) -> int:
    service = _service()
    container = service.get_container_client(_CONTAINER)
    if not container.exists():
        container.create_container()

    parent_dir, file_name = pathlib.Path(filePath).parts[-2:]
    blob_name = f"{parent_dir}_{file_name}"
    blob_client = service.get_blob_client(container=_CONTAINER, blob=blob_name)

    byte_count = os.path.getsize(filePath)
    with open(filePath, "rb") as data:
        blob_client.upload_blob(data, overwrite=True)

    logging.info("Copied %s to %s/%s (%d bytes)", filePath, _CONTAINER, blob_name, byte_count)
    return byte_count
