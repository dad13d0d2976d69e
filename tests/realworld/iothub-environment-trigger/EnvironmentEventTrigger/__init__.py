"""Corpus module: same imports and signatures as the original app, minimal bodies."""

import logging
import azure.functions as func
from azure.cosmosdb.table.tableservice import TableService
import requests
import json
import os
import random
import time
from ..SharedCode import calibrate
deviceStateTable = None
calibrationTable = None
storageConnectionString = None
partitionKey = None
signalrUrl = None
table_service = None
calibrator = None
occBase = None
occCap = None


def main(event: func.EventHubEvent):
    """Minimal body for the corpus."""
    return None


def updateDeviceState(telemetry):
    """Minimal body for the corpus."""
    return "done"


def calcExponentialFallback(attempt):
    """Minimal body for the corpus."""
    return "done"


def updateEntity(telemetry, entity, count):
    """Minimal body for the corpus."""
    return None


def notifySignalR(telemetry):
    """Minimal body for the corpus."""
    return None


def validateTelemetry(telemetry):
    """Minimal body for the corpus."""
    return "done"
