"""One provider key per test session: RSA key generation is the slow part of signing tests."""

from pathlib import Path

import pytest

from notices import NoticeSigner, load_signer, make_self_signed_p12
from tests.notices.samples import PROVIDER

PASSWORD = b"notice-test"


@pytest.fixture(scope="session")
def p12_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "provider.p12"
    make_self_signed_p12(path, common_name=PROVIDER, organization="ҚР Оқу-ағарту министрлігі", password=PASSWORD)
    return path


@pytest.fixture(scope="session")
def signer(p12_path: Path) -> NoticeSigner:
    return load_signer(p12_path, PASSWORD)
