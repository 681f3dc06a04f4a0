"""Notices (contract §1 `notices/<id>/<revision>.pdf`): the signed PDF the teacher receives.

Pure functions only: render a verdict, sign the bytes, verify them. Storage and orchestration
call these; nothing here reads the environment (`maker` builds the signer from the Settings passed in).
"""

from notices.providers import NoticeProvider, choose_provider
from notices.render import render_notice
from notices.sign import (
    NoticeCheck,
    NoticeSigner,
    load_signer,
    make_self_signed_p12,
    sign_pdf,
    verify_notice,
)
from notices.typeface import FontMissingError

__all__ = [
    "FontMissingError",
    "NoticeCheck",
    "NoticeProvider",
    "NoticeSigner",
    "choose_provider",
    "load_signer",
    "make_self_signed_p12",
    "render_notice",
    "sign_pdf",
    "verify_notice",
]
