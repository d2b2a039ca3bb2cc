"""Route advice: which local help fits this intake, why, and by when.

The rules are data (``resources/routes.yaml``). The caller loads the file and passes the
parsed mapping to :func:`load_rules` (checked in :mod:`app.core.routes_loader`); this module
does no I/O.

How a rules file works:

- The engine turns an intake into *facts* (``ontruiming``, ``loonbeslag``, ``leeftijd_18_27``,
  ...; see :data:`FACTS`). Which facts exist is fixed here; the Dutch sentence for each fact
  ("er is een afsluitingsbrief van het energiebedrijf") is in the rules file. A sentence may
  use ``{placeholders}`` for amounts (see :func:`_placeholders`).
- ``crisis_facts`` lists the facts that make a threatening situation, each with its
  ``source``: ``wgs`` (the Wgs names it: eviction, cut-off of gas/water/electricity/district
  heating, cancelled health insurance; :data:`WGS_THREATS`) or ``gemeente`` (a municipal
  addition, e.g. business seizure or cancelled bank credit for the self-employed, or
  ``loonbeslag``). They together form the fact ``crisis``.
- A route is advised when one of its ``conditions`` holds. A condition has ``all`` (every fact
  true), ``any`` (at least one true) and ``none`` (no fact true); the reasons shown are the
  sentences of the facts that made it hold, or the condition's own ``reason``, plus the
  sentences of the ``show`` facts that are true (they explain, they never decide).
- A route that is switched off (``enabled: false``) is never advised. ``pilot: true`` marks a
  pilot ("pilot, te bevestigen") that the municipality can switch off.
- A route that only a helper can apply for (``via_helper_only``) brings its ``helper_route``
  along, because the employer's confidential advisor does not count as that helper.
- A ``fallback`` route is advised when nothing else is.
- ``wgs``: whether the Wgs binds the route (municipal debt help). Only such a route has a
  ``deadline``: ``crisis`` (the crisis term), ``wgs`` (the crisis term in a crisis, else
  the regular term) or ``none``; the terms are ``deadlines`` (see app.core.route_settings).
  The term says whether it comes from the law or from the municipality.
- ``instrument: sunz``: the engine says which SUNZ instrument fits (gift, loan, or both) and
  whether there is room to repay the loan.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_UP, Decimal
from typing import Any, Final

from app.core.bounded import one_line
from app.core.concepts.age import AgeBand
from app.core.concepts.arrears import ArrearKind
from app.core.concepts.life_areas import LifeArea
from app.core.concepts.threats import Threat
from app.core.intake import Intake
from app.core.localized import SOURCE_LANGUAGE, Translations, pick
from app.core.route_settings import RouteSettings, fill_terms
from app.core.workdays import dutch_holidays, wgs_deadline

RULES_SCHEMA_VERSION: Final = "1.0"
ADVICE_SCHEMA_VERSION: Final = "1.1"

DEADLINE_KINDS: Final = ("crisis", "wgs", "none")
SOURCES: Final = ("wgs", "gemeente")
INSTRUMENTS: Final = ("sunz",)

WGS_THREATS: Final[frozenset[str]] = frozenset(
    {
        Threat.EVICTION.value,
        Threat.CUT_OFF_GAS.value,
        Threat.CUT_OFF_WATER.value,
        Threat.CUT_OFF_ELECTRICITY.value,
        Threat.CUT_OFF_DISTRICT_HEATING.value,
        Threat.HEALTH_INSURANCE_CANCELLED.value,
    }
)
"""The threatening situations the Wgs itself names (art. 1 Wgs, 'bedreigende situatie')."""

_GENERAL_FACTS: Final = (
    "crisis",
    "loonbeslag",
    "bankbeslag",
    "deurwaarder",
    "incassobureau",
    "zelfstandige",
    "zakelijke_schuld",
    "schulden",
    "geen_schulden",
    "schuld_binnen_sunz_grens",
    "schuld_boven_sunz_grens",
    "sunz_gift_past",
    "sunz_lening_past",
    "aflosruimte_genoeg",
    "aflosruimte_navragen",
    "aflosruimte_te_krap",
    "veel_schuldeisers",
    "leeftijd_onder_18",
    "leeftijd_18_27",
    "leeftijd_28_plus",
    "te_weinig_voor_eten",
    "leefgeld_onder_norm",
    "geen_problemen",
    "weinig_bekend",
    "regelingen_niet_aangevraagd",
)
FACTS: Final[frozenset[str]] = frozenset(
    _GENERAL_FACTS
    + tuple(threat.value for threat in Threat)
    + tuple(area.value for area in LifeArea)
    + tuple(f"achterstand_{kind.value}" for kind in ArrearKind)
)
"""Every fact a condition may use."""

# Sentences the engine itself needs, looked up in the rules file's ``texts``.
TEXT_KEYS: Final = ("hulpverlener_nodig", "terugvaloptie")
# Optional sentences, with the text used when a rules file does not have them.
OPTIONAL_TEXTS: Final[Mapping[str, str]] = {
    "pilot": "pilot, te bevestigen",
    "termijn_wgs_crisis": (
        "de termijn van {dagen} werkdagen komt uit de Wgs: de wet noemt deze bedreigende situatie"
    ),
    "termijn_gemeente_crisis": (
        "de termijn van {dagen} werkdagen is een keuze van de gemeente: de Wgs noemt deze "
        "situatie niet als bedreigende situatie"
    ),
    "termijn_wgs_regulier": "de termijn van {weken} weken voor het eerste gesprek komt uit de Wgs",
    "bedragen_te_bevestigen": "de bedragen zijn niet bevestigd",
}

PARAMETERS: Final = (
    "sunz_max_single",
    "sunz_max_family",
    "many_creditors",
    "food_norm_base",
    "food_norm_per_person",
)
# Parameters a rules file may leave out, with their default.
OPTIONAL_PARAMETERS: Final[Mapping[str, Decimal]] = {
    "sunz_gift_max": Decimal(2000),
    "sunz_loan_months": Decimal(36),
}


class RulesError(ValueError):
    """The rules file is not valid. ``problems`` holds one Dutch line per problem."""

    SHOWN: Final = 5  # a hostile file can have thousands; one line shows the first few

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        text = "; ".join(self.problems[: self.SHOWN])
        if len(self.problems) > self.SHOWN:
            text += f" (en nog {len(self.problems) - self.SHOWN})"
        super().__init__(text)


@dataclass(frozen=True)
class Condition:
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    reason: str | None = None
    show: tuple[str, ...] = ()
    reason_translations: Mapping[str, str] = field(default_factory=dict, compare=False)

    def matched_facts(self, facts: Container[str]) -> tuple[str, ...] | None:
        """The facts that make this condition hold, or None when it does not hold."""
        if not all(fact in facts for fact in self.all):
            return None
        if any(fact in facts for fact in self.none):
            return None
        matched_any = tuple(fact for fact in self.any if fact in facts)
        if self.any and not matched_any:
            return None
        return self.all + matched_any


@dataclass(frozen=True)
class Route:
    id: str
    name: str
    organisation: str
    explanation: str
    priority: int
    conditions: tuple[Condition, ...]
    contact: Mapping[str, str] = field(default_factory=dict)
    via_helper_only: bool = False
    helper_route: str | None = None
    enabled: bool = True
    unverified: bool = False
    unverified_note: str | None = None
    deadline: str = "none"
    fallback: bool = False
    pilot: bool = False
    wgs: bool = False
    instrument: str | None = None
    # Other languages of name, organisation, explanation, unverified_note and contact.<key>:
    # {field: {language: text}} (app.core.localized). The plain fields are Dutch.
    translations: Translations = field(default_factory=dict, compare=False, repr=False)

    def text_in(self, key: str, language: str | None) -> str:
        """Field ``key`` (name, organisation, explanation) in ``language``, else Dutch."""
        return pick(self.translations, key, str(getattr(self, key) or ""), language)

    def localized(self, language: str | None) -> Route:
        """A copy with the texts in ``language`` (Dutch where there is no translation)."""
        if (
            not language
            or language == SOURCE_LANGUAGE
            or not self.translations
            and not any(c.reason_translations for c in self.conditions)
        ):
            return self
        note = self.unverified_note
        return replace(
            self,
            name=self.text_in("name", language),
            organisation=self.text_in("organisation", language),
            explanation=self.text_in("explanation", language),
            unverified_note=pick(self.translations, "unverified_note", note, language)
            if note
            else note,
            contact={
                key: pick(self.translations, f"contact.{key}", value, language)
                for key, value in self.contact.items()
            },
            conditions=tuple(
                replace(c, reason=c.reason_translations.get(language) or c.reason)
                for c in self.conditions
            ),
        )


@dataclass(frozen=True)
class RuleSet:
    schema_version: str
    municipality: str
    facts: Mapping[str, str]
    texts: Mapping[str, str]
    crisis_facts: tuple[str, ...]
    parameters: Mapping[str, Decimal]
    routes: tuple[Route, ...]
    settings: RouteSettings  # Wgs terms, municipality code, per-recipient referral settings

    crisis_sources: Mapping[str, str] = field(default_factory=dict)
    unverified_parameters: frozenset[str] = frozenset()
    # Other languages of facts and texts: {"fact.<code>" | "text.<key>": {language: text}}.
    translations: Translations = field(default_factory=dict, compare=False, repr=False)
    language: str = SOURCE_LANGUAGE  # of the texts; amounts in reasons follow it

    def localized(self, language: str | None) -> RuleSet:
        """A copy for the screens, in ``language``: route names, organisations, explanations,
        contact notes, facts (the reasons) and texts; Dutch where a translation is missing.

        The letter to the municipality and the stored advice use the Dutch rules themselves.
        """
        if not language or language == SOURCE_LANGUAGE:
            return self
        return replace(
            self,
            facts={
                k: pick(self.translations, f"fact.{k}", v, language) for k, v in self.facts.items()
            },
            texts={
                k: pick(self.translations, f"text.{k}", v, language) for k, v in self.texts.items()
            },
            routes=tuple(route.localized(language) for route in self.routes),
            language=language,
        )

    @property
    def crisis_working_days(self) -> int:
        return self.settings.terms.crisis_working_days

    @property
    def regular_weeks(self) -> int:
        return self.settings.terms.regular_weeks

    def route(self, route_id: str) -> Route | None:
        for route in self.routes:
            if route.id == route_id:
                return route
        return None

    def source_of(self, crisis_fact: str) -> str:
        """``wgs`` or ``gemeente`` for a crisis fact."""
        default = "wgs" if crisis_fact in WGS_THREATS else "gemeente"
        return self.crisis_sources.get(crisis_fact, default)

    def text(self, key: str) -> str:
        return self.texts.get(key) or OPTIONAL_TEXTS.get(key, key)

    def with_enabled(self, changes: Mapping[str, bool]) -> RuleSet:
        """A copy with some routes switched on or off (used by scenarios and tests)."""
        unknown = [route_id for route_id in changes if self.route(route_id) is None]
        if unknown:
            raise RulesError(
                [f"onbekende route '{one_line(route_id, 40)}'" for route_id in unknown]
            )
        routes = tuple(
            replace(route, enabled=changes.get(route.id, route.enabled)) for route in self.routes
        )
        return replace(self, routes=routes)


@dataclass(frozen=True)
class Reason:
    code: str  # the fact id (or "hulpverlener_nodig:<route>", "terugvaloptie", "termijn")
    text: str


@dataclass(frozen=True)
class Term:
    """The first-conversation term of a route: how long, and whether the law or the
    municipality sets it."""

    kind: str  # "crisis" (working days) or "regulier" (weeks)
    source: str  # "wgs" or "gemeente"
    length: int  # working days (crisis) or weeks (regulier)
    date: date

    def to_dict(self) -> dict[str, Any]:
        unit = "working_days" if self.kind == "crisis" else "weeks"
        return {
            "kind": self.kind,
            "source": self.source,
            unit: self.length,
            "date": self.date.isoformat(),
        }


@dataclass(frozen=True)
class SunzInstrument:
    """Which SUNZ instrument fits: a one-off gift, a social loan, or both.

    ``room`` is about the loan: ``genoeg`` (the quick budget leaves enough to repay),
    ``te_krap`` (it does not), ``navragen`` (no budget in the intake: ask), or None when the
    loan does not fit on its amount anyway.
    """

    debt: Decimal
    gift: bool
    gift_max: Decimal
    loan: bool
    loan_max: Decimal
    loan_months: int
    per_month: Decimal
    room: str | None
    room_amount: Decimal | None
    amounts_unverified: bool

    @property
    def kind(self) -> str | None:
        if self.gift and self.loan:
            return "gift_of_lening"
        if self.gift:
            return "gift"
        if self.loan:
            return "lening"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "gift": self.gift,
            "gift_max": _amount(self.gift_max),
            "loan": self.loan,
            "loan_max": _amount(self.loan_max),
            "loan_months": self.loan_months,
            "loan_per_month": _amount(self.per_month),
            "repayment_room": self.room,
            "repayment_room_amount": _amount(self.room_amount)
            if self.room_amount is not None
            else None,
            "amounts_unverified": self.amounts_unverified,
        }


@dataclass(frozen=True)
class RouteAdvice:
    route_id: str
    priority: int
    name: str
    organisation: str
    explanation: str
    contact: Mapping[str, str]
    via_helper_only: bool
    unverified: bool
    unverified_note: str | None
    reasons: tuple[Reason, ...]
    deadline: date | None
    helper_route: str | None = None
    pilot: bool = False
    pilot_label: str | None = None
    wgs: bool = False
    term: Term | None = None
    instrument: SunzInstrument | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.route_id,
            "priority": self.priority,
            "reasons": [reason.text for reason in self.reasons],
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "unverified": self.unverified,
            "unverified_note": self.unverified_note if self.unverified else None,
            "via_helper_only": self.via_helper_only,
            "helper_route": self.helper_route if self.via_helper_only else None,
            "pilot": self.pilot,
            "pilot_label": self.pilot_label if self.pilot else None,
            "wgs": self.wgs,
            "term": self.term.to_dict() if self.term else None,
            "instrument": self.instrument.to_dict() if self.instrument else None,
        }


@dataclass(frozen=True)
class Advice:
    today: date
    crisis: bool
    routes: tuple[RouteAdvice, ...]
    crisis_facts: tuple[tuple[str, str], ...] = ()  # (fact, source) present in this intake

    @property
    def route_ids(self) -> list[str]:
        return [route.route_id for route in self.routes]

    @property
    def crisis_source(self) -> str | None:
        """``wgs`` when the Wgs names one of the situations, ``gemeente`` when only the
        municipality's additions apply, None without a crisis."""
        if not self.crisis_facts:
            return None
        return "wgs" if any(source == "wgs" for _, source in self.crisis_facts) else "gemeente"

    def to_dict(self) -> dict[str, Any]:
        """The advice as ``vindplaats advise`` prints it."""
        return {
            "schema_version": ADVICE_SCHEMA_VERSION,
            "crisis": {
                "source": self.crisis_source,
                "facts": [{"fact": fact, "source": source} for fact, source in self.crisis_facts],
            }
            if self.crisis
            else None,
            "routes": [route.to_dict() for route in self.routes],
        }


