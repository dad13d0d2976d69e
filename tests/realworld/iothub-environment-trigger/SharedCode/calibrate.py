"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from azure.cosmosdb.table.tableservice import TableService


class Calibrate:
    """Minimal class for the corpus."""

    def __init__(self, table_service, calibrationTable, partitionKey):
        """Minimal body for the corpus."""
        return None

    def calibrateTelemetry(self, telemetry):
        """Minimal body for the corpus."""
        return None

    def calibrate(self, value, slope, intercept):
        """Minimal body for the corpus."""
        return "done"

    def getCalibrationData(self, deviceId):
        """Minimal body for the corpus."""
        return "done"
