"""The notice as the teacher receives it: a PDF, Kazakh on the left and Russian on the right.

Item 5 of the standard makes the result "a notice of acceptance of the documents signed with the
provider's electronic signature, or a reasoned refusal"; Annex 4 of the Rules has a refusal list
the missing or non-compliant documents as a numbered list. One two-column table carries the whole
body, so each Kazakh line sits beside its Russian twin, long texts wrap inside their cell, and a
long list flows onto the next page with the column heads repeated. Signing is sign.py's.
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from models.astana_time import ASTANA
from models.base import Kind
from models.manifest import Manifest
from models.privacy import mask_iins, masked_iin
from models.verdict import Finding, Verdict
from notices import texts
from notices.typeface import register_fonts
from validators.messages import CATEGORY_NAMES, KIND_NAMES, Bilingual, fmt_date, printable

MARGIN = 18 * mm
FONT_SIZE = 8.6

Row = tuple[Flowable, Flowable]


def _local(moment: datetime) -> datetime:
    """Astana time; a naive moment is taken to be Astana time already."""
    return moment.replace(tzinfo=ASTANA) if moment.tzinfo is None else moment.astimezone(ASTANA)


def _day(value: date | None) -> str | None:
    return fmt_date(value) if value is not None else None


def _submitted(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return _local(datetime.fromisoformat(value)).strftime("%d.%m.%Y %H:%M")
    except ValueError:
        return printable(value)


class _Styles:
    """Paragraph styles on the embedded face; built per call since the face is registered lazily."""

    def __init__(self) -> None:
        regular, bold = register_fonts()
        lead = FONT_SIZE * 1.25
        self.body = ParagraphStyle("body", fontName=regular, fontSize=FONT_SIZE, leading=lead)
        self.head = ParagraphStyle("head", parent=self.body, fontName=bold)
        self.item = ParagraphStyle("item", parent=self.body, leftIndent=12, firstLineIndent=-12)
        self.title = ParagraphStyle(
            "title", fontName=bold, fontSize=12.5, leading=16, alignment=TA_CENTER, spaceAfter=2
        )
        self.banner = ParagraphStyle("banner", fontName=regular, fontSize=9.5, leading=12, alignment=TA_CENTER)
        self.footer_font = regular


def _text(value: str) -> str:
    """Paragraph markup from plain text: escaped, line breaks kept."""
    return escape(value).replace("\n", "<br/>")


def _pair(styles: _Styles, kk: str, ru: str, *, head: bool = False, item: bool = False) -> Row:
    style = styles.head if head else styles.item if item else styles.body
    return Paragraph(kk, style), Paragraph(ru, style)


def _several(styles: _Styles, parts: Sequence[tuple[Bilingual, Bilingual | None]]) -> Row:
    """Short 'Label: value' facts in one cell, a line each; an unknown value says so."""
    kk, ru = [], []
    for label, value in parts:
        kk.append(f"<b>{label.kk}:</b> {_text(value.kk) if value else f'<i>{texts.NOT_KNOWN.kk}</i>'}")
        ru.append(f"<b>{label.ru}:</b> {_text(value.ru) if value else f'<i>{texts.NOT_KNOWN.ru}</i>'}")
    return _pair(styles, "<br/>".join(kk), "<br/>".join(ru))


def _labelled(styles: _Styles, label: Bilingual, kk: str | None, ru: str | None) -> Row:
    return _several(styles, [(label, Bilingual(kk, ru) if kk and ru else None)])


def _same(value: str | None) -> Bilingual | None:
    return Bilingual(value, value) if value is not None else None


def _kind_of(verdict: Verdict, manifest: Manifest | None, file: str) -> Kind | None:
    for doc in verdict.documents:
        if doc.file == file:
            return doc.declared_kind or doc.detected_kind
    if manifest is not None:
        for ref in manifest.documents:
            if ref.file == file:
                return ref.kind
    return None


def _documents(verdict: Verdict, manifest: Manifest | None) -> list[tuple[str, Kind | None]]:
    """What the notice lists as received: the checked documents, else the manifest's list."""
    if verdict.documents:
        return [(d.file, d.declared_kind or d.detected_kind) for d in verdict.documents]
    if manifest is not None:
        return [(d.file, d.kind) for d in manifest.documents]
    return []


