"""The Geldclinic intake: what the advisor and the employee map together.

Every answer can be in one of three states:

- ``None``      – not asked or not answered yet (a draft);
- ``UNKNOWN``   – asked, and the answer is "weet ik niet / wil ik niet zeggen";
- a value       – the answer.

In JSON, ``None`` is ``null`` and ``UNKNOWN`` is the string ``"unknown"``. Amounts are euros
(JSON numbers, at most two decimals). Field names are English identifiers; enum values are the
Dutch words the data files and the referral letter use. Where DDAS v1.0 has a name it is given
(``DdasDebtKind``, :meth:`Intake.crisisinterventie`). The enums and their labels live in
``app.core.concepts`` (one module per concept); import them from there.

This module is pure: no I/O, no Qt, no translations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Final, TypeAlias, TypeVar, Union

from app.core.bounded import one_line
from app.core.concepts.age import AgeBand
from app.core.concepts.arrears import ArrearKind, DdasDebtKind
from app.core.concepts.contact import ContactPreference
from app.core.concepts.contract import INTAKE_ANSWERS, ContractType
from app.core.concepts.costs import CostKind
from app.core.concepts.debt import DebtBand
from app.core.concepts.household import Household
from app.core.concepts.income import IncomeKind
from app.core.concepts.life_areas import LifeArea
from app.core.concepts.threats import Threat

SCHEMA_VERSION: Final = "1.0"

# Limits of an intake document; the same numbers are in resources/schemas/intake.schema.json.
MAX_AMOUNT: Final = Decimal("10000000")  # euros; a larger "amount" is a typing error
MAX_HOURS_PER_WEEK: Final = Decimal(168)
MAX_TEXT_LENGTH: Final = 2000  # help_question, tried_already (the screen cuts there too)
MAX_LIST_ITEMS: Final = 50  # income, fixed_costs, arrears
MAX_COUNTS: Final = {"household_size": 30, "age_years": 130, "creditor_count": 1000}


class IntakeFormatError(ValueError):
    """An intake document does not have the expected shape. The text is Dutch, without data."""


class _Unknown:
    """The explicit answer "weet ik niet / wil ik niet zeggen" (a singleton)."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:  # never mistaken for a "yes"
        return False

    def __reduce__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()
UNKNOWN_JSON: Final = "unknown"

T = TypeVar("T")
Answer: TypeAlias = Union[T, _Unknown, None]  # noqa: UP007 - generic alias needs Union
"""An answer of type T, or UNKNOWN, or None (not answered)."""


def is_known(value: object) -> bool:
    """True when the answer is a real value (not None, not UNKNOWN)."""
    return value is not None and value is not UNKNOWN


# ---------------------------------------------------------------------------------------------
# Parts of the intake


@dataclass
class IncomeSource:
    kind: IncomeKind
    net_per_month: Answer[Decimal] = None


@dataclass
class FixedCost:
    kind: CostKind
    per_month: Answer[Decimal] = None


@dataclass
class Arrear:
    kind: ArrearKind
    amount: Answer[Decimal] = None

    @property
    def ddas_kind(self) -> DdasDebtKind:
        return self.kind.ddas_kind