# ---------------------------------------------------------------------------------------------
# facts


def sunz_instrument(intake: Intake, rules: RuleSet) -> SunzInstrument | None:
    """Which SUNZ instrument fits the debt, or None when the total debt is not known.

    The loan limit is the family one only when the household is known not to be single (so
    SUNZ is never over-promised). Room to repay comes from the quick budget: net income minus
    fixed costs minus the living money of the food-bank norm must cover one monthly instalment.
    """
    total = intake.debt_total
    if total is None or total <= 0:
        return None
    params = rules.parameters
    gift_max = params.get("sunz_gift_max", OPTIONAL_PARAMETERS["sunz_gift_max"])
    months = int(params.get("sunz_loan_months", OPTIONAL_PARAMETERS["sunz_loan_months"]) or 1)
    months = max(months, 1)
    loan_max = params["sunz_max_family"] if intake.is_single is False else params["sunz_max_single"]
    per_month = (total / months).quantize(Decimal("0.01"), rounding=ROUND_UP)
    gift = total <= gift_max
    loan_by_amount = total <= loan_max
    room: str | None = None
    room_amount: Decimal | None = None
    if loan_by_amount:
        budget = intake.budget
        if budget is None:
            room = "navragen"
        else:
            room_amount = budget - _food_norm(intake, rules)
            room = "genoeg" if room_amount >= per_month else "te_krap"
    used = {"sunz_gift_max", "sunz_max_single", "sunz_max_family", "sunz_loan_months"}
    return SunzInstrument(
        debt=total,
        gift=gift,
        gift_max=gift_max,
        loan=loan_by_amount and room != "te_krap",
        loan_max=loan_max,
        loan_months=months,
        per_month=per_month,
        room=room,
        room_amount=room_amount,
        amounts_unverified=bool(used & rules.unverified_parameters),
    )


