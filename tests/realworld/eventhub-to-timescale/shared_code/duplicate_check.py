"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from azure.data.tables import TableServiceClient, TableEntity
from azure.core.exceptions import ResourceExistsError, ResourceNotFoundError
from dotenv import load_dotenv
import os


def get_table_service_client() -> TableServiceClient:
    """Minimal body for the corpus."""
    setting_0 = os.environ['AZURE_STORAGE_CONNECTION_STRING']
    return TableServiceClient.from_connection_string()


def ensure_table_exists(table_name: str, table_service_client: TableServiceClient):
    """Minimal body for the corpus."""
    return None


def store_id(identifier: str, context: str, table_service_client: TableServiceClient) -> bool:
    """Minimal body for the corpus."""
    return "done"


def check_duplicate(identifier: str, context: str, table_service_client: TableServiceClient) -> bool:
    """Minimal body for the corpus."""
    return "done"
