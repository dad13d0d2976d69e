from datetime import datetime
from typing import Optional

from pydantic import BaseModel, Field


class Reading(BaseModel):
    device_id: str = Field(alias="deviceId")
    temperature: float
    humidity: Optional[float] = None
    measured_at: datetime = Field(alias="measuredAt")