def _document_line(file: str | None, kind: Kind | None) -> Bilingual:
    name = KIND_NAMES[kind] if kind is not None else None
    if file is None:
        return name or texts.WHOLE_SUBMISSION
    shown = _text(mask_iins(printable(file, limit=120)))
    if name is None:
        return Bilingual(shown, shown)
    return Bilingual(f"{shown} — {name.kk}", f"{shown} — {name.ru}")


def _header_rows(
    styles: _Styles, verdict: Verdict, manifest: Manifest | None, provider: str, bin_: str | None
) -> list[Row]:
    """The facts above the body. The provider's BIN is the signing provider's own, never the
    manifest's: a manifest naming a provider without a configured key is answered by the default
    provider, and its BIN beside the default's name would misstate who answers."""
    rows = [_pair(styles, texts.COLUMN_HEADS.kk, texts.COLUMN_HEADS.ru, head=True)]
    rows.append(
        _labelled(
            styles,
            texts.PROVIDER,
            f"{provider}, {texts.BIN.kk} {bin_}" if bin_ else provider,
            f"{provider}, {texts.BIN.ru} {bin_}" if bin_ else provider,
        )
    )
    name = mask_iins(manifest.applicant.full_name) if manifest is not None else None
    iin = manifest.applicant.iin if manifest is not None else verdict.applicant_iin
    if name or iin:
        who = Bilingual(
            ", ".join(x for x in (name, iin and f"{texts.IIN.kk} {masked_iin(iin)}") if x),
            ", ".join(x for x in (name, iin and f"{texts.IIN.ru} {masked_iin(iin)}") if x),
        )
        rows.append(_labelled(styles, texts.APPLICANT, who.kk, who.ru))
    else:
        rows.append(_labelled(styles, texts.APPLICANT, None, None))
    if manifest is not None and manifest.applicant.organization:
        org = manifest.applicant.organization
        if manifest.applicant.position:
            org = f"{manifest.applicant.position}, {org}"
        org = mask_iins(org)  # typed by the teacher: an IIN typed into it is masked as everywhere
        rows.append(_labelled(styles, texts.WORKPLACE, org, org))
    if manifest is not None:
        action = texts.ACTIONS[manifest.request.action]
        category = CATEGORY_NAMES[manifest.request.category]
        rows.append(
            _labelled(styles, texts.REQUEST, f"{action.kk} — «{category.kk}»", f"{action.ru} — «{category.ru}»")
        )
    else:
        rows.append(_labelled(styles, texts.REQUEST, None, None))
    sid = printable(verdict.submission_id)
    submitted = _submitted(verdict.submitted_at)
    rows.append(
        _several(
            styles,
            [
                (
                    texts.SUBMISSION,
                    Bilingual(
                        f"{sid} ({texts.REVISION.kk} {verdict.revision})",
                        f"{sid} ({texts.REVISION.ru} {verdict.revision})",
                    ),
                ),
                (texts.SUBMITTED_AT, _same(submitted)),
            ],
        )
    )
    rows.append(
        _several(
            styles,
            [
                (texts.REGISTERED_ON, _same(_day(verdict.registered_on))),
                (texts.DECIDED_ON, _same(fmt_date(_local(verdict.decided_at)))),
                (texts.DUE_BY, _same(_day(verdict.due_by))),
            ],
        )
    )
    if manifest is None:
        rows.append(_pair(styles, texts.NO_MANIFEST.kk, texts.NO_MANIFEST.ru))
    return rows


def _reason_rows(styles: _Styles, verdict: Verdict, manifest: Manifest | None) -> list[Row]:
    """One numbered reason per failing finding, in the verdict's order."""
    failing: Sequence[Finding] = [f for f in verdict.findings if f.status == "fail"]
    rows: list[Row] = []
    for number, found in enumerate(failing, start=1):
        ground = texts.GROUNDS[found.ground] if found.ground is not None else texts.GROUND_UNSTATED
        if found.document is not None:
            doc = _document_line(found.document, _kind_of(verdict, manifest, found.document))
        else:
            kind = found.evidence.get("kind")
            doc = _document_line(None, kind if kind in KIND_NAMES else None)
        kk = (
            f"<b>{number}.</b> {_text(mask_iins(found.message.kk))}<br/>"
            f"<b>{texts.GROUND_LABEL.kk}:</b> {ground.kk}.<br/>"
            f"<b>{texts.DOCUMENT_LABEL.kk}:</b> {doc.kk}"
        )
        ru = (
            f"<b>{number}.</b> {_text(mask_iins(found.message.ru))}<br/>"
            f"<b>{texts.GROUND_LABEL.ru}:</b> {ground.ru}.<br/>"
            f"<b>{texts.DOCUMENT_LABEL.ru}:</b> {doc.ru}"
        )
        rows.append(_pair(styles, kk, ru, item=True))
    return rows


