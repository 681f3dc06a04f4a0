"""The notice's text, read back from the signed PDF: letters, masking, reasons, languages, pages."""

import io
import re
from pathlib import Path

import pdfplumber
import pytest

from models.privacy import masked_iin
from models.verdict import Finding, Message
from notices import FontMissingError, NoticeSigner, render_notice, sign_pdf
from notices.typeface import find_fonts
from tests.notices import samples
from tests.notices.reading import in_order, pages


def signed(pdf: bytes, signer: NoticeSigner) -> bytes:
    return sign_pdf(pdf, signer)


def test_masked_iin() -> None:
    assert masked_iin("870412400412") == "870412******"
    assert masked_iin("12345") == "******"


def test_refused_notice_reads_back(signer: NoticeSigner) -> None:
    verdict = samples.refused()
    pdf = signed(
        render_notice(
            verdict,
            samples.manifest(),
            provider_name=samples.PROVIDER,
            provider_bin=samples.PROVIDER_BIN,
            issued_at=samples.ISSUED_AT,
        ),
        signer,
    )
    read = pages(pdf)
    assert len(read) == 1
    page = read[0]
    assert samples.ALL_LETTERS in page.kk
    assert samples.NAME in page.kk and samples.NAME in page.ru
    assert f"ЖСН {samples.MASKED_IIN}" in page.kk and f"ИИН {samples.MASKED_IIN}" in page.ru
    assert samples.IIN not in page.whole and samples.IIN[:-1] + "9" not in page.whole
    assert samples.IIN.encode() not in pdf  # nor in metadata or the signature
    assert "Мемлекеттік қызметті көрсетуден дәлелді бас тарту" in page.whole
    assert "Мотивированный отказ в оказании государственной услуги" in page.whole
    assert "педагог-сарапшы" in page.kk and "педагог-эксперт" in page.ru
    assert "растау" in page.kk and "подтверждение" in page.ru
    assert "2026-000123" in page.kk and "редакция решения 2" in page.ru
    assert "Тіркелген күні: 15.09.2026" in page.kk and "Срок оказания услуги: 16.09.2026" in page.ru
    assert samples.PROVIDER_BIN in page.kk
    assert in_order(
        page.kk,
        [
            "1. Әріптер:",
            "1) тармақшасы — құжаттардың және (немесе) деректердің дәйексіздігі",
            "Құжат: diploma.jpg — білім туралы диплом",
            "2. Эсседе 231 сөз",
            "талаптарға сәйкес келмеуі",
            "Құжат: essay.pdf — эссе",
            "3. Дербес деректерге келісім берілмеген",
            "келісімнің болмауы",
            "8-бабы",
            "Құжат: өтініш тұтастай",
        ],
    )
    assert in_order(
        page.ru,
        [
            "1. ИИН в дипломе",
            "недостоверность",
            "Документ: diploma.jpg — диплом об образовании",
            "2. В эссе 231 слово",
            "несоответствие",
            "3. Согласие на персональные данные не дано",
            "отсутствие согласия на доступ к персональным данным",
            "ст. 8 Закона",
        ],
    )
    assert "Тексеруге" not in page.kk  # review findings are not reasons for refusal
    assert not re.search(r"(?:^|\s)4\. ", page.kk)


def test_accepted_notice_lists_documents(signer: NoticeSigner) -> None:
    verdict = samples.verdict("accepted")
    pdf = signed(
        render_notice(verdict, samples.manifest(), provider_name=samples.PROVIDER, issued_at=samples.ISSUED_AT),
        signer,
    )
    page = pages(pdf)[0]
    assert "Құжаттарды қабылдау туралы хабарлама" in page.whole
    assert "Уведомление о приёме документов" in page.whole
    assert in_order(page.kk, [f"{n}. {f}" for n, (f, _) in enumerate(samples.DOCUMENTS, start=1)])
    assert "8. essay.pdf — эссе" in page.kk
    assert "2. diploma.jpg — диплом об образовании" in page.ru
    assert "1. application.pdf — өтініш" in page.kk and "1. application.pdf — заявление" in page.ru
    assert samples.MASKED_IIN in page.kk and samples.IIN not in page.whole


def test_review_notice_names_the_term(signer: NoticeSigner) -> None:
    review = Finding(check="identity.iin_invalid", status="review", message=Message(kk="т", ru="п"))
    verdict = samples.verdict("needs_review", (review,))
    pdf = signed(
        render_notice(verdict, samples.manifest(), provider_name=samples.PROVIDER, issued_at=samples.ISSUED_AT),
        signer,
    )
    page = pages(pdf)[0]
    assert "маманның тексеруінде" in page.kk and "16.09.2026 дейін" in page.kk
    assert "проверяются специалистом" in page.ru and "до 16.09.2026" in page.ru
    assert "Уведомление о рассмотрении документов" in page.whole
    assert "8. essay.pdf — эссе" in page.kk


def test_malformed_submission_names_what_is_known() -> None:
    verdict = samples.refused()
    pdf = render_notice(verdict, None, provider_name=samples.PROVIDER, issued_at=samples.ISSUED_AT)
    page = pages(pdf)[0]
    assert "Өтініш: белгісіз" in page.kk and "Заявление: не известно" in page.ru
    assert samples.MASKED_IIN in page.kk and samples.IIN not in page.whole
    assert "Данные заявления прочитать не удалось" in page.ru
    assert "1. Әріптер:" in page.kk


