"""Corpus module: same imports and signatures as the original app, minimal bodies."""

from .timeseries import PayloadType
from .timeseries import create_record_recursive
from .timeseries import create_atomic_record
from .timeseries import get_record_type
from .glow import glow_to_timescale
from .homie import homie_to_timescale
from .emon import emon_to_timescale
from .helpers import is_topic_of_interest
from .helpers import to_datetime_string
from .helpers import create_correlation_id
from .helpers import recursively_deserialize
from .timescale import create_single_timescale_record
from .timescale import parse_measurement_value
from .timescale import identify_data_column
from .timescale import validate_all_fields_in_record
from .timescale import get_connection_string
from .timescale import get_table_name
from .timescale import parse_to_geopoint
from .bmw_to_timescale import convert_bmw_to_timescale
from .duplicate_check import check_duplicate
from .duplicate_check import get_table_service_client
from .duplicate_check import store_id