def _food_norm(intake: Intake, rules: RuleSet) -> Decimal:
    people = intake.people or 1
    return rules.parameters["food_norm_base"] + rules.parameters["food_norm_per_person"] * people


def intake_facts(intake: Intake, rules: RuleSet) -> set[str]:
    """The facts that are true for this intake. UNKNOWN and unanswered make no fact true."""
    facts: set[str] = set()
    params = rules.parameters
    facts.update(threat.value for threat in intake.present_threats)
    if intake.wage_garnishment is True:
        facts.add("loonbeslag")
    if intake.bank_garnishment is True:
        facts.add("bankbeslag")
    if intake.bailiff is True:
        facts.add("deurwaarder")
    if intake.collection_agency is True:
        facts.add("incassobureau")
    if intake.is_self_employed:
        facts.add("zelfstandige")
    if intake.business_debt is True:
        facts.add("zakelijke_schuld")
    if isinstance(intake.arrears, list):
        facts.update(f"achterstand_{arrear.kind.value}" for arrear in intake.arrears)
    if isinstance(intake.life_areas, list):
        facts.update(area.value for area in intake.life_areas)
    if intake.food_shortage is True:
        facts.add("te_weinig_voor_eten")
    if intake.present_unclaimed_schemes:
        facts.add("regelingen_niet_aangevraagd")

    has_debts = intake.has_debts
    if has_debts:
        facts.add("schulden")
    elif has_debts is False:
        facts.add("geen_schulden")
    sunz = sunz_instrument(intake, rules)
    if sunz is not None:
        if sunz.gift:
            facts.add("sunz_gift_past")
        if sunz.loan:
            facts.add("sunz_lening_past")
        if sunz.room is not None:
            facts.add(f"aflosruimte_{sunz.room}")
        if sunz.gift or sunz.loan:
            facts.add("schuld_binnen_sunz_grens")
        elif sunz.room is None:  # too large for both instruments
            facts.add("schuld_boven_sunz_grens")
    if isinstance(intake.creditor_count, int) and intake.creditor_count >= params["many_creditors"]:
        facts.add("veel_schuldeisers")

    band = intake.effective_age_band
    if band is AgeBand.UNDER_18:
        facts.add("leeftijd_onder_18")
    elif band is AgeBand.FROM_18_TO_27:
        facts.add("leeftijd_18_27")
    elif band is not None:
        facts.add("leeftijd_28_plus")

    budget = intake.budget
    if budget is not None and budget < _food_norm(intake, rules):
        facts.add("leefgeld_onder_norm")

    crisis_present = any(fact in facts for fact in rules.crisis_facts)
    if crisis_present:
        facts.add("crisis")

    threats_answered = isinstance(intake.threats, list)
    worries = {"schulden", "crisis", "te_weinig_voor_eten", "leefgeld_onder_norm"}
    worries |= {"loonbeslag", "bankbeslag", "deurwaarder", "incassobureau"}
    if has_debts is False and threats_answered and not facts & worries:
        facts.add("geen_problemen")
    if has_debts is None and not threats_answered and not facts & worries:
        facts.add("weinig_bekend")
    return facts


