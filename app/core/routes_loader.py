"""Loading and checking a rules file (``resources/routes.yaml``) into a :class:`RuleSet`.

Every problem becomes one Dutch line in a :class:`RulesError`; hostile input never raises
anything else. The rules engine itself is :mod:`app.core.routes` (``load_rules`` is importable
from there too).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from app.core.bounded import one_line
from app.core.localized import read_text
from app.core.route_settings import TERM_PLACEHOLDERS, fill_terms, load_route_settings
from app.core.routes import (
    DEADLINE_KINDS,
    FACTS,
    INSTRUMENTS,
    OPTIONAL_PARAMETERS,
    OPTIONAL_TEXTS,
    PARAMETERS,
    RULES_SCHEMA_VERSION,
    SOURCES,
    TEXT_KEYS,
    WGS_THREATS,
    Condition,
    Route,
    RulesError,
    RuleSet,
)

MAX_PARAMETER: Final = 1_000_000  # amounts and counts in 'parameters'

_ROUTE_ID = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


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
    translations: dict[str, dict[str, str]] = {}  # other languages of facts and texts
    if not isinstance(facts_raw, Mapping):
        problems.append("'facts' ontbreekt: geef per feit de zin die als reden wordt getoond")
    else:
        for key, text in facts_raw.items():
            if not isinstance(key, str) or key not in FACTS:
                problems.append(f"facts: onbekend feit '{_shown(key)}'")
                continue
            dutch, others = read_text(text, f"facts: feit '{key}'", problems)
            if dutch is None:
                problems.append(f"facts: feit '{key}' heeft geen tekst")
            else:
                facts[str(key)] = dutch
                if others:
                    translations[f"fact.{key}"] = others

    texts_raw = data.get("texts") or {}
    texts: dict[str, str] = {}
    if not isinstance(texts_raw, Mapping):
        problems.append("'texts' moet sleutels met teksten bevatten")
    else:
        for key in TEXT_KEYS:
            dutch, others = read_text(texts_raw.get(key), f"texts: '{key}'", problems)
            if dutch is None:
                problems.append(f"texts: '{key}' ontbreekt")
            else:
                texts[key] = dutch
                if others:
                    translations[f"text.{key}"] = others
        for key in OPTIONAL_TEXTS:
            text = texts_raw.get(key)
            if text is None:
                continue
            dutch, others = read_text(text, f"texts: '{key}'", problems)
            if dutch is None:
                problems.append(f"texts: '{key}' moet tekst zijn")
            else:
                texts[key] = dutch
                if others:
                    translations[f"text.{key}"] = others
        for key in texts_raw:
            if key not in TEXT_KEYS and key not in OPTIONAL_TEXTS:
                problems.append(f"texts: onbekende tekst '{_shown(key)}'")

    crisis_facts, crisis_sources = _load_crisis_facts(data.get("crisis_facts"), facts, problems)
    parameters, unverified_parameters = _load_parameters(data.get("parameters"), problems)

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
    settings = load_route_settings(data, seen, problems)  # app/core/route_settings.py
    # A route's explanation and note name the terms as {dagen} / {weken}, filled from
    # deadlines: here, so the advice, the screens and the letter say what the settings say.
    for route in routes:
        for name, text in (
            ("explanation", route.explanation),
            ("unverified_note", route.unverified_note),
        ):
            for placeholder in sorted(set(_PLACEHOLDER.findall(text or ""))):
                if placeholder not in TERM_PLACEHOLDERS:
                    problems.append(
                        f"route '{route.id}': onbekende plaatshouder '{_shown(placeholder)}' in "
                        f"{name} (alleen {{dagen}} en {{weken}})"
                    )
    routes = [
        dataclasses.replace(
            route,
            explanation=fill_terms(route.explanation, settings.terms),
            unverified_note=fill_terms(route.unverified_note, settings.terms)
            if route.unverified_note is not None
            else None,
            translations={
                **route.translations,
                **{
                    name: {
                        language: fill_terms(text, settings.terms)
                        for language, text in route.translations[name].items()
                    }
                    for name in ("explanation", "unverified_note")
                    if name in route.translations
                },
            },
        )
        for route in routes
    ]

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
        settings=settings,
        crisis_sources=crisis_sources,
        unverified_parameters=frozenset(unverified_parameters),
        translations=translations,
    )


def _load_crisis_facts(
    crisis_raw: object, facts: Mapping[str, str], problems: list[str]
) -> tuple[list[str], dict[str, str]]:
    """``crisis_facts``: a list of facts, each a name or ``{fact: ..., source: wgs|gemeente}``.

    A plain name takes its source from the law: ``wgs`` for the situations the Wgs names,
    ``gemeente`` for the rest. The Wgs situations cannot be left out or called municipal.
    """
    crisis_facts: list[str] = []
    sources: dict[str, str] = {}
    if not isinstance(crisis_raw, list) or not crisis_raw:
        problems.append("'crisis_facts' moet een lijst van feiten zijn (de bedreigende situaties)")
        return crisis_facts, sources
    for entry in crisis_raw:
        source: object = None
        if isinstance(entry, Mapping):
            for key in entry:
                if key not in ("fact", "source", "note"):
                    problems.append(
                        f"crisis_facts: onbekende sleutel '{_shown(key)}' (gebruik fact, source)"
                    )
            fact = entry.get("fact")
            source = entry.get("source")
        else:
            fact = entry
        if not isinstance(fact, str) or fact not in FACTS or fact == "crisis":
            problems.append(f"crisis_facts: onbekend feit '{_shown(fact)}'")
            continue
        if fact in sources:
            problems.append(f"crisis_facts: feit '{fact}' staat er twee keer in")
            continue
        if source is None:
            source = "wgs" if fact in WGS_THREATS else "gemeente"
        if not isinstance(source, str) or source not in SOURCES:
            problems.append(f"crisis_facts: bij '{fact}' moet source wgs of gemeente zijn")
            continue
        if source == "wgs" and fact not in WGS_THREATS:
            problems.append(
                f"crisis_facts: de Wgs noemt '{fact}' niet als bedreigende situatie; "
                "zet source: gemeente"
            )
        if source == "gemeente" and fact in WGS_THREATS:
            problems.append(
                f"crisis_facts: '{fact}' is een bedreigende situatie uit de Wgs; zet source: wgs"
            )
        crisis_facts.append(fact)
        sources[fact] = source
        if fact not in facts:
            problems.append(f"crisis_facts: feit '{fact}' heeft geen tekst in 'facts'")
    for fact in sorted(WGS_THREATS - set(sources)):
        problems.append(
            f"crisis_facts: '{fact}' ontbreekt; de Wgs noemt dit een bedreigende situatie"
        )
    return crisis_facts, sources


def _load_parameters(
    params_raw: object, problems: list[str]
) -> tuple[dict[str, Decimal], set[str]]:
    """``parameters``: a number, or ``{value: number, unverified: true|false, note: text}``."""
    parameters: dict[str, Decimal] = {}
    unverified: set[str] = set()
    if not isinstance(params_raw, Mapping):
        problems.append("'parameters' ontbreekt")
        return parameters, unverified
    for key in (*PARAMETERS, *OPTIONAL_PARAMETERS):
        value = params_raw.get(key)
        if value is None and key in OPTIONAL_PARAMETERS:
            parameters[key] = OPTIONAL_PARAMETERS[key]
            continue
        if isinstance(value, Mapping):
            for inner in value:
                if inner not in ("value", "unverified", "note"):
                    problems.append(
                        f"parameters: '{key}' heeft een onbekende sleutel '{_shown(inner)}' "
                        "(gebruik value, unverified, note)"
                    )
            flag = value.get("unverified", False)
            if not isinstance(flag, bool):
                problems.append(f"parameters: bij '{key}' moet unverified true of false zijn")
            elif flag:
                unverified.add(key)
            value = value.get("value")
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value <= MAX_PARAMETER
        ):
            problems.append(f"parameters: '{key}' moet een getal van 0 tot {MAX_PARAMETER} zijn")
        else:
            parameters[key] = Decimal(str(value))
    months = parameters.get("sunz_loan_months")
    if months is not None and (months < 1 or months != months.to_integral_value()):
        problems.append("parameters: 'sunz_loan_months' moet een heel getal van 1 of meer zijn")
    for key in params_raw:
        if key not in PARAMETERS and key not in OPTIONAL_PARAMETERS:
            problems.append(f"parameters: onbekende parameter '{_shown(key)}'")
    return parameters, unverified


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
        "pilot",
        "wgs",
        "instrument",
    }
)
_CONDITION_KEYS: Final = ("all", "any", "none", "show", "reason")


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
    texts: dict[str, str] = {}
    translations: dict[str, dict[str, str]] = {}
    for key in ("name", "organisation", "explanation", "unverified_note"):
        dutch, others = read_text(raw.get(key), f"{where}: '{key}'", problems, flatten=True)
        if dutch is None:
            if key != "unverified_note":
                problems.append(f"{where}: '{key}' ontbreekt")
            continue
        texts[key] = dutch
        if others:
            translations[key] = others
    priority = raw.get("priority")
    if isinstance(priority, bool) or not isinstance(priority, int):
        problems.append(f"{where}: 'priority' moet een heel getal zijn")
    for key in ("via_helper_only", "enabled", "unverified", "fallback", "pilot", "wgs"):
        if key in raw and not isinstance(raw[key], bool):
            problems.append(f"{where}: '{key}' moet true of false zijn")
    if "enabled" not in raw:
        problems.append(f"{where}: 'enabled' ontbreekt (true of false)")
    deadline = raw.get("deadline", "none")
    if not isinstance(deadline, str) or deadline not in DEADLINE_KINDS:
        problems.append(f"{where}: 'deadline' moet crisis, wgs of none zijn")
        deadline = "none"
    # Without 'wgs', a route with a term is taken to be Wgs debt help (older rules files).
    wgs = raw.get("wgs", deadline != "none")
    if wgs is False and deadline != "none":
        problems.append(
            f"{where}: de Wgs geldt niet voor deze route (wgs: false), dus geen Wgs-termijn; "
            "zet deadline: none"
        )
    if raw.get("pilot") is True and raw.get("fallback") is True:
        problems.append(f"{where}: een pilot kan niet de terugvaloptie (fallback) zijn")
    if raw.get("pilot") is True and wgs is True:
        problems.append(
            f"{where}: een pilot is een keuze van de gemeente, geen Wgs-schuldhulp; zet wgs: false"
        )
    instrument = raw.get("instrument")
    known_instrument = isinstance(instrument, str) and instrument in INSTRUMENTS
    if instrument is not None and not known_instrument:
        problems.append(f"{where}: 'instrument' moet {', '.join(INSTRUMENTS)} zijn")
    contact_raw = raw.get("contact") or {}
    contact: dict[str, str] = {}
    if not isinstance(contact_raw, Mapping):
        problems.append(f"{where}: 'contact' moet sleutels met teksten bevatten")
    else:
        for key, value in contact_raw.items():
            if value is None:
                continue
            if isinstance(value, list):
                problems.append(f"{where}: 'contact' moet sleutels met teksten bevatten")
                continue
            if not isinstance(value, Mapping):
                contact[str(key)] = str(value)
                continue
            dutch, others = read_text(value, f"{where}: contact '{_shown(key)}'", problems)
            if dutch is not None:
                contact[str(key)] = dutch
                if others:
                    translations[f"contact.{key}"] = others
    helper = raw.get("helper_route")
    if helper is not None and not isinstance(helper, str):
        problems.append(f"{where}: 'helper_route' moet een route-id zijn")
    if raw.get("unverified") and "unverified_note" not in texts:
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
            if key not in _CONDITION_KEYS:
                problems.append(
                    f"{label}: onbekende sleutel '{_shown(key)}' "
                    "(gebruik all, any, none, show, reason)"
                )
        for key in ("all", "any", "none", "show"):
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
        reason, reason_others = read_text(cond.get("reason"), f"{label}: 'reason'", problems)
        conditions.append(
            Condition(
                parts["all"],
                parts["any"],
                parts["none"],
                reason,
                parts["show"],
                reason_translations=reason_others,
            )
        )

    if len(problems) > before:
        return None
    return Route(
        id=route_id,
        name=texts["name"],
        organisation=texts["organisation"],
        explanation=texts["explanation"],
        priority=int(priority),  # type: ignore[arg-type]
        conditions=tuple(conditions),
        contact=contact,
        via_helper_only=bool(raw.get("via_helper_only", False)),
        helper_route=helper if isinstance(helper, str) else None,
        enabled=bool(raw.get("enabled")),
        unverified=bool(raw.get("unverified", False)),
        unverified_note=texts.get("unverified_note"),
        deadline=str(deadline),
        fallback=bool(raw.get("fallback", False)),
        pilot=bool(raw.get("pilot", False)),
        wgs=bool(wgs),
        instrument=str(instrument) if isinstance(instrument, str) else None,
        translations=translations,
    )
