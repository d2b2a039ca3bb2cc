"""Workshop handout (PDF): the signal catalogue and an overview of the local help routes.

Made only from shipped data (``signals.yaml``, ``routes.yaml``): it never holds a case, a
count or anything from the vault, so a trainer can print and hand it out freely.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.core.routes import RuleSet
from app.core.signals import Catalogue
from app.core.training import route_options
from app.documents.fonts import paragraph, prepare_text, register_pdf_fonts
from app.fileio import UserFiles
from app.i18n import _

_ACCENT = colors.HexColor("#2f6f8f")
_SHADE = colors.HexColor("#eef3f6")
_CAUTION = colors.HexColor("#7a4a00")


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_pdf_fonts()
    return {
        "title": ParagraphStyle(
            "title", fontName=bold, fontSize=20, leading=25, spaceAfter=4, textColor=_ACCENT
        ),
        "subtitle": ParagraphStyle("subtitle", fontName=regular, fontSize=11, leading=15),
        "h1": ParagraphStyle(
            "h1", fontName=bold, fontSize=15, leading=19, spaceBefore=8, spaceAfter=6
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName=bold,
            fontSize=12,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            textColor=_ACCENT,
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13, spaceAfter=3),
        "bullet": ParagraphStyle(
            "bullet", fontName=regular, fontSize=9.5, leading=13, leftIndent=10, bulletIndent=0
        ),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=11),
        "cellbold": ParagraphStyle("cellbold", fontName=bold, fontSize=8.5, leading=11),
        "head": ParagraphStyle(
            "head", fontName=bold, fontSize=8.5, leading=11, textColor=colors.white
        ),
        "caution": ParagraphStyle(
            "caution",
            fontName=regular,
            fontSize=8,
            leading=10.5,
            textColor=_CAUTION,
            spaceBefore=2,
        ),
        "route": ParagraphStyle("route", fontName=bold, fontSize=10.5, leading=14),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8, leading=10.5),
    }


def render_handout(catalogue: Catalogue, rules: RuleSet, *, language: str = "nl") -> bytes:
    """The handout as PDF bytes (A4 portrait)."""
    styles = _styles()
    regular, _bold = register_pdf_fonts()

    def p(text: str, style: str):
        return paragraph(text, styles[style], language)

    story: list = [
        p(_("Geldzorgen herkennen en bespreken"), "title"),
        p(
            _("Handout bij de workshop signaleren – Vindplaats, gemeente {name}").format(
                name=rules.municipality
            ),
            "subtitle",
        ),
        Spacer(1, 6 * mm),
        p(
            _(
                "Werkgevers zien geldzorgen vaak als eerste. Deze handout zet op een rij wat je "
                "kunt zien, waarom het ertoe doet en wat je zou kunnen zeggen. Daarna volgt een "
                "overzicht van de hulp in de buurt."
            ),
            "body",
        ),
    ]
    for note in catalogue.usage_notes:
        story.append(paragraph("• " + note, styles["bullet"], language))
    if not catalogue.reviewed:
        story.append(
            p(
                _(
                    "De teksten van de signalen zijn nog niet door de gemeente gecontroleerd "
                    "(te bevestigen door de gemeente)."
                ),
                "caution",
            )
        )

    story.append(p(_("Signalen: wat je ziet, waarom het ertoe doet, wat je kunt zeggen"), "h1"))
    header = [
        p(_("Wat je ziet"), "head"),
        p(_("Waarom het ertoe doet"), "head"),
        p(_("Wat je zou kunnen zeggen"), "head"),
    ]
    widths = [48 * mm, 62 * mm, 70 * mm]
    for group in catalogue.groups:
        categories = [c for c in catalogue.active() if c.group == group.id]
        if not categories:
            continue
        rows = [header]
        for category in categories:
            why: list = [p(category.why, "cell")]
            if category.caution:
                why.append(p(_("Let op: {text}").format(text=category.caution), "caution"))
            rows.append([p(category.label, "cellbold"), why, p(category.opener, "cell")])
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), _ACCENT),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, _SHADE]),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#c9d6de")),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.append(CondPageBreak(40 * mm))
        story.append(p(group.label, "h2"))
        story.append(table)

    story.append(PageBreak())
    story.append(p(_("Hulproutes in {name}").format(name=rules.municipality), "h1"))
    story.append(
        p(
            _(
                "Bij een bedreigende situatie – een brief over ontruiming, afsluiting van gas, "
                "water, stroom of stadsverwarming, of opzegging van de zorgverzekering – moet de "
                "gemeente binnen {days} werkdagen helpen. Anders is het eerste gesprek binnen "
                "{weeks} weken."
            ).format(days=rules.crisis_working_days, weeks=rules.regular_weeks),
            "body",
        )
    )
    story.append(
        p(
            _(
                "Een vertrouwenspersoon van de werkgever telt niet als hulpverlener. Routes die "
                "alleen via een hulpverlener gaan, lopen via maatschappelijk werk of de gemeente."
            ),
            "body",
        )
    )
    story.append(Spacer(1, 3 * mm))
    for route in route_options(rules):
        block: list = [p(route.name, "route"), p(route.organisation, "small")]
        block.append(p(route.explanation, "body"))
        contact = _contact_line(route.contact)
        if contact:
            block.append(p(contact, "small"))
        if route.via_helper_only:
            block.append(p(_("Alleen aan te vragen via een hulpverlener."), "caution"))
        if route.unverified:
            block.append(p(_("Te bevestigen door de gemeente."), "caution"))
        block.append(Spacer(1, 3 * mm))
        story.append(KeepTogether(block))

    footer = _("Vindplaats – trainingsmateriaal. Bevat geen persoonsgegevens.")

    def on_page(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(18 * mm, 10 * mm, prepare_text(footer, language))
        canvas.drawRightString(
            A4[0] - 18 * mm,
            10 * mm,
            prepare_text(_("Pagina {n}").format(n=document.page), language),
        )
        canvas.restoreState()

    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=_("Geldzorgen herkennen en bespreken"),
        author="Vindplaats",
        subject=_("Handout bij de workshop signaleren"),
        creator="Vindplaats",
        lang=language,
    )
    pdf.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def write_handout(
    path: Path | str,
    catalogue: Catalogue,
    rules: RuleSet,
    *,
    files: UserFiles,
    language: str = "nl",
) -> Path:
    """Render and write the handout atomically; returns the path."""
    target = Path(path)
    files.check(target)  # before the rendering, so a refused place costs no time
    files.write(target, render_handout(catalogue, rules, language=language))
    return target


def _contact_line(contact) -> str:
    parts: list[str] = []
    if contact.get("phone"):
        parts.append(_("Telefoon: {value}").format(value=contact["phone"]))
    if contact.get("web"):
        parts.append(_("Website: {value}").format(value=contact["web"]))
    if contact.get("check"):
        parts.append(_("Check: {value}").format(value=contact["check"]))
    if contact.get("note"):
        parts.append(str(contact["note"]))
    return " · ".join(parts)
