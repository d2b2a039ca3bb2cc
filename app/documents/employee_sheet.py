"""The employee's next step, to take home: a sheet in the employee's own language.

Many employees do not agree to a referral in the first conversation; the sheet keeps the next
step small. It lists the two or three routes of the advice (the advisor's own choice first)
with how to reach them, what to bring and what the municipality must do by when (the Wgs terms
from the rules' settings), Geldfit's free anonymous line and one line of encouragement.

It holds no name, no case code and no amounts unless the employee asks for them
(``with_amounts``). It is made from the same route data as the advice (``ShippedData.rules``
→ :func:`app.core.routes.advise`). The texts are Dutch source strings with the message context
``"employee"``, translated with ``translator(language)`` while the screens stay in the advisor's
language. Route names, organisations and contact details are the Dutch data of routes.yaml.

One :class:`EmployeeSheet` (plain lines) is rendered twice: as a PDF (reportlab, Arabic shaped
and right to left through :mod:`app.documents.fonts`) to save, and as HTML for printing and for
the full-screen view (Qt lays out Arabic itself).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.routes import Advice, RouteAdvice, RuleSet
from app.fileio import UserFiles
from app.i18n import NP_, Translator, translator
from app.i18n.formatting import format_date, format_money

MAX_ROUTES = 3
GELDFIT = "geldfit"

TITLE = NP_("employee", "Uw volgende stap")
INTRO = NP_(
    "employee",
    "U hebt met de vertrouwenspersoon gepraat over geld. Hier staat waar u hulp kunt krijgen. "
    "U beslist zelf of en wanneer u contact opneemt.",
)
ROUTES_HEADING = NP_("employee", "Waar u terecht kunt")
REACH = NP_("employee", "Zo neemt u contact op")
PHONE = NP_("employee", "Bel: {value}")
WEB = NP_("employee", "Kijk op: {value}")
CHECK = NP_("employee", "Doe eerst de check: {value}")
NO_CONTACT = NP_(
    "employee",
    "Hoe u zich aanmeldt, is nog niet bekend. Bel de gemeente of Geldfit; zij wijzen u de weg.",
)
HELPER = NP_(
    "employee",
    "Dit vraagt u aan samen met een hulpverlener, bijvoorbeeld maatschappelijk werk.",
)
BRING = NP_("employee", "Neem mee")
BRING_LETTERS = NP_("employee", "de brieven en rekeningen die u hebt gekregen")
BRING_THREAT = NP_(
    "employee", "de brief over de ontruiming, afsluiting of opzegging (of een foto ervan)"
)
BRING_ID = NP_("employee", "een identiteitsbewijs")
BRING_INCOME = NP_("employee", "uw laatste loonstrook en een overzicht van uw vaste lasten")
BRING_BUSINESS = NP_("employee", "de papieren van uw bedrijf (KvK-nummer, belastingaangifte)")
MUNICIPALITY = NP_("employee", "Wat de gemeente moet doen")
CRISIS_TERM = NP_(
    "employee",
    "Zeg dat het om een bedreigende situatie gaat. Na uw aanmelding moet de gemeente binnen "
    "{days} werkdagen met u in gesprek.",
)
REGULAR_TERM = NP_(
    "employee",
    "Na uw aanmelding moet de gemeente binnen {weeks} weken een eerste gesprek met u hebben.",
)
BY_DATE = NP_("employee", "Meldt u zich vandaag aan, dan is dat uiterlijk {date}.")
LAW = NP_("employee", "Dat staat in de wet (Wet gemeentelijke schuldhulpverlening).")
MUNICIPAL_CHOICE = NP_("employee", "Dat heeft de gemeente zelf afgesproken.")
AMOUNT_DEBT = NP_("employee", "Uw schulden samen: ongeveer {amount}.")
AMOUNT_GIFT = NP_("employee", "Een gift kan tot ongeveer {amount}.")
AMOUNT_LOAN = NP_("employee", "Een renteloze lening kan tot ongeveer {amount}.")
GELDFIT_HEADING = NP_("employee", "Gratis en anoniem")
GELDFIT_TEXT = NP_(
    "employee",
    "Bij Geldfit kunt u gratis en anoniem bellen of chatten. U hoeft uw naam niet te noemen.",
)
ENCOURAGEMENT = NP_(
    "employee",
    "Hulp vragen is een sterke stap. U hoeft het niet alleen te doen, en het is nooit te laat.",
)
FOOTER = NP_("employee", "Op dit blad staan geen naam en geen gegevens uit het gesprek.")

# What each route does, in words for the employee (routes.yaml's explanation is written for the
# advisor and is Dutch only). Unknown route ids simply get no description.
WHAT: dict[str, str] = {
    "shv-crisis": NP_(
        "employee",
        "De gemeente helpt snel als u uw huis of gas, water of stroom dreigt te verliezen.",
    ),
    "shv": NP_(
        "employee",
        "De gemeente helpt gratis met schulden: met advies, een betalingsregeling of een "
        "schuldregeling. Ook als u werkt.",
    ),
    "ondernemers": NP_(
        "employee", "Hulp voor wie een eigen bedrijf heeft: met inkomen, het bedrijf en schulden."
    ),
    "sunz": NP_(
        "employee",
        "Een fonds in Zoetermeer dat kleine schulden oplost met een gift of een lening "
        "zonder rente.",
    ),
    "jpf": NP_(
        "employee",
        "Voor jongeren van 18 tot en met 27 jaar: het fonds neemt de schulden over en een "
        "begeleider maakt samen met u een plan.",
    ),
    "voedselbank": NP_(
        "employee",
        "Een wekelijks voedselpakket, voor een tijd, als er te weinig over is voor eten.",
    ),
    "maatschappelijk-werk": NP_(
        "employee",
        "Een maatschappelijk werker helpt bij geldzorgen en bij wat er verder speelt, "
        "zoals stress, wonen of een scheiding.",
    ),
    "schuldhulpmaatje": NP_(
        "employee",
        "Een getrainde vrijwilliger helpt u thuis stap voor stap met uw geldzaken.",
    ),
    "humanitas": NP_(
        "employee", "Een vrijwilliger helpt u om de post en de rekeningen weer op orde te krijgen."
    ),
    "formulierenbrigade": NP_(
        "employee",
        "Hulp bij het invullen van formulieren, zodat u krijgt waar u recht op hebt.",
    ),
    "jip": NP_(
        "employee", "Jongerenwerkers helpen jongeren verder met vragen over geld, werk of school."
    ),
    "geldfit": NP_(
        "employee", "Een gratis, anonieme test en hulplijn die u de weg wijst naar hulp."
    ),
}


@dataclass(frozen=True)
class SheetRoute:
    name: str  # routes.yaml (Dutch data)
    organisation: str  # routes.yaml (Dutch data)
    what: str
    reach: tuple[str, ...]
    bring: tuple[str, ...]
    municipality: tuple[str, ...]  # what the municipality must do, and by when
    amounts: tuple[str, ...]


@dataclass(frozen=True)
class EmployeeSheet:
    language: str
    right_to_left: bool
    title: str
    intro: str
    routes_heading: str
    reach_heading: str
    bring_heading: str
    municipality_heading: str
    routes: tuple[SheetRoute, ...]
    geldfit_heading: str
    geldfit: tuple[str, ...]  # empty when Geldfit is not in the rules
    encouragement: str
    footer: str

    def text(self) -> str:
        """All the words of the sheet, one per line (for tests and the accessible name)."""
        lines = [self.title, self.intro, self.routes_heading]
        for route in self.routes:
            lines += [route.name, route.organisation, route.what, self.reach_heading]
            lines += [*route.reach, self.bring_heading, *route.bring]
            if route.municipality:
                lines += [self.municipality_heading, *route.municipality]
            lines += list(route.amounts)
        if self.geldfit:
            lines += [self.geldfit_heading, *self.geldfit]
        lines += [self.encouragement, self.footer]
        return "\n".join(line for line in lines if line)


def sheet_routes(advice: Advice, chosen_route: str | None = None) -> list[RouteAdvice]:
    """The two or three routes for the sheet: the advisor's choice first, then the advice's
    routes in their order; Geldfit has its own block and is left out here."""
    ordered = list(advice.routes)
    if chosen_route is not None:
        chosen = [route for route in ordered if route.route_id == chosen_route]
        ordered = chosen + [route for route in ordered if route.route_id != chosen_route]
    return [route for route in ordered if route.route_id != GELDFIT][:MAX_ROUTES]


def _reach(t: Translator, contact) -> tuple[str, ...]:
    lines: list[str] = []
    if contact.get("phone"):
        lines.append(t.employee(PHONE).format(value=contact["phone"]))
    if contact.get("web"):
        lines.append(t.employee(WEB).format(value=_bare(contact["web"])))
    if contact.get("check"):
        lines.append(t.employee(CHECK).format(value=_bare(contact["check"])))
    if not lines:
        lines.append(t.employee(NO_CONTACT))
    return tuple(lines)


def _bare(url: str) -> str:
    """``https://www.geldfit.nl`` → ``www.geldfit.nl``: shorter to type over from paper."""
    for prefix in ("https://", "http://"):
        if url.startswith(prefix):
            return url[len(prefix) :].rstrip("/")
    return url


