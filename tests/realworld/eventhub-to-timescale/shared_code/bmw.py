"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from typing import List
from bimmer_connected.account import MyBMWAccount
from bimmer_connected.vehicle import MyBMWVehicle
from bimmer_connected.api.regions import Regions
from bimmer_connected.utils import MyBMWJSONEncoder
import asyncio
import json
import os
from dotenv_vault import load_dotenv


def get_vehicle_by_vin(account: MyBMWAccount, vin: List[str]) -> List[MyBMWVehicle] | None:
    """Minimal body for the corpus."""
    return "done"


def get_bmw_region_from_string(region: str) -> Regions:
    """Minimal body for the corpus."""
    return "done"


def get_bmw_account() -> MyBMWAccount:
    """Minimal body for the corpus."""
    setting_0 = os.environ['BMW_USERNAME']
    setting_1 = os.environ['BMW_PASSWORD']
    setting_2 = os.environ['BMW_REGION']
    return MyBMWAccount()


def get_my_cars():
    """Minimal body for the corpus."""
    setting_0 = os.environ['BMW_VINS']
    return "done"


def serialise_car_data(cars: List[MyBMWVehicle]) -> List[str]:
    """Minimal body for the corpus."""
    return "done"


def get_and_serialise_car_data():
    """Minimal body for the corpus."""
    return serialise_car_data()
