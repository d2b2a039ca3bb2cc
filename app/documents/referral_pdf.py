"""The referral letter and the employee's copy as PDF (reportlab), and the consent texts.

Every PDF leaves here without identifying metadata (no author, creator, producer, title or XMP),
with its fonts embedded (DejaVu Sans: Turkish, Polish and Arabic render), with the
machine-readable attachment embedded as a file, and optionally encrypted with AES-256
(``/V 5 /R 6``, pikepdf) under a generated password that is shown once and never stored.

:func:`produce_referral` is the one path used by the screens and by ``vindplaats referral
render``; it refuses (ConsentError) without valid consent before anything is rendered.
"""

from __future__ import annotations

import functools
import io
import json
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.consent import (
    FIELD_KEYS,
    LANGUAGES,
    ConsentError,
    ConsentRecord,
    ConsentText,
    require_known_text,
)
from app.core.intake import Intake
from app.core.referral.letter import (
    EmployeeCopy,
    EmployeeCopyTexts,
    LetterFormat,
    ReferralLetter,
    build_employee_copy,
    build_letter,
)
from app.core.referral.view import (
    AdvisorProfile,
    ContactDetails,
    Recipient,
    Urgency,
    consented_view,
)
from app.core.route_settings import RouteSettings
from app.fileio import UserFiles
from app.i18n import N_

if TYPE_CHECKING:
    from app.shipped import ShippedData

PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105 - no 0/O, 1/I: read by phone
PASSWORD_GROUPS = 5
PASSWORD_GROUP_LENGTH = 4  # 20 characters from 32 symbols: 100 bits


# --- consent texts (resources/consent/<lang>.yaml) -------------------------------------------


@dataclass(frozen=True)
class ConsentBundle:
    """Everything shown to the employee in one language."""

    text: ConsentText
    right_to_left: bool
    field_labels: Mapping[str, str]
    methods: Mapping[str, str]
    copy: EmployeeCopyTexts
    question: str
    yes: str
    no: str


def load_consent_bundle(shipped: ShippedData, language: str) -> ConsentBundle:
    """The consent texts in ``language`` (from the shipped consent/<language>.yaml)."""
    if language not in LANGUAGES:
        raise ConsentError(N_("Voor deze taal is geen toestemmingstekst beschikbaar."))
    return shipped.derived(("consent-bundle", language), lambda: _bundle(language, shipped))


def _bundle(language: str, shipped: ShippedData) -> ConsentBundle:
    data = shipped.consent_data(language)
    labels = dict(data["field_labels"])
    missing = set(FIELD_KEYS) - set(labels)
    if missing or data.get("language") != language:
        raise ConsentError(N_("De toestemmingstekst in deze taal is onvolledig."))
    copy = data["copy"]
    methods = dict(data["methods"])
    screen = data["screen"]
    return ConsentBundle(
        text=ConsentText(language, str(data["version"]), str(data["consent_text"])),
        right_to_left=data.get("direction") == "rtl",
        field_labels=labels,
        methods=methods,
        copy=EmployeeCopyTexts(
            language=language,
            title=copy["title"],
            intro=copy["intro"],
            shared_with=copy["shared_with"],
            purpose=copy["purpose"],
            given_on=copy["given_on"],
            valid_until=copy["valid_until"],
            how_given=methods,
            shared_heading=copy["shared_heading"],
            values_note=copy.get("values_note") or "",
            withdraw_heading=copy["withdraw_heading"],
            withdraw_text=copy["withdraw_text"],
            employer_note=copy["employer_note"],
            field_labels=labels,
        ),
        question=str(screen["question"]),
        yes=str(screen["yes"]),
        no=str(screen["no"]),
    )


def known_text_hashes(
    shipped: ShippedData, languages: Iterable[str] = LANGUAGES
) -> dict[tuple[str, str], str]:
    """(language, version) -> SHA-256 of the consent texts that ship with the app."""
    out = {}
    for language in languages:
        if language not in LANGUAGES:
            continue
        text = load_consent_bundle(shipped, language).text
        out[(language, text.version)] = text.sha256
    return out