def _bring(t: Translator, route: RouteAdvice) -> tuple[str, ...]:
    items: list[str] = []
    if route.deadline is not None and route.term is not None and route.term.kind == "crisis":
        items.append(BRING_THREAT)
    items.append(BRING_LETTERS)
    if route.wgs or route.instrument is not None:
        items.append(BRING_INCOME)
    if route.route_id == "ondernemers":
        items.append(BRING_BUSINESS)
    if route.wgs:
        items.append(BRING_ID)
    return tuple(t.employee(item) for item in items)


def _municipality(t: Translator, route: RouteAdvice, rules: RuleSet) -> tuple[str, ...]:
    term = route.term
    if term is None:
        return ()
    terms = rules.settings.terms
    if term.kind == "crisis":
        lines = [t.employee(CRISIS_TERM).format(days=terms.crisis_working_days)]
    else:
        lines = [t.employee(REGULAR_TERM).format(weeks=terms.regular_weeks)]
    day = route.deadline or term.date
    lines.append(t.employee(BY_DATE).format(date=format_date(day, language=t.language)))
    lines.append(t.employee(LAW if term.source == "wgs" else MUNICIPAL_CHOICE))
    return tuple(lines)


def _amounts(t: Translator, route: RouteAdvice) -> tuple[str, ...]:
    instrument = route.instrument
    if instrument is None:
        return ()

    def money(value) -> str:
        return format_money(value, cents=False, language=t.language)

    lines = [t.employee(AMOUNT_DEBT).format(amount=money(instrument.debt))]
    if instrument.gift:
        lines.append(t.employee(AMOUNT_GIFT).format(amount=money(instrument.gift_max)))
    if instrument.loan:
        lines.append(t.employee(AMOUNT_LOAN).format(amount=money(instrument.loan_max)))
    return tuple(lines)