@dataclass
class Intake:
    """One conversation. All fields optional; see the module docstring for the three states."""

    # household and person
    household: Answer[Household] = None
    household_size: Answer[int] = None  # people living on this income, incl. the employee
    age_band: Answer[AgeBand] = None
    age_years: Answer[int] = None  # optional; when known it decides the band
    # work
    contract: Answer[ContractType] = None
    hours_per_week: Answer[Decimal] = None
    own_business: Answer[bool] = None  # also a business next to the job (zzp on the side)
    # money in and out
    income: Answer[list[IncomeSource]] = None
    fixed_costs: Answer[list[FixedCost]] = None
    food_shortage: Answer[bool] = None  # "is er soms te weinig geld voor eten?"
    # debts
    arrears: Answer[list[Arrear]] = None
    creditor_count: Answer[int] = None
    total_debt: Answer[Decimal] = None  # the employee's estimate
    business_debt: Answer[bool] = None  # DDAS schulden[].zakelijkeSchuld
    collection_agency: Answer[bool] = None  # incassobureau
    bailiff: Answer[bool] = None  # deurwaarder
    wage_garnishment: Answer[bool] = None
    bank_garnishment: Answer[bool] = None
    threats: Answer[list[Threat]] = None
    # the person's own story
    help_question: Answer[str] = None  # in the employee's own words
    tried_already: Answer[str] = None
    life_areas: Answer[list[LifeArea]] = None
    preferred_contact: Answer[ContactPreference] = None
    schema_version: str = field(default=SCHEMA_VERSION)

    # -- derived views (used by the rules engine, the budget and the letter) ---------------

    @property
    def effective_age_band(self) -> AgeBand | None:
        if isinstance(self.age_years, int):
            return AgeBand.for_age(self.age_years)
        return self.age_band if isinstance(self.age_band, AgeBand) else None

    @property
    def is_self_employed(self) -> bool:
        return self.contract is ContractType.SELF_EMPLOYED or self.own_business is True

    @property
    def is_single(self) -> bool | None:
        if isinstance(self.household, Household):
            return self.household.is_single
        return None

    @property
    def people(self) -> int | None:
        """People living on this income: the answer, else derived from the household."""
        if isinstance(self.household_size, int) and self.household_size > 0:
            return self.household_size
        if isinstance(self.household, Household):
            return self.household.default_size
        return None

    @property
    def present_threats(self) -> list[Threat]:
        """Threatening situations that were answered "yes", in a stable order."""
        if not isinstance(self.threats, list):
            return []
        chosen: set[Threat] = set(self.threats)
        return [threat for threat in Threat if threat in chosen]

    @property
    def crisisinterventie(self) -> bool:
        """DDAS ``aanmelding.crisisinterventie``: is there any threatening situation?"""
        return bool(self.present_threats)

    @property
    def income_total(self) -> Decimal | None:
        return _sum_known(self.income, "net_per_month")

    @property
    def fixed_costs_total(self) -> Decimal | None:
        return _sum_known(self.fixed_costs, "per_month")

    @property
    def budget(self) -> Decimal | None:
        """Net income minus fixed costs per month; None when either side is not fully known."""
        income = self.income_total
        costs = self.fixed_costs_total
        if income is None or costs is None:
            return None
        return income - costs

    @property
    def debt_total(self) -> Decimal | None:
        """The estimate when given, else the sum of the arrears when every amount is known."""
        if isinstance(self.total_debt, Decimal):
            return self.total_debt
        if isinstance(self.arrears, list):
            return _sum_known(self.arrears, "amount")
        return None

    @property
    def has_debts(self) -> bool | None:
        """True: some debt is known. False: explicitly none. None: not known."""
        total = self.debt_total
        if total is not None and total > 0:
            return True
        if isinstance(self.arrears, list) and self.arrears:
            return True
        if isinstance(self.creditor_count, int) and self.creditor_count > 0:
            return True
        flags = (self.bailiff, self.collection_agency, self.wage_garnishment, self.bank_garnishment)
        if any(flag is True for flag in flags):
            return True
        if isinstance(self.arrears, list) and not self.arrears:
            return False
        if total is not None and total <= 0:
            return False
        return None

    @property
    def debt_band(self) -> DebtBand:
        if self.has_debts is False:
            return DebtBand.NONE
        return DebtBand.for_amount(self.debt_total)

    @property
    def ddas_debt_kinds(self) -> list[DdasDebtKind]:
        """The DDAS debt kinds present among the arrears, in DDAS order."""
        if not isinstance(self.arrears, list):
            return []
        kinds = {arrear.ddas_kind for arrear in self.arrears}
        return [kind for kind in DdasDebtKind if kind in kinds]

    # -- JSON --------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "household": _enum_out(self.household),
            "household_size": _plain_out(self.household_size),
            "age_band": _enum_out(self.age_band),
            "age_years": _plain_out(self.age_years),
            "contract": _enum_out(self.contract),
            "hours_per_week": _money_out(self.hours_per_week),
            "own_business": _plain_out(self.own_business),
            "income": _list_out(
                self.income,
                lambda s: {"kind": s.kind.value, "net_per_month": _money_out(s.net_per_month)},
            ),
            "fixed_costs": _list_out(
                self.fixed_costs,
                lambda c: {"kind": c.kind.value, "per_month": _money_out(c.per_month)},
            ),
            "food_shortage": _plain_out(self.food_shortage),
            "arrears": _list_out(
                self.arrears,
                lambda a: {
                    "kind": a.kind.value,
                    "ddas_kind": a.ddas_kind.value,
                    "amount": _money_out(a.amount),
                },
            ),
            "creditor_count": _plain_out(self.creditor_count),
            "total_debt": _money_out(self.total_debt),
            "business_debt": _plain_out(self.business_debt),
            "collection_agency": _plain_out(self.collection_agency),
            "bailiff": _plain_out(self.bailiff),
            "wage_garnishment": _plain_out(self.wage_garnishment),
            "bank_garnishment": _plain_out(self.bank_garnishment),
            "threats": _list_out(self.threats, lambda t: t.value),
            "help_question": _plain_out(self.help_question),
            "tried_already": _plain_out(self.tried_already),
            "life_areas": _list_out(self.life_areas, lambda x: x.value),
            "preferred_contact": _enum_out(self.preferred_contact),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Intake:
        """Build an intake from JSON data. Unknown keys are refused; missing keys are None."""
        if not isinstance(data, Mapping):
            raise IntakeFormatError("het gesprek is geen JSON-object")
        version = data.get("schema_version", SCHEMA_VERSION)
        if not isinstance(version, str) or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise IntakeFormatError("onbekende schema_version van het gesprek")
        extra = set(data) - _FIELDS
        if extra:
            names = ", ".join(sorted(one_line(name, 40) for name in extra)[:3])
            raise IntakeFormatError("onbekend veld in het gesprek: " + names)
        return cls(
            household=_enum_in(data, "household", Household),
            household_size=_int_in(data, "household_size"),
            age_band=_enum_in(data, "age_band", AgeBand),
            age_years=_int_in(data, "age_years"),
            contract=_intake_contract_in(data),
            hours_per_week=_money_in(
                data.get("hours_per_week"), "hours_per_week", maximum=MAX_HOURS_PER_WEEK
            ),
            own_business=_bool_in(data, "own_business"),
            income=_list_in(
                data,
                "income",
                lambda d: IncomeSource(
                    _enum_value(d, "kind", IncomeKind, "income"),
                    _money_in(d.get("net_per_month"), "income"),
                ),
            ),
            fixed_costs=_list_in(
                data,
                "fixed_costs",
                lambda d: FixedCost(
                    _enum_value(d, "kind", CostKind, "fixed_costs"),
                    _money_in(d.get("per_month"), "fixed_costs"),
                ),
            ),
            food_shortage=_bool_in(data, "food_shortage"),
            arrears=_list_in(
                data,
                "arrears",
                lambda d: Arrear(
                    _enum_value(d, "kind", ArrearKind, "arrears"),
                    _money_in(d.get("amount"), "arrears"),
                ),
            ),
            creditor_count=_int_in(data, "creditor_count"),
            total_debt=_money_in(data.get("total_debt"), "total_debt"),
            business_debt=_bool_in(data, "business_debt"),
            collection_agency=_bool_in(data, "collection_agency"),
            bailiff=_bool_in(data, "bailiff"),
            wage_garnishment=_bool_in(data, "wage_garnishment"),
            bank_garnishment=_bool_in(data, "bank_garnishment"),
            threats=_list_in(data, "threats", lambda v: _enum_scalar(v, Threat, "threats")),
            help_question=_str_in(data, "help_question"),
            tried_already=_str_in(data, "tried_already"),
            life_areas=_list_in(
                data, "life_areas", lambda v: _enum_scalar(v, LifeArea, "life_areas")
            ),
            preferred_contact=_enum_in(data, "preferred_contact", ContactPreference),
            schema_version=SCHEMA_VERSION,
        )


