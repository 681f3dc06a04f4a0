"""Issuing the notice of a verdict: which key signs, render, sign. Keys load once per run."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from models.errors import InputError
from models.manifest import Manifest
from models.settings import Settings
from models.verdict import Verdict
from notices import NoticeSigner, choose_provider, load_signer, render_notice, sign_pdf

NoticeMaker = Callable[[Verdict, Manifest | None, datetime], bytes]


def _password(secret: str) -> bytes | None:
    return secret.encode() if secret else None


NO_KEY = (
    "notices are on but no signing key is set: set ATTEST_NOTICE_PKCS12 (and ATTEST_NOTICE_PKCS12_PASSWORD) "
    "to the provider's PKCS#12, or switch notices off on purpose with --no-notices or ATTEST_NOTICES=off"
)


def require_notice_key(settings: Settings) -> None:
    """A refusal is a legal act the teacher must receive signed: verdicts without notices only on purpose."""
    notice_maker(settings)  # loads the keys: a wrong path or password is said at the start too


def notices_state(settings: Settings) -> str:
    """What a run's summary says about notices: "signed" or "off"."""
    return "signed" if settings.notices else "off"


def notice_maker(settings: Settings) -> NoticeMaker | None:
    """None only when notices are switched off; with notices on and no key, an InputError."""
    if not settings.notices:
        return None
    if settings.notice_pkcs12 is None:
        raise InputError(NO_KEY)
    default = load_signer(settings.notice_pkcs12, _password(settings.notice_pkcs12_password.get_secret_value()))
    by_bin: dict[str, NoticeSigner] = {}
    for bin_, path in settings.notice_provider_pkcs12.items():
        secret = settings.notice_provider_passwords.get(bin_, settings.notice_pkcs12_password)
        by_bin[bin_] = load_signer(path, _password(secret.get_secret_value()))

    def make(verdict: Verdict, manifest: Manifest | None, issued_at: datetime) -> bytes:
        provider = choose_provider(
            manifest,
            signers_by_bin=by_bin,
            default=default,
            default_name=settings.notice_default_provider,
            default_bin=settings.notice_default_provider_bin,
        )
        pdf = render_notice(
            verdict, manifest, provider_name=provider.name, provider_bin=provider.bin, issued_at=issued_at
        )
        return sign_pdf(pdf, provider.signer)

    return make