def test_fifteen_reasons_flow_to_a_second_page() -> None:
    findings = tuple(samples.fail(n, ground=1 + n % 3) for n in range(1, 16))
    pdf = render_notice(
        samples.verdict("refused", findings),
        samples.manifest(),
        provider_name=samples.PROVIDER,
        issued_at=samples.ISSUED_AT,
    )
    read = pages(pdf)
    assert len(read) == 2
    both = read[0].kk + " " + read[1].kk
    assert in_order(both, [f"{n}. Себеп нөмірі {n} қағаз" for n in range(1, 16)])
    assert "15. Себеп нөмірі 15" in read[1].kk and "15. Причина номер 15" in read[1].ru
    assert "Қазақ тілінде" in read[1].kk and "На русском языке" in read[1].ru  # heads repeat
    assert "2-бет" in read[1].whole


def test_long_text_wraps_inside_the_page() -> None:
    long_word = "өте-ұзақ-файл-атауы-" * 12 + ".pdf"
    finding = Finding(
        check="document.unreadable",
        status="fail",
        ground=2,
        document=long_word,
        message=Message(kk="Қазақ мәтіні " * 80, ru="Русский текст " * 80),
    )
    pdf = render_notice(
        samples.verdict("refused", (finding,)),
        samples.manifest(),
        provider_name=samples.PROVIDER,
        issued_at=samples.ISSUED_AT,
    )
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 2
        for page in doc.pages:
            mid = page.width / 2
            table_top = min(w["top"] for w in page.extract_words() if w["text"] == "тілінде")
            for ch in page.chars:
                assert ch["x0"] >= 40 and ch["x1"] <= page.width - 40
                assert ch["top"] >= 40 and ch["bottom"] <= page.height - 20
                if table_top <= ch["top"] < page.height - 40:  # a cell's text stays on its own side
                    assert ch["x1"] <= mid or ch["x0"] >= mid


def test_missing_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FontMissingError, match="fonts-dejavu-core"):
        find_fonts((tmp_path,))


def test_markup_characters_are_text() -> None:
    finding = Finding(
        check="application.incomplete",
        status="fail",
        ground=2,
        document="a<b>&c.pdf",
        message=Message(kk="Жол <b>бос</b> & {x}", ru="Поле <i>пусто</i> & {x}"),
    )
    pdf = render_notice(
        samples.verdict("refused", (finding,)), None, provider_name="«Ақ & Қара» <ЖШС>", issued_at=samples.ISSUED_AT
    )
    page = pages(pdf)[0]
    assert "Жол <b>бос</b> & {x}" in page.kk and "Поле <i>пусто</i> & {x}" in page.ru
    assert "a<b>&c.pdf" in page.kk and "«Ақ & Қара» <ЖШС>" in page.whole


def test_a_review_notice_made_after_the_term_promises_no_past_date() -> None:
    from datetime import timedelta

    review = Finding(check="identity.iin_invalid", status="review", message=Message(kk="т", ru="п"))
    verdict = samples.verdict("needs_review", (review,))
    late = samples.ISSUED_AT + timedelta(days=3)  # a reprocess after due_by (16.09.2026)
    page = pages(render_notice(verdict, samples.manifest(), provider_name=samples.PROVIDER, issued_at=late))[0]
    assert "до 16.09.2026" not in page.ru and "16.09.2026 дейін" not in page.kk
    assert "Срок оказания государственной услуги истёк 16.09.2026" in page.ru
    assert "мерзімі 16.09.2026 аяқталды" in page.kk
    assert "проверяются специалистом" in page.ru


def test_an_operators_refusal_is_in_the_operators_words() -> None:
    """The pipeline's doubt ("Проверит специалист") is not a reason for refusal: the notice says what the
    specialist found, with their note."""
    from review_desk.operator_decisions import operator_verdict

    doubt = Finding(
        check="identity.name_mismatch",
        status="review",
        document="essay.pdf",
        message=Message(kk="ФИО сәйкес емес. Маман тексереді.", ru="ФИО не полностью совпадает. Проверит специалист."),
    )
    current = samples.verdict("needs_review", (doubt,))
    refused = operator_verdict(
        current,
        accept=False,
        refuse=("identity.name_mismatch", "consent.missing"),
        operator="aigerim",
        note="фамилия в дипломе другая",
        now=samples.ISSUED_AT,
    )
    page = pages(
        render_notice(refused, samples.manifest(), provider_name=samples.PROVIDER, issued_at=samples.ISSUED_AT)
    )[0]
    assert "Проверит специалист" not in page.ru and "Маман тексереді" not in page.kk
    assert "consent.missing" not in page.whole  # a name, not a code
    assert in_order(
        page.ru,
        ["1. По результатам проверки специалистом установлено:", "Примечание специалиста: фамилия в дипломе другая"],
    )
    assert in_order(page.ru, ["2. По результатам проверки специалистом установлено: нет согласия на доступ"])
    assert "Маманның тексеруі бойынша анықталды:" in page.kk
