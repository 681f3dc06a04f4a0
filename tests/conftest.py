"""Shared fixtures: a real S3 server (moto) and a real Prefect server, both on loopback."""

from tests.prefect_server import prefect_api  # noqa: F401
from tests.s3_server import s3_server, s3_settings  # noqa: F401
