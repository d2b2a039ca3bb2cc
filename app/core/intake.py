"""The Geldclinic intake: what the advisor and the employee map together.

Every answer can be in one of three states:

- ``None``      – not asked or not answered yet (a draft);
- ``UNKNOWN``   – asked, and the answer is "weet ik niet / wil ik niet zeggen";
- a value       – the answer.

In JSON, ``None`` is ``null`` and ``UNKNOWN`` is the string ``"unknown"``. Amounts are euros
(JSON numbers, at most two decimals); dates are ``"YYYY-MM-DD"``. Field names are English
identifiers; enum values are the Dutch words the data files and the referral letter use.
Where DDAS v1.0 has a name it is given (``DdasDebtKind``, :meth:`Intake.crisisinterventie`).

This module is pure: no I/O, no Qt, no translations. The enums and their labels are in
app.core.concepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Final, TypeAlias, TypeVar, Union

from app.core.concepts.age import AgeBand
from app.core.concepts.arrears import ArrearKind, DdasDebtKind
from app.core.concepts.contact import ContactPreference
from app.core.concepts.contract import ContractType
from app.core.concepts.costs import CostKind
from app.core.concepts.debt import DebtBand
from app.core.concepts.household import Household
from app.core.concepts.income import IncomeKind
from app.core.concepts.life_areas import LifeArea
from app.core.concepts.schemes import Scheme
from app.core.concepts.threats import Threat

SCHEMA_VERSION: Final = "1.0"
# The JSON codec (to_dict/from_dict, IntakeFormatError, the document's limits) is in
# app.core.intake_codec; resources/schemas/intake.schema.json is the same definition.


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
    threat_date: Answer[date] = None  # when the (earliest) threat takes effect, if known
    # allowances and regelingen that are probably not claimed
    unclaimed_schemes: Answer[list[Scheme]] = None
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

    @property
    def present_unclaimed_schemes(self) -> list[Scheme]:
        """Allowances and regelingen that are probably not claimed, in a stable order."""
        if not isinstance(self.unclaimed_schemes, list):
            return []
        chosen: set[Scheme] = set(self.unclaimed_schemes)
        return [scheme for scheme in Scheme if scheme in chosen]

    @property
    def known_threat_date(self) -> date | None:
        """The date the threat takes effect, when there is a threat and the date is known."""
        if self.present_threats and isinstance(self.threat_date, date):
            return self.threat_date
        return None

    # -- JSON (the codec lives in app.core.intake_codec) -------------------------------------

    def to_dict(self) -> dict[str, Any]:
        from app.core.intake_codec import intake_to_dict

        return intake_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Intake:
        """Build an intake from JSON data; raises ``intake_codec.IntakeFormatError``."""
        from app.core.intake_codec import intake_from_dict

        return intake_from_dict(data)


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
