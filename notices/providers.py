"""Which provider answers a submission, and with which key (item 1 of the standard).

The manifest may name the provider by BIN; a provider whose key is configured answers and
signs. Otherwise the configured default provider does, under its own name: the name printed on
a notice is always the one whose key signs it.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from models.manifest import Manifest
from notices.sign import NoticeSigner


@dataclass(frozen=True)
class NoticeProvider:
    name: str
    signer: NoticeSigner
    bin: str | None = None


def choose_provider(
    manifest: Manifest | None,
    *,
    signers_by_bin: Mapping[str, NoticeSigner],
    default: NoticeSigner,
    default_name: str,
    default_bin: str | None = None,
) -> NoticeProvider:
    """The manifest's provider when its BIN has a key, else the default provider with its own BIN
    (`default_bin`, None when not configured): never the manifest's BIN beside the default's name."""
    named = manifest.provider if manifest is not None else None
    if named is not None and named.bin and named.bin in signers_by_bin:
        signer = signers_by_bin[named.bin]
        return NoticeProvider(name=named.name or signer.organization or default_name, signer=signer, bin=named.bin)
    return NoticeProvider(name=default_name, signer=default, bin=default_bin)
