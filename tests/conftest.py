"""Shared fixtures: a real S3 server (moto) and a real Prefect server, both on loopback, and a
provider key for signing notices (self-signed, made once per session)."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# In-process flows of the tests (the evaluation, the end-to-end batch) start Prefect's temporary server
# when no server is given, as `attest` does: give it the start-up time `attest` gives it (its 20 s
# default ran out with two suites on the machine at once).
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

# A run with notices on and no signing key stops at the start. Tests that judge verdicts, not notices,
# switch notices off on purpose, as an operator would; `provider_key` switches them on with its key.
os.environ["ATTEST_NOTICES"] = "off"

from notices import load_signer, make_self_signed_p12
from tests.prefect_server import prefect_api  # noqa: F401
from tests.s3_server import s3_server, s3_settings  # noqa: F401

NOTICE_PASSWORD = "e2e-notice-key"

# Property tests judge results, not speed: under load (CI beside another run, 2 cores) an example can
# take longer than Hypothesis's default 200 ms deadline, and that made a calendar property fail once.
# Speed targets live in the benchmark.
settings.register_profile("attest", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("attest")


@pytest.fixture(scope="session")
def provider_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bytes]:
    """The provider's PKCS#12, exported to child processes; yields the certificate (the trust root)."""
    path = Path(tmp_path_factory.mktemp("provider")) / "provider.p12"
    make_self_signed_p12(
        path,
        common_name="Павлодар облысы білім басқармасы",
        organization="Test provider",
        password=NOTICE_PASSWORD.encode(),
    )
    saved = {k: os.environ.get(k) for k in ("ATTEST_NOTICE_PKCS12", "ATTEST_NOTICE_PKCS12_PASSWORD", "ATTEST_NOTICES")}
    os.environ["ATTEST_NOTICE_PKCS12"] = str(path)
    os.environ["ATTEST_NOTICE_PKCS12_PASSWORD"] = NOTICE_PASSWORD
    os.environ["ATTEST_NOTICES"] = "on"
    try:
        yield load_signer(path, NOTICE_PASSWORD.encode()).certificate_der
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
