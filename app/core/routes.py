"""Route advice: which local help fits this intake, why, and by when.

The rules are data (``resources/routes.yaml``). The caller loads the file and passes the
parsed mapping to :func:`load_rules`; this module does no I/O.

How a rules file works:

- The engine turns an intake into *facts* (``ontruiming``, ``loonbeslag``, ``leeftijd_18_27``,
  ...; see :data:`FACTS`). Which facts exist is fixed here; the Dutch sentence for each fact
  ("er is een afsluitingsbrief van het energiebedrijf") is in the rules file.
- ``crisis_facts`` lists the facts that make a threatening situation (Wgs, plus what the
  municipality adds, e.g. ``loonbeslag``). They together form the fact ``crisis``.
- A route is advised when one of its ``conditions`` holds. A condition has ``all`` (every fact
  true), ``any`` (at least one true) and ``none`` (no fact true); the reasons shown are the
  sentences of the facts that made it hold, or the condition's own ``reason``.
- A route that is switched off (``enabled: false``) is never advised.
- A route that only a helper can apply for (``via_helper_only``) brings its ``helper_route``
  along, because the employer's confidential advisor does not count as that helper.
- A ``fallback`` route is advised when nothing else is.
- ``deadline``: ``crisis`` (always 3 working days), ``wgs`` (3 working days in a crisis, else
  4 weeks) or ``none``.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Final

from app.core.bounded import one_line
from app.core.intake import AgeBand, ArrearKind, Intake, LifeArea, Threat
from app.core.workdays import dutch_holidays, wgs_deadline

RULES_SCHEMA_VERSION: Final = "1.0"
ADVICE_SCHEMA_VERSION: Final = "1.0"

DEADLINE_KINDS: Final = ("crisis", "wgs", "none")

_GENERAL_FACTS: Final = (
    "crisis",
    "loonbeslag",
    "bankbeslag",
    "deurwaarder",
    "incassobureau",
    "zelfstandige",
    "zakelijke_schuld",
    "schulden",
    "schuld_binnen_sunz_grens",
    "schuld_boven_sunz_grens",
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

PARAMETERS: Final = (
    "sunz_max_single",
    "sunz_max_family",
    "many_creditors",
    "food_norm_base",
    "food_norm_per_person",
)

_ROUTE_ID = re.compile(r"^[a-z][a-z0-9-]{1,39}$")


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


@dataclass(frozen=True)
class RuleSet:
    schema_version: str
    municipality: str
    facts: Mapping[str, str]
    texts: Mapping[str, str]
    crisis_facts: tuple[str, ...]
    parameters: Mapping[str, Decimal]
    routes: tuple[Route, ...]
    crisis_working_days: int = 3
    regular_weeks: int = 4

    def route(self, route_id: str) -> Route | None:
        for route in self.routes:
            if route.id == route_id:
                return route
        return None

    def with_enabled(self, changes: Mapping[str, bool]) -> RuleSet:
        """A copy with some routes switched on or off (used by scenarios and tests)."""
        from dataclasses import replace

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
    code: str  # the fact id (or "hulpverlener_nodig:<route>", "terugvaloptie")
    text: str


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.route_id,
            "priority": self.priority,
            "reasons": [reason.text for reason in self.reasons],
            "deadline": self.deadline.isoformat() if self.deadline else None,
        }


@dataclass(frozen=True)
class Advice:
    today: date
    crisis: bool
    routes: tuple[RouteAdvice, ...]

    @property
    def route_ids(self) -> list[str]:
        return [route.route_id for route in self.routes]

    def to_dict(self) -> dict[str, Any]:
        """The advice as ``vindplaats advise`` prints it."""
        return {
            "schema_version": ADVICE_SCHEMA_VERSION,
            "routes": [route.to_dict() for route in self.routes],
        }


# ---------------------------------------------------------------------------------------------
# facts


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
    total = intake.debt_total
    if total is not None and total > 0:
        # Household unknown: take the lower (single) limit, so SUNZ is never over-promised.
        limit = (
            params["sunz_max_family"] if intake.is_single is False else params["sunz_max_single"]
        )
        facts.add("schuld_binnen_sunz_grens" if total <= limit else "schuld_boven_sunz_grens")
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
    if budget is not None:
        people = intake.people or 1
        norm = params["food_norm_base"] + params["food_norm_per_person"] * people
        if budget < norm:
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
    chosen: dict[str, list[Reason]] = {}

    for route in rules.routes:
        if not route.enabled or (route.fallback and not route.conditions):
            continue
        reasons: list[Reason] = []
        for condition in route.conditions:
            matched = condition.matched_facts(facts)
            if matched is None:
                continue
            if condition.reason:
                _add(reasons, Reason("voorwaarde", condition.reason))
                continue
            for fact in matched:
                for code in _expand(fact, facts, rules):
                    _add(reasons, Reason(code, rules.facts.get(code, code)))
        if reasons:
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

    advised: list[RouteAdvice] = []
    for route in sorted(rules.routes, key=lambda r: (r.priority, r.id)):
        if route.id not in chosen or not route.enabled:
            continue
        deadline: date | None = None
        if route.deadline == "crisis" or route.deadline == "wgs":
            deadline = wgs_deadline(
                today,
                crisis=crisis or route.deadline == "crisis",
                crisis_working_days=rules.crisis_working_days,
                regular_weeks=rules.regular_weeks,
                non_working=calendar,
            )
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
                deadline=deadline,
            )
        )
    return Advice(today=today, crisis=crisis, routes=tuple(advised))


def _expand(fact: str, facts: Container[str], rules: RuleSet) -> tuple[str, ...]:
    if fact == "crisis":
        return tuple(f for f in rules.crisis_facts if f in facts) or ("crisis",)
    return (fact,)


def _add(reasons: list[Reason], reason: Reason) -> None:
    if all(existing.text != reason.text for existing in reasons):
        reasons.append(reason)


# ---------------------------------------------------------------------------------------------
# loading and validating a rules file


MAX_PARAMETER: Final = 1_000_000  # amounts and counts in 'parameters'


def _shown(value: object) -> str:
    """Input echoed in a problem line: one line, control characters escaped, short."""
    return one_line(value, 40)


def load_rules(data: object) -> RuleSet:
    """Check a parsed rules file and build a :class:`RuleSet`; RulesError lists every problem."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise RulesError(["het regelbestand is geen lijst met sleutels en waarden (YAML-mapping)"])

    version = data.get("schema_version")
    if str(version).split(".")[0] != RULES_SCHEMA_VERSION.split(".")[0]:
        problems.append(
            f"schema_version moet {RULES_SCHEMA_VERSION} zijn, niet '{_shown(version)}'"
        )

    facts_raw = data.get("facts")
    facts: dict[str, str] = {}
    if not isinstance(facts_raw, Mapping):
        problems.append("'facts' ontbreekt: geef per feit de zin die als reden wordt getoond")
    else:
        for key, text in facts_raw.items():
            if not isinstance(key, str) or key not in FACTS:
                problems.append(f"facts: onbekend feit '{_shown(key)}'")
            elif not isinstance(text, str) or not text.strip():
                problems.append(f"facts: feit '{key}' heeft geen tekst")
            else:
                facts[str(key)] = text.strip()

    texts_raw = data.get("texts") or {}
    texts: dict[str, str] = {}
    if not isinstance(texts_raw, Mapping):
        problems.append("'texts' moet sleutels met teksten bevatten")
    else:
        for key in TEXT_KEYS:
            text = texts_raw.get(key)
            if not isinstance(text, str) or not text.strip():
                problems.append(f"texts: '{key}' ontbreekt")
            else:
                texts[key] = text.strip()

    crisis_raw = data.get("crisis_facts")
    crisis_facts: list[str] = []
    if not isinstance(crisis_raw, list) or not crisis_raw:
        problems.append("'crisis_facts' moet een lijst van feiten zijn (de bedreigende situaties)")
    else:
        for fact in crisis_raw:
            if not isinstance(fact, str) or fact not in FACTS or fact == "crisis":
                problems.append(f"crisis_facts: onbekend feit '{_shown(fact)}'")
            else:
                crisis_facts.append(str(fact))
                if fact not in facts:
                    problems.append(f"crisis_facts: feit '{fact}' heeft geen tekst in 'facts'")

    params_raw = data.get("parameters")
    parameters: dict[str, Decimal] = {}
    if not isinstance(params_raw, Mapping):
        problems.append("'parameters' ontbreekt")
    else:
        for key in PARAMETERS:
            value = params_raw.get(key)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not 0 <= value <= MAX_PARAMETER
            ):
                problems.append(
                    f"parameters: '{key}' moet een getal van 0 tot {MAX_PARAMETER} zijn"
                )
            else:
                parameters[key] = Decimal(str(value))
        for key in params_raw:
            if key not in PARAMETERS:
                problems.append(f"parameters: onbekende parameter '{_shown(key)}'")

    deadlines = data.get("deadlines") or {}
    crisis_days = deadlines.get("crisis_working_days", 3) if isinstance(deadlines, Mapping) else 3
    regular_weeks = deadlines.get("regular_weeks", 4) if isinstance(deadlines, Mapping) else 4
    for label, value in (("crisis_working_days", crisis_days), ("regular_weeks", regular_weeks)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 60:
            problems.append(f"deadlines: '{label}' moet een heel getal van 1 tot 60 zijn")

    routes_raw = data.get("routes")
    routes: list[Route] = []
    if not isinstance(routes_raw, list) or not routes_raw:
        problems.append("'routes' moet een lijst met routes zijn")
        routes_raw = []
    seen: set[str] = set()
    for index, raw in enumerate(routes_raw, start=1):
        loaded = _load_route(raw, index, facts, problems)
        if loaded is None:
            continue
        if loaded.id in seen:
            problems.append(f"route '{loaded.id}' staat er twee keer in")
        seen.add(loaded.id)
        routes.append(loaded)
    for route in routes:
        if route.helper_route and route.helper_route not in seen:
            problems.append(
                f"route '{route.id}': helper_route '{_shown(route.helper_route)}' bestaat niet"
            )
        if route.via_helper_only and not route.helper_route:
            problems.append(f"route '{route.id}': via_helper_only vraagt om een helper_route")

    if problems:
        raise RulesError(problems)
    return RuleSet(
        schema_version=str(version),
        municipality=str(data.get("municipality") or ""),
        facts=facts,
        texts=texts,
        crisis_facts=tuple(crisis_facts),
        parameters=parameters,
        routes=tuple(routes),
        crisis_working_days=int(crisis_days),
        regular_weeks=int(regular_weeks),
    )


_ROUTE_KEYS: Final = frozenset(
    {
        "id",
        "name",
        "organisation",
        "contact",
        "conditions",
        "priority",
        "via_helper_only",
        "helper_route",
        "explanation",
        "enabled",
        "unverified",
        "unverified_note",
        "deadline",
        "fallback",
        "sources",
        "reference_id",
    }
)


def _load_route(
    raw: object, index: int, facts: Mapping[str, str], problems: list[str]
) -> Route | None:
    if not isinstance(raw, Mapping):
        problems.append(f"route {index}: geen mapping")
        return None
    route_id = raw.get("id")
    if not isinstance(route_id, str) or not _ROUTE_ID.match(route_id):
        problems.append(f"route {index}: 'id' moet kleine letters, cijfers en streepjes zijn")
        return None
    where = f"route '{route_id}'"
    before = len(problems)
    for key in raw:
        if key not in _ROUTE_KEYS:
            problems.append(f"{where}: onbekende sleutel '{_shown(key)}'")
    for key in ("name", "organisation", "explanation"):
        if not isinstance(raw.get(key), str) or not str(raw.get(key)).strip():
            problems.append(f"{where}: '{key}' ontbreekt")
    priority = raw.get("priority")
    if isinstance(priority, bool) or not isinstance(priority, int):
        problems.append(f"{where}: 'priority' moet een heel getal zijn")
    for key in ("via_helper_only", "enabled", "unverified", "fallback"):
        if key in raw and not isinstance(raw[key], bool):
            problems.append(f"{where}: '{key}' moet true of false zijn")
    if "enabled" not in raw:
        problems.append(f"{where}: 'enabled' ontbreekt (true of false)")
    deadline = raw.get("deadline", "none")
    if not isinstance(deadline, str) or deadline not in DEADLINE_KINDS:
        problems.append(f"{where}: 'deadline' moet crisis, wgs of none zijn")
    contact_raw = raw.get("contact") or {}
    contact: dict[str, str] = {}
    if not isinstance(contact_raw, Mapping):
        problems.append(f"{where}: 'contact' moet sleutels met teksten bevatten")
    else:
        contact = {str(k): str(v) for k, v in contact_raw.items() if v is not None}
        if any(isinstance(v, Mapping | list) for v in contact_raw.values()):
            problems.append(f"{where}: 'contact' moet sleutels met teksten bevatten")
    helper = raw.get("helper_route")
    if helper is not None and not isinstance(helper, str):
        problems.append(f"{where}: 'helper_route' moet een route-id zijn")
    if raw.get("unverified") and not isinstance(raw.get("unverified_note"), str):
        problems.append(f"{where}: bij unverified hoort een unverified_note (wat te bevestigen is)")

    conditions: list[Condition] = []
    conditions_raw = raw.get("conditions")
    if conditions_raw is None:
        conditions_raw = []
    if not isinstance(conditions_raw, list):
        problems.append(f"{where}: 'conditions' moet een lijst zijn")
        conditions_raw = []
    if not conditions_raw and not raw.get("fallback"):
        problems.append(
            f"{where}: geen voorwaarden (conditions), dan wordt de route nooit geadviseerd"
        )
    for number, cond in enumerate(conditions_raw, start=1):
        label = f"{where}, voorwaarde {number}"
        if not isinstance(cond, Mapping):
            problems.append(f"{label}: geen mapping")
            continue
        parts: dict[str, tuple[str, ...]] = {}
        for key in cond:
            if key not in ("all", "any", "none", "reason"):
                problems.append(
                    f"{label}: onbekende sleutel '{_shown(key)}' (gebruik all, any, none, reason)"
                )
        for key in ("all", "any", "none"):
            values = cond.get(key) or []
            if not isinstance(values, list):
                problems.append(f"{label}: '{key}' moet een lijst van feiten zijn")
                values = []
            for fact in values:
                if not isinstance(fact, str) or fact not in FACTS:
                    problems.append(f"{label}: onbekend feit '{_shown(fact)}'")
                elif fact not in facts and fact != "crisis" and key != "none":
                    problems.append(f"{label}: feit '{fact}' heeft geen tekst in 'facts'")
            parts[key] = tuple(str(v) for v in values)
        if not parts["all"] and not parts["any"]:
            problems.append(f"{label}: 'all' of 'any' is nodig")
        reason = cond.get("reason")
        if reason is not None and not isinstance(reason, str):
            problems.append(f"{label}: 'reason' moet tekst zijn")
        conditions.append(Condition(parts["all"], parts["any"], parts["none"], reason or None))

    if len(problems) > before:
        return None
    return Route(
        id=route_id,
        name=str(raw["name"]).strip(),
        organisation=str(raw["organisation"]).strip(),
        explanation=" ".join(str(raw["explanation"]).split()),
        priority=int(priority),  # type: ignore[arg-type]
        conditions=tuple(conditions),
        contact=contact,
        via_helper_only=bool(raw.get("via_helper_only", False)),
        helper_route=helper if isinstance(helper, str) else None,
        enabled=bool(raw.get("enabled")),
        unverified=bool(raw.get("unverified", False)),
        unverified_note=" ".join(str(raw["unverified_note"]).split())
        if isinstance(raw.get("unverified_note"), str)
        else None,
        deadline=str(deadline),
        fallback=bool(raw.get("fallback", False)),
    )