def render_consent_text(
    bundle: ConsentBundle,
    *,
    recipient: str,
    purpose: str,
    fields: Iterable[str],
    expires_on: date,
) -> str:
    """The consent explanation as the employee reads it (placeholders filled in)."""
    from app.i18n.formatting import format_date

    chosen = set(fields)
    # a right-to-left mark keeps the bullet on the reading side of an Arabic line
    bullet = "\u200f• " if bundle.right_to_left else "• "
    lines = "\n".join(bullet + bundle.field_labels[key] for key in FIELD_KEYS if key in chosen)
    return bundle.text.text.format(
        recipient=recipient,
        purpose=purpose,
        fields=lines,
        expires_on=format_date(expires_on, language=bundle.text.language),
    ).rstrip()


# --- formatting --------------------------------------------------------------------------------


def dutch_letter_format() -> LetterFormat:
    from app.i18n.formatting import format_date, format_money

    return LetterFormat(
        date=lambda day: format_date(day, language="nl"),
        money=lambda amount: format_money(amount, cents=False, language="nl"),
    )


def generate_password() -> str:
    """A random password that is easy to read out: e.g. ``K7QP-2MXD-9HTA-4WZE-RBN3``."""
    groups = (
        "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_GROUP_LENGTH))
        for _ in range(PASSWORD_GROUPS)
    )
    return "-".join(groups)


# --- rendering ---------------------------------------------------------------------------------


@functools.cache
def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    from app.documents.fonts import register_pdf_fonts

    regular, bold = register_pdf_fonts()
    dark = colors.HexColor("#1d2b36")
    base = ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14.5, textColor=dark)
    styles = {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=9, leading=12),
        "heading": ParagraphStyle(
            "heading",
            parent=base,
            fontName=bold,
            fontSize=11.5,
            leading=15,
            spaceBefore=9,
            spaceAfter=2,
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=bold, fontSize=15, leading=20, spaceAfter=6
        ),
        "subject": ParagraphStyle(
            "subject", parent=base, fontName=bold, spaceBefore=4, spaceAfter=8
        ),
        "urgent": ParagraphStyle(
            "urgent", parent=base, fontName=bold, textColor=colors.HexColor("#7a1c12")
        ),
        "label": ParagraphStyle("label", parent=base, fontName=bold, spaceBefore=5),
    }
    for name in list(styles):
        styles[name + "_rtl"] = ParagraphStyle(
            name + "_rtl", parent=styles[name], alignment=TA_RIGHT
        )
    return styles


def _doc_bytes(
    story: list[Any], *, footer: Callable[[int, int], str], language: str = "nl"
) -> bytes:
    """``footer(page, total)`` is the text at the bottom of each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from app.documents.fonts import prepare_text, register_pdf_fonts

    regular, _bold = register_pdf_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        invariant=1,  # fixed dates and ID: nothing in the file says when or by whom
        initialFontName=regular,  # else an unembedded Helvetica is referenced on every page
        author="",
        creator="",
        producer="",
        title="",
        subject="",
        keywords="",
    )

    from reportlab.pdfgen.canvas import Canvas

    class _NumberedCanvas(Canvas):
        """Draws the footer once the page count is known: "pagina 1 van 2"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            self.saveState()
            self.setFont(regular, 8)
            self.setFillGray(0.35)
            text = prepare_text(footer(self._pageNumber, total), language)
            if language == "ar":
                self.drawRightString(A4[0] - 22 * mm, 12 * mm, text)
            else:
                self.drawString(22 * mm, 12 * mm, text)
            self.restoreState()

    doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def _para(text: str, style_name: str, language: str = "nl") -> Any:
    from app.documents.fonts import paragraph

    styles = _styles()
    key = style_name + ("_rtl" if language == "ar" else "")
    return paragraph(text, styles[key], language)