def _euro(value: Decimal) -> str:
    """€ 2.000 or € 48,62 (Dutch notation, as in the rules file's own sentences)."""
    if value == value.to_integral_value():
        text = f"{int(value):,}".replace(",", ".")
    else:
        text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {text}"


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _local_euro(value: Decimal, *, language: str) -> str:
    """An amount in a translated reason, in that language's notation: € 2,000 (en)."""
    from app.i18n.formatting import format_money

    return format_money(value, cents=value != value.to_integral_value(), language=language)


def _placeholders(intake: Intake, rules: RuleSet, sunz: SunzInstrument | None) -> dict[str, str]:
    """Values a fact sentence may use: {sunz_gift_max}, {sunz_max_single}, {sunz_max_family},
    {sunz_loan_months}, {schuld}, {lening_max}, {aflossing}, {aflosruimte}, {leefgeld}."""
    params = rules.parameters
    euro: Callable[[Decimal], str] = _euro
    if rules.language != SOURCE_LANGUAGE:
        euro = functools.partial(_local_euro, language=rules.language)
    values = {
        "sunz_gift_max": euro(params.get("sunz_gift_max", OPTIONAL_PARAMETERS["sunz_gift_max"])),
        "sunz_max_single": euro(params["sunz_max_single"]),
        "sunz_max_family": euro(params["sunz_max_family"]),
        "sunz_loan_months": str(
            int(params.get("sunz_loan_months", OPTIONAL_PARAMETERS["sunz_loan_months"]))
        ),
        "leefgeld": euro(_food_norm(intake, rules)),
        "many_creditors": str(int(params["many_creditors"])),
    }
    if sunz is not None:
        values.update(
            schuld=euro(sunz.debt),
            lening_max=euro(sunz.loan_max),
            aflossing=euro(sunz.per_month),
            aflosruimte=euro(max(sunz.room_amount, Decimal(0)))
            if sunz.room_amount is not None
            else "?",
        )
    return values


