"""Per-route settings from ``resources/routes.yaml``: the one home for these domain facts.

- ``municipality_code``: the municipality's CBS code (``GM`` and four digits); it goes into
  the DDAS part of every referral attachment.
- ``deadlines``: the Wgs terms, ``crisis_working_days`` (threatening situation) and
  ``regular_weeks`` (first conversation). The advice, the letter and the reminders all use them.
- ``referral``: per recipient (a route id) the consent fields that start switched on
  (``consent_fields``, the minimum that recipient needs) and the purpose filled in beforehand
  (``purpose``); ``default`` is for every other recipient.

:func:`load_route_settings` is called by :func:`app.core.routes.load_rules`; it adds one Dutch
line per problem to the rules file's list. The loaded :class:`RouteSettings` lives on the
RuleSet (``rules.settings``) and is passed to the referral code. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Final

from app.core.bounded import one_line
from app.core.consent import FIELD_KEYS, MAX_PURPOSE

MUNICIPALITY_CODE: Final = re.compile(r"^GM[0-9]{4}$")
MAX_TERM: Final = 60  # working days or weeks; a larger term is a typing error
_TERM_KEYS: Final = ("crisis_working_days", "regular_weeks")
_RECIPIENT_KEYS: Final = frozenset({"consent_fields", "purpose"})
_REFERRAL_KEYS: Final = frozenset({"default", "recipients"})


@dataclass(frozen=True)
class WgsTerms:
    """The Wgs terms: working days in a threatening situation, weeks otherwise."""

    crisis_working_days: int
    regular_weeks: int


# The placeholders a text in routes.yaml may use for the terms under ``deadlines:``, so a
# route's explanation never spells a term the settings could contradict.
TERM_PLACEHOLDERS: Final = ("{dagen}", "{weken}")


def fill_terms(text: str, terms: WgsTerms) -> str:
    """``text`` with ``{dagen}`` and ``{weken}`` replaced by the Wgs terms (other braces stay:
    ``{route}`` is filled later)."""
    return text.replace("{dagen}", str(terms.crisis_working_days)).replace(
        "{weken}", str(terms.regular_weeks)
    )


@dataclass(frozen=True)
class RecipientSettings:
    """What a letter to one recipient starts with; the advisor may change both."""

    consent_fields: frozenset[str]  # pre-selected: the minimum the recipient needs
    purpose: str


@dataclass(frozen=True)
class RouteSettings:
    municipality_code: str
    terms: WgsTerms
    default: RecipientSettings
    recipients: Mapping[str, RecipientSettings] = field(default_factory=dict)

    def recipient(self, recipient_id: str) -> RecipientSettings:
        return self.recipients.get(recipient_id, self.default)

    def minimum_fields(self, recipient_id: str) -> frozenset[str]:
        """Fields pre-selected for a recipient: its minimum set, else the default set."""
        return self.recipient(recipient_id).consent_fields

    def default_purpose(self, recipient_id: str) -> str:
        return self.recipient(recipient_id).purpose


def _shown(value: object) -> str:
    return one_line(value, 40)


def _load_terms(data: Mapping[object, object], problems: list[str]) -> WgsTerms:
    raw = data.get("deadlines")
    if not isinstance(raw, Mapping):
        problems.append(
            "'deadlines' ontbreekt: geef de Wgs-termijnen crisis_working_days en regular_weeks"
        )
        raw = {}
    values: dict[str, int] = {}
    for key in _TERM_KEYS:
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_TERM:
            problems.append(f"deadlines: '{key}' moet een heel getal van 1 tot {MAX_TERM} zijn")
            value = 1
        values[key] = value
    for key in raw:
        if key not in _TERM_KEYS:
            problems.append(f"deadlines: onbekende sleutel '{_shown(key)}'")
    return WgsTerms(values["crisis_working_days"], values["regular_weeks"])


def _load_code(data: Mapping[object, object], problems: list[str]) -> str:
    code = data.get("municipality_code")
    if not isinstance(code, str) or not MUNICIPALITY_CODE.match(code):
        shown = "ontbreekt" if code is None else f"'{_shown(code)}' klopt niet"
        problems.append(
            f"municipality_code {shown}: geef de gemeentecode van het CBS, "
            "GM en vier cijfers (zoals GM0363)"
        )
        return ""
    return code


def _load_recipient(raw: object, where: str, problems: list[str]) -> RecipientSettings:
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: geef consent_fields en purpose")
        return RecipientSettings(frozenset(), "")
    for key in raw:
        if key not in _RECIPIENT_KEYS:
            problems.append(
                f"{where}: onbekende sleutel '{_shown(key)}' (gebruik consent_fields, purpose)"
            )
    fields_raw = raw.get("consent_fields")
    fields: set[str] = set()
    if not isinstance(fields_raw, list) or not fields_raw:
        problems.append(f"{where}: 'consent_fields' moet een lijst van gegevens zijn")
        fields_raw = []
    for key in fields_raw:
        if not isinstance(key, str) or key not in FIELD_KEYS:
            problems.append(f"{where}: onbekend gegeven '{_shown(key)}' in consent_fields")
        else:
            fields.add(key)
    purpose = raw.get("purpose")
    if not isinstance(purpose, str) or not purpose.strip():
        problems.append(f"{where}: 'purpose' ontbreekt (het doel van de verwijzing)")
        purpose = ""
    purpose = " ".join(purpose.split())  # one line, as the purpose field on screen
    if len(purpose) > MAX_PURPOSE:
        problems.append(f"{where}: 'purpose' is langer dan {MAX_PURPOSE} tekens")
    return RecipientSettings(frozenset(fields), purpose)


def load_route_settings(
    data: Mapping[object, object], route_ids: Collection[str], problems: list[str]
) -> RouteSettings:
    """The settings in a parsed rules file; each problem adds one Dutch line to ``problems``.

    ``route_ids`` are the file's routes: a recipient that is not one of them is a problem. With
    problems the result holds placeholders and must not be used (load_rules raises).
    """
    code = _load_code(data, problems)
    terms = _load_terms(data, problems)
    referral = data.get("referral")
    if not isinstance(referral, Mapping):
        problems.append("'referral' ontbreekt: geef per ontvanger consent_fields en purpose")
        referral = {}
    for key in referral:
        if key not in _REFERRAL_KEYS:
            problems.append(f"referral: onbekende sleutel '{_shown(key)}'")
    default = _load_recipient(referral.get("default"), "referral, default", problems)
    recipients_raw = referral.get("recipients") or {}
    recipients: dict[str, RecipientSettings] = {}
    if not isinstance(recipients_raw, Mapping):
        problems.append("referral: 'recipients' moet per route-id de instellingen geven")
        recipients_raw = {}
    for route_id, raw in recipients_raw.items():
        if not isinstance(route_id, str) or route_id not in route_ids:
            problems.append(f"referral: onbekende route '{_shown(route_id)}'")
            continue
        recipients[route_id] = _load_recipient(raw, f"referral, route '{route_id}'", problems)
    return RouteSettings(code, terms, default, recipients)