def _finish(
    pdf_bytes: bytes,
    attachments: Mapping[str, bytes] | None = None,
    password: str | None = None,
) -> bytes:
    """Strip every bit of document metadata, embed the attachments and, with a password,
    encrypt with AES-256 – in one pikepdf pass."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        for name, data in (attachments or {}).items():
            pdf.attachments[name] = pikepdf.AttachedFileSpec(
                pdf,
                data,
                mime_type="application/json",
                description="Machineleesbare gegevens van deze verwijzing (JSON)",
            )
        out = io.BytesIO()
        if password is None:
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
        else:
            pdf.save(out, fix_metadata_version=False, encryption=_encryption(password))
        return out.getvalue()


def _encryption(password: str) -> Any:
    import pikepdf

    # AES-256 (/V 5 /R 6); the owner password is random and thrown away, printing stays allowed
    return pikepdf.Encryption(user=password, owner=secrets.token_urlsafe(32), R=6, aes=True)


def encrypt_pdf(pdf_bytes: bytes, password: str) -> bytes:
    """AES-256 (``/V 5 /R 6``): the password opens the file; printing stays allowed."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=_encryption(password), fix_metadata_version=False)
        return out.getvalue()


def attachment_bytes(letter: ReferralLetter) -> bytes:
    return json.dumps(letter.attachment, ensure_ascii=False, indent=2, sort_keys=False).encode(
        "utf-8"
    )


def render_letter_pdf(letter: ReferralLetter, password: str | None = None) -> bytes:
    """The Dutch letter to the recipient, with the JSON attachment; encrypted with a password."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

    story: list[Any] = []
    for line in letter.sender_lines:
        story.append(_para(line, "small"))
    story.append(Spacer(1, 8 * mm))
    for line in letter.recipient_lines:
        story.append(_para(line, "body"))
    story.append(Spacer(1, 8 * mm))
    story.append(_para("Datum: " + letter.place_date, "body"))
    story.append(_para(letter.subject, "subject"))
    if letter.urgent:
        box = Table([[_para(letter.urgent, "urgent")]], colWidths=["100%"])
        box.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), _styles()["body"].fontName),
                    ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#b3261e")),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdecea")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        story += [box, Spacer(1, 4 * mm)]
    story.append(_para(letter.salutation, "body"))
    story.append(Spacer(1, 2 * mm))
    story.append(_para(letter.intro, "body"))
    for block in letter.blocks:
        parts = [_para(block.heading, "heading")]
        parts += [_para(text, "body") for text in block.paragraphs]
        story.append(KeepTogether(parts))
    story.append(_para("Warme overdracht", "heading"))
    story.append(_para(letter.handover, "body"))

    consent_parts = [_para("Toestemming", "heading")]
    consent_parts += [_para(text, "small") for text in letter.consent_statement]
    consent_box = Table([[consent_parts]], colWidths=["100%"])
    consent_box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), _styles()["body"].fontName),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#eef3f7")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story += [Spacer(1, 4 * mm), consent_box, Spacer(1, 6 * mm)]
    story.append(KeepTogether([_para(line, "body") for line in letter.closing]))
    story.append(Spacer(1, 8 * mm))

    if letter.signatures:
        cells = []
        for signature in letter.signatures:
            cell = [_para(signature.caption, "label")]
            for caption in signature.lines:
                cell.append(Spacer(1, 5 * mm))
                cell.append(_para(caption + ": ______________________________", "body"))
            cells.append(cell)
        signatures = Table([cells], colWidths=[f"{100 / len(cells)}%"] * len(cells))
        signatures.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), _styles()["body"].fontName),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(KeepTogether([signatures]))

    code = letter.subject.rsplit(" ", 1)[-1]
    pdf = _doc_bytes(
        story,
        footer=lambda page, total: f"Vertrouwelijk · verwijzing {code} · pagina {page} van {total}",
    )
    return _finish(pdf, {letter.attachment_name: attachment_bytes(letter)}, password)


def render_employee_copy_pdf(copy: EmployeeCopy, password: str | None = None) -> bytes:
    """The employee's copy in their own language (right to left for Arabic); it holds the
    same personal data as the letter, so it is encrypted with the letter's password if any."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    lang = copy.language
    story: list[Any] = [_para(copy.title, "title", lang), _para(copy.intro, "body", lang)]
    story.append(Spacer(1, 4 * mm))
    for label, value in copy.facts:
        if label:
            story.append(_para(label, "label", lang))
        story.append(_para(value, "body", lang))
    story.append(_para(copy.shared_heading, "heading", lang))
    if copy.values_note:
        story.append(_para(copy.values_note, "small", lang))
    for label, value in copy.shared:
        story.append(_para(label, "label", lang))
        # the values are the Dutch text of the letter; keep them left-to-right
        story.append(_para(value, "body" if lang != "ar" else "body_rtl", "nl"))
    story.append(_para(copy.withdraw_heading, "heading", lang))
    story.append(_para(copy.withdraw_text, "body", lang))
    story.append(Spacer(1, 3 * mm))
    story.append(_para(copy.employer_note, "label", lang))
    # In the employee's language: "1 / 2" needs no word for "page".
    return _finish(
        _doc_bytes(
            story, footer=lambda page, total: f"{copy.title} · {page} / {total}", language=lang
        ),
        password=password,
    )