def build_sheet(
    advice: Advice,
    rules: RuleSet,
    language: str,
    *,
    chosen_route: str | None = None,
    with_amounts: bool = False,
) -> EmployeeSheet:
    """The sheet for ``advice`` in ``language`` (nl, en, tr, pl, ar; xx in tests)."""
    t = translator(language)
    # route names and organisations in the employee's language where routes.yaml has them
    local = rules.localized(language)
    routes = []
    for route in sheet_routes(advice, chosen_route):
        what = WHAT.get(route.route_id)
        shown = local.route(route.route_id)
        routes.append(
            SheetRoute(
                name=shown.name if shown is not None else route.name,
                organisation=shown.organisation if shown is not None else route.organisation,
                what=t.employee(what) if what else "",
                reach=_reach(t, route.contact)
                + ((t.employee(HELPER),) if route.via_helper_only else ()),
                bring=_bring(t, route),
                municipality=_municipality(t, route, rules),
                amounts=_amounts(t, route) if with_amounts else (),
            )
        )
    geldfit_route = next((r for r in rules.routes if r.id == GELDFIT and r.enabled), None)
    geldfit: tuple[str, ...] = ()
    if geldfit_route is not None:
        geldfit = (t.employee(GELDFIT_TEXT), *_reach(t, geldfit_route.contact))
    return EmployeeSheet(
        language=language,
        right_to_left=t.is_rtl,
        title=t.employee(TITLE),
        intro=t.employee(INTRO),
        routes_heading=t.employee(ROUTES_HEADING),
        reach_heading=t.employee(REACH),
        bring_heading=t.employee(BRING),
        municipality_heading=t.employee(MUNICIPALITY),
        routes=tuple(routes),
        geldfit_heading=t.employee(GELDFIT_HEADING),
        geldfit=geldfit,
        encouragement=t.employee(ENCOURAGEMENT),
        footer=t.employee(FOOTER),
    )


# --- PDF --------------------------------------------------------------------------------------