def _fill(text: str, values: Mapping[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


# ---------------------------------------------------------------------------------------------
# advice


def advise(
    intake: Intake,
    rules: RuleSet,
    today: date,
    non_working: Container[date] | None = None,
) -> Advice:
    """Ordered route advice with reasons and Wgs deadlines. Pure: ``today`` is passed in."""
    calendar = dutch_holidays() if non_working is None else non_working
    facts = intake_facts(intake, rules)
    crisis = "crisis" in facts
    sunz = sunz_instrument(intake, rules)
    values = _placeholders(intake, rules, sunz)
    chosen: dict[str, list[Reason]] = {}

    def fact_reason(code: str) -> Reason:
        return Reason(code, _fill(rules.facts.get(code, code), values))

    for route in rules.routes:
        if not route.enabled or (route.fallback and not route.conditions):
            continue
        reasons: list[Reason] = []
        for condition in route.conditions:
            matched = condition.matched_facts(facts)
            if matched is None:
                continue
            if condition.reason:
                _add(reasons, Reason("voorwaarde", _fill(condition.reason, values)))
            else:
                for fact in matched:
                    for code in _expand(fact, facts, rules):
                        _add(reasons, fact_reason(code))
            for fact in condition.show:
                if fact in facts:
                    _add(reasons, fact_reason(fact))
        if reasons:
            if route.instrument == "sunz" and sunz is not None and sunz.amounts_unverified:
                code = "bedragen_te_bevestigen"
                _add(reasons, Reason(code, rules.text(code)))
            chosen[route.id] = reasons

    # Routes that only a helper can apply for bring their helper route along.
    for route_id in list(chosen):
        needing = rules.route(route_id)
        if needing is None or not needing.via_helper_only or not needing.helper_route:
            continue
        helper = rules.route(needing.helper_route)
        if helper is None or not helper.enabled:
            continue
        template = rules.texts.get("hulpverlener_nodig", "{route}")
        text = template.replace("{route}", needing.organisation)
        _add(chosen.setdefault(helper.id, []), Reason(f"hulpverlener_nodig:{needing.id}", text))

    if not chosen:
        for route in rules.routes:
            if route.enabled and route.fallback:
                text = rules.texts.get("terugvaloptie", "terugvaloptie")
                chosen[route.id] = [Reason("terugvaloptie", text)]

    present = tuple((fact, rules.source_of(fact)) for fact in rules.crisis_facts if fact in facts)
    crisis_source = "wgs" if any(source == "wgs" for _, source in present) else "gemeente"
    advised: list[RouteAdvice] = []
    for route in sorted(rules.routes, key=lambda r: (r.priority, r.id)):
        if route.id not in chosen or not route.enabled:
            continue
        term: Term | None = None
        if route.wgs and route.deadline in ("crisis", "wgs"):
            urgent = crisis or route.deadline == "crisis"
            day = wgs_deadline(
                today,
                crisis=urgent,
                crisis_working_days=rules.crisis_working_days,
                regular_weeks=rules.regular_weeks,
                non_working=calendar,
            )
            if urgent:
                term = Term("crisis", crisis_source, rules.crisis_working_days, day)
                key = f"termijn_{crisis_source}_crisis"
            else:
                term = Term("regulier", "wgs", rules.regular_weeks, day)
                key = "termijn_wgs_regulier"
            text = fill_terms(rules.text(key), rules.settings.terms)
            _add(chosen[route.id], Reason("termijn", text))
        advised.append(
            RouteAdvice(
                route_id=route.id,
                priority=route.priority,
                name=route.name,
                organisation=route.organisation,
                explanation=route.explanation,
                contact=route.contact,
                via_helper_only=route.via_helper_only,
                unverified=route.unverified,
                unverified_note=route.unverified_note,
                reasons=tuple(chosen[route.id]),
                deadline=term.date if term else None,
                helper_route=route.helper_route,
                pilot=route.pilot,
                pilot_label=rules.text("pilot") if route.pilot else None,
                wgs=route.wgs,
                term=term,
                instrument=sunz if route.instrument == "sunz" else None,
            )
        )
    return Advice(today=today, crisis=crisis, routes=tuple(advised), crisis_facts=present)


def _expand(fact: str, facts: Container[str], rules: RuleSet) -> tuple[str, ...]:
    if fact == "crisis":
        return tuple(f for f in rules.crisis_facts if f in facts) or ("crisis",)
    return (fact,)


def _add(reasons: list[Reason], reason: Reason) -> None:
    if all(existing.text != reason.text for existing in reasons):
        reasons.append(reason)


def load_rules(data: object) -> RuleSet:
    """Check a parsed rules file and build a :class:`RuleSet`; RulesError lists every problem.

    The checks live in :mod:`app.core.routes_loader`; this name stays importable from here.
    """
    from app.core.routes_loader import load_rules as _load

    return _load(data)