def warm_up() -> None:
    """Load the PDF libraries and fonts ahead of the first letter (call off the GUI thread)."""
    import holidays.countries  # noqa: F401 - the deadline's holiday calendar
    import pikepdf  # noqa: F401
    import reportlab.platypus  # noqa: F401

    _styles()


# --- the one path ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralDocuments:
    letter: ReferralLetter
    letter_pdf: bytes
    copy_pdf: bytes
    password: str | None  # shown once; never stored; opens the letter and the copy

    def save(self, letter_path: Path, copy_path: Path | None = None, *, files: UserFiles) -> None:
        """Both targets are checked before either is written (never beside a vault)."""
        items = [(letter_path, self.letter_pdf)]
        if copy_path is not None:
            items.append((copy_path, self.copy_pdf))
        files.write_all(items)


def produce_referral(
    intake: Intake,
    consent: ConsentRecord | None,
    advisor: AdvisorProfile,
    recipient: Recipient,
    today: date,
    *,
    settings: RouteSettings,
    urgency: Urgency | None = None,
    contact: ContactDetails | None = None,
    employer_name: str = "",
    encrypt: bool = False,
    shipped: ShippedData,
) -> ReferralDocuments:
    """Check consent, build the letter from the consent-filtered view, render both PDFs.

    ``settings`` are the loaded routes.yaml's (``rules.settings``): the Wgs term of the
    default urgency and the municipality code in the attachment.
    ``shipped``: the consent texts and fonts (``AppContext.shipped``, ``args.shipped``)."""
    if consent is not None:
        require_known_text(consent, known_text_hashes(shipped, [consent.language]))
    view = consented_view(
        intake,
        consent,
        today,
        settings=settings,
        urgency=urgency,
        contact=contact,
        employer_name=employer_name,
    )
    if not advisor.is_complete:
        raise ConsentError(
            N_("Vul eerst uw naam en functie in; die staan als afzender in de brief.")
        )
    letter = build_letter(view, advisor, recipient, dutch_letter_format())
    bundle = load_consent_bundle(shipped, view.consent.language)

    from app.i18n.formatting import format_date

    copy = build_employee_copy(
        view,
        letter,
        bundle.copy,
        lambda day: format_date(day, language=view.consent.language),
    )
    password = generate_password() if encrypt else None
    letter_pdf = render_letter_pdf(letter, password)
    copy_pdf = render_employee_copy_pdf(copy, password)
    return ReferralDocuments(letter, letter_pdf, copy_pdf, password)