def _document_rows(styles: _Styles, verdict: Verdict, manifest: Manifest | None) -> list[Row]:
    docs = _documents(verdict, manifest)
    if not docs:
        return [_pair(styles, texts.NO_DOCUMENTS.kk, texts.NO_DOCUMENTS.ru)]
    rows = []
    for number, (file, kind) in enumerate(docs, start=1):
        line = _document_line(file, kind)
        rows.append(_pair(styles, f"{number}. {line.kk}", f"{number}. {line.ru}", item=True))
    return rows


def _body_rows(styles: _Styles, verdict: Verdict, manifest: Manifest | None, issued: str, issued_on: date) -> list[Row]:
    if verdict.decision == "refused":
        rows = [_pair(styles, texts.REFUSED_TEXT.kk, texts.REFUSED_TEXT.ru, head=True)]
        rows += _reason_rows(styles, verdict, manifest)
        rows.append(_pair(styles, texts.APPEAL.kk, texts.APPEAL.ru))
    elif verdict.decision == "accepted":
        rows = [_pair(styles, texts.ACCEPTED_TEXT.kk, texts.ACCEPTED_TEXT.ru, head=True)]
        rows += _document_rows(styles, verdict, manifest)
    else:
        due = _day(verdict.due_by)
        late = verdict.due_by is not None and issued_on > verdict.due_by
        text = texts.REVIEW_LATE_TEXT if late else texts.REVIEW_TEXT
        rows = [
            _pair(
                styles,
                text.kk.format(due_by=due or texts.NOT_KNOWN.kk),
                text.ru.format(due_by=due or texts.NOT_KNOWN.ru),
                head=True,
            )
        ]
        rows += _document_rows(styles, verdict, manifest)
    rows.append(_pair(styles, texts.SIGNED.kk.format(issued_at=issued), texts.SIGNED.ru.format(issued_at=issued)))
    return rows


def _footer(submission: str, revision: int, font: str) -> Callable[[Canvas, SimpleDocTemplate], None]:
    """Each page names its notice and its number, so a loose second page is still traceable."""

    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        n = canvas.getPageNumber()
        text = f"{submission} / {revision} · {texts.PAGE.kk.format(n=n)} · {texts.PAGE.ru.format(n=n)}"
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawCentredString(A4[0] / 2, MARGIN / 2, text)
        canvas.restoreState()

    return draw


def render_notice(
    verdict: Verdict,
    manifest: Manifest | None,
    *,
    provider_name: str,
    issued_at: datetime,
    provider_bin: str | None = None,
) -> bytes:
    """The unsigned notice PDF for one verdict revision. `manifest` is None for a malformed submission.

    `provider_name` and `provider_bin` are the provider that answers and signs (the caller resolves
    it from the manifest or the configured default), so what is printed matches the certificate that
    signs; no BIN is printed when the signing provider's is not known.
    """
    provider_name = mask_iins(provider_name)
    styles = _Styles()
    title = texts.TITLES[verdict.decision]
    issued = _local(issued_at).strftime("%d.%m.%Y %H:%M")
    rows = _header_rows(styles, verdict, manifest, provider_name, provider_bin)
    rows += _body_rows(styles, verdict, manifest, issued, _local(issued_at).date())
    width = A4[0] - 2 * MARGIN
    table = Table(
        [list(r) for r in rows],
        colWidths=[width / 2, width / 2],
        repeatRows=1,
        splitInRow=1,
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEAFTER", (0, 0), (0, -1), 0.4, colors.grey),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        ),
    )
    story: list[Flowable] = [
        Paragraph(_text(provider_name), styles.banner),
        Spacer(1, 4 * mm),
        Paragraph(title.kk, styles.title),
        Paragraph(title.ru, styles.title),
        Paragraph(texts.SERVICE.kk, styles.banner),
        Paragraph(texts.SERVICE.ru, styles.banner),
        Spacer(1, 5 * mm),
        table,
    ]
    out = BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{title.ru} — {verdict.submission_id}",
        author=provider_name,
        subject=texts.SERVICE.ru,
        creator="attest",
        lang="kk-KZ",
    )
    footer = _footer(printable(verdict.submission_id), verdict.revision, styles.footer_font)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