def render_sheet_pdf(sheet: EmployeeSheet) -> bytes:
    """The sheet as PDF bytes (A4), without a name, a case code or identifying metadata."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer

    from app.documents.fonts import paragraph, register_pdf_fonts

    regular, bold = register_pdf_fonts()
    align = {"alignment": TA_RIGHT} if sheet.right_to_left else {}
    accent = colors.HexColor("#2f6f8f")
    styles = {
        "title": ParagraphStyle(
            "title", fontName=bold, fontSize=20, leading=25, textColor=accent, **align
        ),
        "h1": ParagraphStyle(
            "h1", fontName=bold, fontSize=14, leading=18, spaceBefore=8, spaceAfter=4, **align
        ),
        "route": ParagraphStyle(
            "route", fontName=bold, fontSize=12, leading=16, textColor=accent, **align
        ),
        "label": ParagraphStyle(
            "label", fontName=bold, fontSize=10, leading=13, spaceBefore=3, **align
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10.5, leading=14, **align),
        "small": ParagraphStyle(
            "small", fontName=regular, fontSize=8.5, leading=11, textColor=colors.grey, **align
        ),
        "bullet": ParagraphStyle(
            "bullet", fontName=regular, fontSize=10.5, leading=14, leftIndent=8, **align
        ),
        "big": ParagraphStyle(
            "big", fontName=bold, fontSize=12, leading=16, spaceBefore=10, **align
        ),
    }
    lang = sheet.language

    def p(text: str, style: str):
        return paragraph(text, styles[style], lang)

    story: list = [p(sheet.title, "title"), Spacer(1, 2 * mm), p(sheet.intro, "body")]
    story.append(p(sheet.routes_heading, "h1"))
    for route in sheet.routes:
        block: list = [p(route.name, "route"), p(route.organisation, "small")]
        if route.what:
            block.append(p(route.what, "body"))
        block.append(p(sheet.reach_heading, "label"))
        block += [p(line, "bullet") for line in route.reach]
        block.append(p(sheet.bring_heading, "label"))
        block += [p("• " + item, "bullet") for item in route.bring]
        if route.municipality:
            block.append(p(sheet.municipality_heading, "label"))
            block.append(p(" ".join(route.municipality), "body"))
        block += [p(line, "body") for line in route.amounts]
        block.append(Spacer(1, 4 * mm))
        story.append(KeepTogether(block))
    if sheet.geldfit:
        story.append(
            KeepTogether(
                [p(sheet.geldfit_heading, "h1"), *[p(line, "body") for line in sheet.geldfit]]
            )
        )
    story.append(p(sheet.encouragement, "big"))
    story.append(Spacer(1, 6 * mm))
    story.append(p(sheet.footer, "small"))

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=sheet.title,
        author="",
        subject="",
        creator="",
        producer="",
        lang=lang,
        invariant=1,
    )
    document.build(story)
    return buffer.getvalue()


def write_sheet(path: Path | str, sheet: EmployeeSheet, *, files: UserFiles) -> Path:
    """Render and write the sheet atomically where the employee chose; returns the path."""
    target = Path(path)
    files.check(target)  # a refused place (the data folder, beside a vault) costs no rendering
    files.write(target, render_sheet_pdf(sheet))
    return target


# --- HTML (printing and the full-screen view) -------------------------------------------------


def sheet_html(sheet: EmployeeSheet, *, scale: float = 1.0) -> str:
    """The sheet as simple HTML for QTextDocument (printing) and the full-screen view."""

    def e(text: str) -> str:
        return html.escape(text)

    direction = "rtl" if sheet.right_to_left else "ltr"
    align = "right" if sheet.right_to_left else "left"
    size = round(11 * scale)
    parts = [
        f'<html><body dir="{direction}" style="font-size:{size}pt; text-align:{align};">',
        f'<h1 style="color:#2f6f8f;">{e(sheet.title)}</h1>',
        f"<p>{e(sheet.intro)}</p>",
        f"<h2>{e(sheet.routes_heading)}</h2>",
    ]
    for route in sheet.routes:
        parts.append(f'<h3 style="color:#2f6f8f;">{e(route.name)}</h3>')
        parts.append(f'<p style="color:#555555;">{e(route.organisation)}</p>')
        if route.what:
            parts.append(f"<p>{e(route.what)}</p>")
        parts.append(f"<p><b>{e(sheet.reach_heading)}</b><br/>")
        parts.append("<br/>".join(e(line) for line in route.reach) + "</p>")
        parts.append(f"<p><b>{e(sheet.bring_heading)}</b></p><ul>")
        parts += [f"<li>{e(item)}</li>" for item in route.bring]
        parts.append("</ul>")
        if route.municipality:
            parts.append(f"<p><b>{e(sheet.municipality_heading)}</b><br/>")
            parts.append(e(" ".join(route.municipality)) + "</p>")
        parts += [f"<p>{e(line)}</p>" for line in route.amounts]
    if sheet.geldfit:
        parts.append(f"<h2>{e(sheet.geldfit_heading)}</h2>")
        parts.append("<p>" + "<br/>".join(e(line) for line in sheet.geldfit) + "</p>")
    parts.append(f"<p><b>{e(sheet.encouragement)}</b></p>")
    parts.append(f'<p style="color:#777777; font-size:{max(size - 3, 7)}pt;">{e(sheet.footer)}</p>')
    parts.append("</body></html>")
    # Qt's rich text takes direction and alignment per block, not from the body
    block = f'dir="{direction}" align="{align}"'
    return re.sub(
        r"<(p|h1|h2|h3|ul|li)(?=[ >])", lambda m: f"<{m.group(1)} {block}", "\n".join(parts)
    )


def sheet_languages() -> Sequence[str]:
    from app.i18n import LANGUAGES

    return LANGUAGES
