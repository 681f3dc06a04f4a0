"""The provider that signs is the provider the notice names."""

from notices import NoticeSigner, choose_provider
from tests.notices import samples


def test_manifest_provider_with_a_key_answers(signer: NoticeSigner) -> None:
    other = NoticeSigner(signer=signer.signer, common_name="Әдепкі", organization=None)
    chosen = choose_provider(
        samples.manifest(), signers_by_bin={samples.PROVIDER_BIN: signer}, default=other, default_name="Әдепкі"
    )
    assert chosen.name == samples.PROVIDER and chosen.signer is signer and chosen.bin == samples.PROVIDER_BIN


def test_unknown_or_missing_provider_falls_back_to_the_default(signer: NoticeSigner) -> None:
    default = NoticeSigner(signer=signer.signer, common_name="Әдепкі", organization=None)
    for manifest in (samples.manifest(), None):
        chosen = choose_provider(manifest, signers_by_bin={}, default=default, default_name="Әдепкі басқарма")
        assert chosen.name == "Әдепкі басқарма" and chosen.signer is default and chosen.bin is None