_FIELDS: Final = frozenset(
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
        "help_question",
        "tried_already",
        "life_areas",
        "preferred_contact",
    }
)


# ---------------------------------------------------------------------------------------------
# helpers


def _sum_known(items: object, attribute: str) -> Decimal | None:
    if not isinstance(items, list):
        return None
    total = Decimal(0)
    for item in items:
        value = getattr(item, attribute)
        if not isinstance(value, Decimal):
            return None
        total += value
    return total


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


def _list_out(value: object, convert: Any) -> Any:
    if isinstance(value, list):
        return [convert(item) for item in value]
    return _special_out(value)


def _special_in(value: object) -> tuple[bool, Any]:
    if value is None:
        return True, None
    if value == UNKNOWN_JSON:
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


def _enum_value(item: object, key: str, enum: type[E], name: str) -> E:
    if not isinstance(item, Mapping):
        raise IntakeFormatError(f"ongeldige regel bij {name}")
    return _enum_scalar(item.get(key), enum, name)


def _int_in(data: Mapping[str, Any], name: str) -> Answer[int]:
    value = data.get(name)
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise IntakeFormatError(f"ongeldig getal bij {name}")
    if value > MAX_COUNTS.get(name, 1000):
        raise IntakeFormatError(f"te groot getal bij {name}")
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
    if not _printable_text(value):
        raise IntakeFormatError(f"ongeldige tekens in de tekst bij {name}")
    return value


def _money_in(value: object, name: str, *, maximum: Decimal = MAX_AMOUNT) -> Answer[Decimal]:
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise IntakeFormatError(f"ongeldig bedrag bij {name}")
    if isinstance(value, int) and value.bit_length() > 64:  # before str(): 5000 digits raise
        raise IntakeFormatError(f"te groot bedrag bij {name}")
    text = str(value)
    if len(text) > 40:
        raise IntakeFormatError(f"ongeldig bedrag bij {name}")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise IntakeFormatError(f"ongeldig bedrag bij {name}") from None
    if not amount.is_finite() or amount < 0:
        raise IntakeFormatError(f"ongeldig bedrag bij {name}")
    if amount > maximum:  # before quantize: Decimal("1e27").quantize(...) is InvalidOperation
        raise IntakeFormatError(f"te groot bedrag bij {name}")
    return amount.quantize(Decimal("0.01"))


def _list_in(data: Mapping[str, Any], name: str, convert: Any) -> Answer[list[Any]]:
    value = data.get(name)
    special, result = _special_in(value)
    if special:
        return result  # type: ignore[no-any-return]
    if not isinstance(value, list):
        raise IntakeFormatError(f"ongeldige lijst bij {name}")
    if len(value) > MAX_LIST_ITEMS:
        raise IntakeFormatError(f"te lange lijst bij {name} (hoogstens {MAX_LIST_ITEMS})")
    return [convert(item) for item in value]


def _printable_text(text: str) -> bool:
    """No lone surrogates (they cannot be written as UTF-8 again) and no NUL characters."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text
