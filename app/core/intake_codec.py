"""The intake as JSON: :func:`intake_to_dict` and :func:`intake_from_dict`.

There is one definition of a valid intake document: ``resources/schemas/intake.schema.json``
(JSON Schema 2020-12). :func:`intake_from_dict` accepts exactly the documents the schema
accepts and refuses the others with an :class:`IntakeFormatError`; the limits below are the
schema's numbers (tests/unit/intake/test_intake_schema_agreement.py proves they agree over a
generated corpus). Some consequences, all following JSON Schema's own rules:

- an integer field also takes a number with nothing after the point (``2.0`` is ``2``);
- amounts are JSON numbers (not strings), 0 to 10 million; more than two decimals are rounded;
- lists of choices (threats, life areas, schemes) hold each choice at most once;
- a row in a list (income, fixed costs, arrears) has a ``kind`` and no other keys than its own;
- texts hold no NUL character and no lone surrogate (they could not be written as UTF-8).

:func:`intake_from_stored` reads what older versions of the app stored (a household size of 0,
a choice twice) by first tidying those shapes, then applying the same strict definition.

Pure: no I/O, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final, TypeVar

from app.core.bounded import one_line
from app.core.concepts.age import AgeBand
from app.core.concepts.arrears import ArrearKind, DdasDebtKind
from app.core.concepts.contact import ContactPreference
from app.core.concepts.contract import INTAKE_ANSWERS, ContractType
from app.core.concepts.costs import CostKind
from app.core.concepts.household import Household
from app.core.concepts.income import IncomeKind
from app.core.concepts.life_areas import LifeArea
from app.core.concepts.schemes import Scheme
from app.core.concepts.threats import Threat
from app.core.intake import SCHEMA_VERSION, UNKNOWN, Answer, Arrear, FixedCost, IncomeSource, Intake

UNKNOWN_JSON: Final = "unknown"

# Limits of an intake document; the same numbers are in resources/schemas/intake.schema.json.
MAX_AMOUNT: Final = Decimal("10000000")  # euros; a larger "amount" is a typing error
MAX_HOURS_PER_WEEK: Final = Decimal(168)
MAX_TEXT_LENGTH: Final = 2000  # help_question, tried_already (the screen cuts there too)
MAX_LIST_ITEMS: Final = 50  # income, fixed_costs, arrears
# (minimum, maximum) per count; a household has at least the employee in it.
COUNT_LIMITS: Final = {
    "household_size": (1, 30),
    "age_years": (0, 130),
    "creditor_count": (0, 1000),
}
# The schema's patterns, read with Python's ``re.search`` as jsonschema does. "(?!\n)" keeps
# Python's "$" from also matching before a final line break.
SCHEMA_VERSION_PATTERN: Final = r"^1\.[0-9]+(?!\n)$"
# A calendar date from 2000-01-01 to 2099-12-31 (leap days included), exactly 10 characters.
DATE_PATTERN: Final = (
    r"^(20[0-9]{2}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    r"|02-(0[1-9]|1[0-9]|2[0-8]))|20([02468][048]|[13579][26])-02-29)$"
)
TEXT_PATTERN: Final = "^[^\\u0000\\ud800-\\udfff]*$"  # no NUL, no lone surrogate

_ROW_KEYS: Final = {
    "income": frozenset({"kind", "net_per_month"}),
    "fixed_costs": frozenset({"kind", "per_month"}),
    "arrears": frozenset({"kind", "ddas_kind", "amount"}),
}


class IntakeFormatError(ValueError):
    """An intake document does not have the expected shape. The text is Dutch, without data."""


# ---------------------------------------------------------------------------------------------
# out


def intake_to_dict(intake: Intake) -> dict[str, Any]:
    """The intake as a JSON object (every field present; ``None`` is ``null``)."""
    return {
        "schema_version": intake.schema_version,
        "household": _enum_out(intake.household),
        "household_size": _plain_out(intake.household_size),
        "age_band": _enum_out(intake.age_band),
        "age_years": _plain_out(intake.age_years),
        "contract": _enum_out(intake.contract),
        "hours_per_week": _money_out(intake.hours_per_week),
        "own_business": _plain_out(intake.own_business),
        "income": _list_out(
            intake.income,
            lambda s: {"kind": s.kind.value, "net_per_month": _money_out(s.net_per_month)},
        ),
        "fixed_costs": _list_out(
            intake.fixed_costs,
            lambda c: {"kind": c.kind.value, "per_month": _money_out(c.per_month)},
        ),
        "food_shortage": _plain_out(intake.food_shortage),
        "arrears": _list_out(
            intake.arrears,
            lambda a: {
                "kind": a.kind.value,
                "ddas_kind": a.ddas_kind.value,
                "amount": _money_out(a.amount),
            },
        ),
        "creditor_count": _plain_out(intake.creditor_count),
        "total_debt": _money_out(intake.total_debt),
        "business_debt": _plain_out(intake.business_debt),
        "collection_agency": _plain_out(intake.collection_agency),
        "bailiff": _plain_out(intake.bailiff),
        "wage_garnishment": _plain_out(intake.wage_garnishment),
        "bank_garnishment": _plain_out(intake.bank_garnishment),
        "threats": _list_out(intake.threats, lambda t: t.value),
        "threat_date": _date_out(intake.threat_date),
        "unclaimed_schemes": _list_out(intake.unclaimed_schemes, lambda x: x.value),
        "help_question": _plain_out(intake.help_question),
        "tried_already": _plain_out(intake.tried_already),
        "life_areas": _list_out(intake.life_areas, lambda x: x.value),
        "preferred_contact": _enum_out(intake.preferred_contact),
    }


# ---------------------------------------------------------------------------------------------
# in


def intake_from_dict(data: Mapping[str, Any]) -> Intake:
    """Build an intake from a JSON object valid under intake.schema.json; else IntakeFormatError.

    Unknown keys are refused; missing keys are ``None`` (not answered); a missing
    ``schema_version`` means the current one.
    """
    if not isinstance(data, Mapping):
        raise IntakeFormatError("het gesprek is geen JSON-object")
    extra = set(data) - FIELDS
    if extra:
        names = ", ".join(sorted(one_line(name, 40) for name in extra)[:3])
        raise IntakeFormatError("onbekend veld in het gesprek: " + names)
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, str) or not re.search(SCHEMA_VERSION_PATTERN, version):
        raise IntakeFormatError("onbekende schema_version van het gesprek")
    return Intake(
        household=_enum_in(data, "household", Household),
        household_size=_int_in(data, "household_size"),
        age_band=_enum_in(data, "age_band", AgeBand),
        age_years=_int_in(data, "age_years"),
        contract=_intake_contract_in(data),
        hours_per_week=_money_in(
            data.get("hours_per_week"), "hours_per_week", maximum=MAX_HOURS_PER_WEEK
        ),
        own_business=_bool_in(data, "own_business"),
        income=_rows_in(
            data,
            "income",
            lambda d: IncomeSource(
                _enum_value(d, "kind", IncomeKind, "income"),
                _money_in(d.get("net_per_month"), "income"),
            ),
        ),
        fixed_costs=_rows_in(
            data,
            "fixed_costs",
            lambda d: FixedCost(
                _enum_value(d, "kind", CostKind, "fixed_costs"),
                _money_in(d.get("per_month"), "fixed_costs"),
            ),
        ),
        food_shortage=_bool_in(data, "food_shortage"),
        arrears=_rows_in(data, "arrears", _arrear_in),
        creditor_count=_int_in(data, "creditor_count"),
        total_debt=_money_in(data.get("total_debt"), "total_debt"),
        business_debt=_bool_in(data, "business_debt"),
        collection_agency=_bool_in(data, "collection_agency"),
        bailiff=_bool_in(data, "bailiff"),
        wage_garnishment=_bool_in(data, "wage_garnishment"),
        bank_garnishment=_bool_in(data, "bank_garnishment"),
        threats=_choices_in(data, "threats", Threat),
        threat_date=_date_in(data, "threat_date"),
        unclaimed_schemes=_choices_in(data, "unclaimed_schemes", Scheme),
        help_question=_str_in(data, "help_question"),
        tried_already=_str_in(data, "tried_already"),
        life_areas=_choices_in(data, "life_areas", LifeArea),
        preferred_contact=_enum_in(data, "preferred_contact", ContactPreference),
        schema_version=SCHEMA_VERSION,
    )


def intake_from_stored(data: Mapping[str, Any]) -> Intake:
    """An intake the app stored itself, possibly by an older version: tidy the shapes older
    versions wrote (a household size of 0, a choice twice), then read it strictly."""
    if not isinstance(data, Mapping):
        raise IntakeFormatError("het gesprek is geen JSON-object")
    tidy = dict(data)
    if tidy.get("household_size") == 0 and not isinstance(tidy.get("household_size"), bool):
        tidy["household_size"] = None
    for name in ("threats", "life_areas", "unclaimed_schemes"):
        value = tidy.get(name)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            tidy[name] = list(dict.fromkeys(value))
    return intake_from_dict(tidy)


FIELDS: Final = frozenset(
    {
        "schema_version",
        "household",
        "household_size",
        "age_band",
        "age_years",
        "contract",
        "hours_per_week",
        "own_business",
        "income",
        "fixed_costs",
        "food_shortage",
        "arrears",
        "creditor_count",
        "total_debt",
        "business_debt",
        "collection_agency",
        "bailiff",
        "wage_garnishment",
        "bank_garnishment",
        "threats",
        "threat_date",
        "unclaimed_schemes",
        "help_question",
        "tried_already",
        "life_areas",
        "preferred_contact",
    }
)
"""Every key an intake document may have (the schema's ``properties``)."""


# ---------------------------------------------------------------------------------------------
# helpers


def _special_out(value: object) -> Any:
    if value is None:
        return None
    if value is UNKNOWN:
        return UNKNOWN_JSON
    raise AssertionError


def _plain_out(value: object) -> Any:
    if value is None or value is UNKNOWN:
        return _special_out(value)
    return value


def _enum_out(value: object) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    return _special_out(value)


def _money_out(value: object) -> Any:
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return _special_out(value)


def _date_out(value: object) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return _special_out(value)


def _list_out(value: object, convert: Callable[[Any], Any]) -> Any:
    if isinstance(value, list):
        return [convert(item) for item in value]
    return _special_out(value)


def _special_in(value: object) -> tuple[bool, Any]:
    if value is None:
        return True, None
    if isinstance(value, str) and value == UNKNOWN_JSON:
        return True, UNKNOWN
    return False, None


E = TypeVar("E", bound=StrEnum)


def _enum_scalar(value: object, enum: type[E], name: str) -> E:
    if not isinstance(value, str):
        raise IntakeFormatError(f"ongeldige waarde bij {name}")
    try:
        return enum(value)
    except ValueError:
        raise IntakeFormatError(f"ongeldige waarde bij {name}") from None


def _enum_in(data: Mapping[str, Any], name: str, enum: type[E]) -> Answer[E]:
    special, result = _special_in(data.get(name))
    if special:
        return result  # type: ignore[no-any-return]
    return _enum_scalar(data[name], enum, name)


def _intake_contract_in(data: Mapping[str, Any]) -> Answer[ContractType]:
    """A contract answer; "anders" is a signal's value that the intake does not offer."""
    value = _enum_in(data, "contract", ContractType)
    if isinstance(value, ContractType) and value not in INTAKE_ANSWERS:
        raise IntakeFormatError("ongeldige waarde bij contract")
    return value


def _enum_value(item: Mapping[str, Any], key: str, enum: type[E], name: str) -> E:
    if key not in item:
        raise IntakeFormatError(f"soort ontbreekt bij {name}")
    return _enum_scalar(item[key], enum, name)


def _int_in(data: Mapping[str, Any], name: str) -> Answer[int]:
    value = data.get(name)
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    # JSON Schema's "integer" is any number without a fraction, so 2.0 is 2.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise IntakeFormatError(f"ongeldig getal bij {name}")
    low, high = COUNT_LIMITS[name]
    if value < low:
        raise IntakeFormatError(f"te klein getal bij {name} (minstens {low})")
    if value > high:
        raise IntakeFormatError(f"te groot getal bij {name} (hoogstens {high})")
    return value


def _bool_in(data: Mapping[str, Any], name: str) -> Answer[bool]:
    value = data.get(name)
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    if not isinstance(value, bool):
        raise IntakeFormatError(f"ongeldige ja/nee-waarde bij {name}")
    return value


def _str_in(data: Mapping[str, Any], name: str) -> Answer[str]:
    value = data.get(name)
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    if not isinstance(value, str):
        raise IntakeFormatError(f"ongeldige tekst bij {name}")
    if len(value) > MAX_TEXT_LENGTH:
        raise IntakeFormatError(f"te lange tekst bij {name} (hoogstens {MAX_TEXT_LENGTH} tekens)")
    if not re.search(TEXT_PATTERN, value):
        raise IntakeFormatError(f"ongeldige tekens in de tekst bij {name}")
    return value


def _date_in(data: Mapping[str, Any], name: str) -> Answer[date]:
    value = data.get(name)
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    if not isinstance(value, str) or len(value) != 10 or not re.search(DATE_PATTERN, value):
        raise IntakeFormatError(f"ongeldige datum bij {name} (zo: 2026-12-31)")
    return date.fromisoformat(value)


def _money_in(value: object, name: str, *, maximum: Decimal = MAX_AMOUNT) -> Answer[Decimal]:
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise IntakeFormatError(f"ongeldig bedrag bij {name}")
    # Compare the number itself, as the schema's minimum/maximum do (no rounding first).
    if isinstance(value, float) and value != value:  # NaN is no JSON; refuse it all the same
        raise IntakeFormatError(f"ongeldig bedrag bij {name}")
    if value < 0:
        raise IntakeFormatError(f"ongeldig bedrag bij {name}")
    if value > maximum:  # before Decimal: Decimal("1e27").quantize(...) is InvalidOperation
        raise IntakeFormatError(f"te groot bedrag bij {name}")
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _rows_in(
    data: Mapping[str, Any], name: str, convert: Callable[[Mapping[str, Any]], Any]
) -> Answer[list[Any]]:
    value = data.get(name)
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    if not isinstance(value, list):
        raise IntakeFormatError(f"ongeldige lijst bij {name}")
    if len(value) > MAX_LIST_ITEMS:
        raise IntakeFormatError(f"te lange lijst bij {name} (hoogstens {MAX_LIST_ITEMS})")
    rows = []
    for item in value:
        if not isinstance(item, Mapping):
            raise IntakeFormatError(f"ongeldige regel bij {name}")
        if set(item) - _ROW_KEYS[name]:
            raise IntakeFormatError(f"onbekend veld in een regel bij {name}")
        rows.append(convert(item))
    return rows


def _arrear_in(item: Mapping[str, Any]) -> Arrear:
    kind = _enum_value(item, "kind", ArrearKind, "arrears")
    if "ddas_kind" in item:  # derived from kind; informative, but it must be a DDAS name
        _enum_scalar(item["ddas_kind"], DdasDebtKind, "arrears")
    return Arrear(kind, _money_in(item.get("amount"), "arrears"))


def _choices_in(data: Mapping[str, Any], name: str, enum: type[E]) -> Answer[list[E]]:
    value = data.get(name)
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    if not isinstance(value, list):
        raise IntakeFormatError(f"ongeldige lijst bij {name}")
    if len(value) > len(enum):
        raise IntakeFormatError(f"te lange lijst bij {name} (hoogstens {len(enum)})")
    choices = [_enum_scalar(item, enum, name) for item in value]
    if len(set(choices)) != len(choices):
        raise IntakeFormatError(f"een keuze staat twee keer bij {name}")
    return choices
