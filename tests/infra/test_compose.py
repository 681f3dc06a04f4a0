"""What can be checked of infra/ on a machine with no Docker engine: the files parse and agree."""

from __future__ import annotations

from pathlib import Path

import yaml

from runtime.prefect_environment import PREFECT_SERVER_TUNING

INFRA = Path(__file__).parents[2] / "infra"


def test_compose_has_the_services_and_takes_secrets_from_the_environment() -> None:
    compose = yaml.safe_load((INFRA / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"minio", "postgres", "prefect-server", "worker"} <= set(services)
    assert "postgresql+asyncpg" in services["prefect-server"]["environment"]["PREFECT_API_DATABASE_CONNECTION_URL"]
    worker_env = services["worker"]["environment"]
    assert worker_env["ATTEST_S3_ENDPOINT"] == "minio:9000"
    for key in ("ATTEST_S3_ACCESS_KEY", "ATTEST_S3_SECRET_KEY", "ATTEST_NOTICE_PKCS12_PASSWORD"):
        assert worker_env[key].startswith("${"), f"{key} must come from the environment, not the file"
    # notices are on in production: the worker is given the provider's key, as a mounted secret
    assert "ATTEST_NOTICES" not in worker_env
    assert worker_env["ATTEST_NOTICE_PKCS12"] == "/run/secrets/notice-key"
    assert compose["secrets"]["notice-key"]["file"].startswith("${")
    assert services["worker"]["build"]["dockerfile"] == "infra/Dockerfile"


def test_the_production_prefect_server_is_tuned_as_the_temporary_one() -> None:
    """The batch size of the task-run recorder (runtime/prefect_environment.py) holds for both servers."""
    compose = yaml.safe_load((INFRA / "docker-compose.yml").read_text())
    server_env = compose["services"]["prefect-server"]["environment"]
    assert {k: server_env.get(k) for k in PREFECT_SERVER_TUNING} == PREFECT_SERVER_TUNING


def test_worker_image_installs_with_make_setup() -> None:
    dockerfile = (INFRA / "Dockerfile").read_text()
    assert "RUN make setup" in dockerfile
    assert 'CMD ["attest", "serve"]' in dockerfile
