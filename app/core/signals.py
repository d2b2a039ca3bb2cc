"""Anonymous employer signals: catalogue, value object, ISO weeks and periods, aggregation.

Nothing here may point to a person: a signal has a category from the catalogue, an ISO week
(never a day), a source and a few coarse optional attributes. No names, no free text.

The catalogue is data (``resources/signals.yaml``); the caller loads the YAML and passes the
mapping to :meth:`Catalogue.from_mapping` (this module does no I/O).
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from app.core.bounded import ascii_int
from app.core.concepts.age import AgeBand
from app.core.concepts.contract import SIGNAL_VALUES, ContractType
from app.core.localized import SOURCE_LANGUAGE, Translations, pick, read_text
from app.i18n import N_, _
from app.i18n.messages import TranslatableError


class SignalError(TranslatableError, ValueError):
    """A signal or catalogue is invalid: one marked Dutch sentence (``error.message``, with
    ``error.params``); ``str(error)`` translates it when shown (app.i18n.messages)."""


# --------------------------------------------------------------------------- enumerations


class Source(StrEnum):
    OWN_OBSERVATION = "eigen_waarneming"
    COLLEAGUE = "collega"
    ADMINISTRATION = "administratie"
    EMPLOYEE = "medewerker"

    def label(self) -> str:
        return _(_SOURCE_LABELS[self])


_SOURCE_LABELS = {
    Source.OWN_OBSERVATION: N_("Eigen waarneming"),
    Source.COLLEAGUE: N_("Collega of leidinggevende"),
    Source.ADMINISTRATION: N_("Salaris- of personeelsadministratie"),
    Source.EMPLOYEE: N_("De medewerker zelf"),
}


class Granularity(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"

    def label(self) -> str:
        return _(_GRANULARITY_LABELS[self])


_GRANULARITY_LABELS = {
    Granularity.WEEK: N_("Per week"),
    Granularity.MONTH: N_("Per maand"),
    Granularity.QUARTER: N_("Per kwartaal"),
}

MAX_DEPARTMENT_LENGTH = 40
MIN_YEAR = 2000  # the range of years a signal can be in
MAX_YEAR = 2100


# --------------------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class CategoryGroup:
    id: str
    label: str
    description: str = ""
    # Other languages of label and description: {field: {language: text}} (app.core.localized).
    translations: Translations = field(default_factory=dict, compare=False, repr=False)

    def localized(self, language: str) -> CategoryGroup:
        return replace(
            self,
            label=pick(self.translations, "label", self.label, language),
            description=pick(self.translations, "description", self.description, language),
        )


@dataclass(frozen=True)
class Category:
    id: str
    group: str
    label: str
    why: str
    opener: str
    caution: str = ""
    sources: tuple[str, ...] = ()
    retired: bool = False
    # Other languages of label, why, opener and caution: {field: {language: text}}.
    translations: Translations = field(default_factory=dict, compare=False, repr=False)

    def localized(self, language: str) -> Category:
        def text(key: str, dutch: str) -> str:
            return pick(self.translations, key, dutch, language)

        return replace(
            self,
            label=text("label", self.label),
            why=text("why", self.why),
            opener=text("opener", self.opener),
            caution=text("caution", self.caution) if self.caution else "",
        )


@dataclass(frozen=True)
class Sector:
    id: str
    label: str
    translations: Translations = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Catalogue:
    version: int
    categories: tuple[Category, ...]
    groups: tuple[CategoryGroup, ...]
    sectors: tuple[Sector, ...] = ()
    reviewed: bool = False
    usage_notes: tuple[str, ...] = ()
    # Other languages of each usage note, in the same order: ({language: text}, ...).
    usage_translations: tuple[Mapping[str, str], ...] = field(default=(), compare=False, repr=False)
    _by_id: dict[str, Category] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.id: c for c in self.categories})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Catalogue:
        """Build the catalogue from the parsed ``signals.yaml``; raise SignalError if malformed."""
        problems: list[str] = []
        try:
            groups = tuple(
                CategoryGroup(
                    str(g["id"]),
                    *_texts(g, ("label", "description"), problems, required=("label",)),
                )
                for g in data["groups"]
            )
            group_ids = {g.id for g in groups}
            categories = []
            seen: set[str] = set()
            for item in data["categories"]:
                label, why, opener, caution, translations = _texts(
                    item,
                    ("label", "why", "opener", "caution"),
                    problems,
                    required=("label", "why", "opener"),
                )
                category = Category(
                    id=str(item["id"]),
                    group=str(item["group"]),
                    label=label,
                    why=why,
                    opener=opener,
                    caution=caution,
                    sources=tuple(str(s) for s in item.get("sources") or ()),
                    retired=bool(item.get("retired", False)),
                    translations=translations,
                )
                if category.id in seen or category.group not in group_ids:
                    raise SignalError(N_("De signaalcatalogus is niet in orde."))
                seen.add(category.id)
                categories.append(category)
            sectors = tuple(
                Sector(str(s["id"]), *_texts(s, ("label",), problems, required=("label",)))
                for s in data.get("sectors") or ()
            )
            notes = [read_text(n, "usage_notes", problems) for n in data.get("usage_notes") or ()]
            if problems:
                raise SignalError(N_("De signaalcatalogus is niet in orde."))
            return cls(
                version=int(data.get("version", 1)),
                categories=tuple(categories),
                groups=groups,
                sectors=sectors,
                reviewed=bool(data.get("reviewed", False)),
                usage_notes=tuple(dutch or "" for dutch, _others in notes),
                usage_translations=tuple(others for _dutch, others in notes),
            )
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, SignalError):
                raise
            raise SignalError(N_("De signaalcatalogus is niet in orde.")) from error

    def localized(self, language: str | None) -> Catalogue:
        """A copy for the screens, with labels and texts in ``language`` (Dutch where missing).

        Exports, reports and the CSV import use the Dutch catalogue itself.
        """
        if not language or language == SOURCE_LANGUAGE:
            return self
        return replace(
            self,
            categories=tuple(c.localized(language) for c in self.categories),
            groups=tuple(g.localized(language) for g in self.groups),
            sectors=tuple(
                replace(s, label=pick(s.translations, "label", s.label, language))
                for s in self.sectors
            ),
            usage_notes=tuple(
                (
                    self.usage_translations[i].get(language)
                    if i < len(self.usage_translations)
                    else None
                )
                or note
                for i, note in enumerate(self.usage_notes)
            ),
            _by_id={},
        )

    def get(self, category_id: str) -> Category | None:
        return self._by_id.get(category_id)

    def __contains__(self, category_id: object) -> bool:
        return category_id in self._by_id

    def active(self) -> tuple[Category, ...]:
        return tuple(c for c in self.categories if not c.retired)

    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def label(self, category_id: str) -> str:
        category = self._by_id.get(category_id)
        return category.label if category else category_id

    def group_label(self, group_id: str) -> str:
        for group in self.groups:
            if group.id == group_id:
                return group.label
        return group_id

    def sector_label(self, sector_id: str) -> str:
        for sector in self.sectors:
            if sector.id == sector_id:
                return sector.label
        return sector_id

    def find(self, text: str) -> Category | None:
        """Category by id or by label, case- and space-insensitive (for CSV import)."""
        wanted = " ".join(text.strip().lower().split())
        for category in self.categories:
            if wanted in (category.id.lower(), " ".join(category.label.lower().split())):
                return category
        return None


# --------------------------------------------------------------------------- ISO weeks


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    def __post_init__(self) -> None:
        # The range check comes first: weeks_in_year(20266) would raise ValueError.
        if not (isinstance(self.year, int) and isinstance(self.week, int)):
            raise SignalError(N_("Deze week bestaat niet."))
        if not (MIN_YEAR <= self.year <= MAX_YEAR) or not (1 <= self.week <= 53):
            raise SignalError(N_("Deze week bestaat niet."))
        if self.week > weeks_in_year(self.year):
            raise SignalError(N_("Deze week bestaat niet."))

    @classmethod
    def of(cls, day: _dt.date) -> IsoWeek:
        year, week, _weekday = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """``2026-W05`` (also ``2026-w5``, ``2026-05``, ``2026 5``)."""
        cleaned = text.strip().upper().replace("W", "-").replace(" ", "-").replace("--", "-")
        parts = [p for p in cleaned.split("-") if p]
        year = ascii_int(parts[0], max_digits=4) if len(parts) == 2 else None
        week = ascii_int(parts[1], max_digits=2) if len(parts) == 2 else None
        if year is None or week is None:
            raise SignalError(N_("Een week schrijft u als 2026-W05."))
        return cls(year, week)

    @property
    def key(self) -> int:
        """Sortable integer ``yyyyww``, as stored in the vault."""
        return self.year * 100 + self.week

    @classmethod
    def from_key(cls, key: int) -> IsoWeek:
        return cls(key // 100, key % 100)

    def monday(self) -> _dt.date:
        return _dt.date.fromisocalendar(self.year, self.week, 1)

    def thursday(self) -> _dt.date:
        """The ISO convention: a week belongs to the month/quarter/year of its Thursday."""
        return _dt.date.fromisocalendar(self.year, self.week, 4)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    def period(self, granularity: Granularity) -> str:
        return period_key(self.year, self.week, granularity)

    def next(self) -> IsoWeek:
        return IsoWeek.of(self.monday() + _dt.timedelta(days=7))


def weeks_in_year(year: int) -> int:
    return _dt.date(year, 12, 28).isocalendar()[1]


def period_key(iso_year: int, iso_week: int, granularity: Granularity) -> str:
    """``2026-W05``, ``2026-02`` (month) or ``2026-Q1``; month/quarter of the week's Thursday."""
    if granularity == Granularity.WEEK:
        return f"{iso_year}-W{iso_week:02d}"
    thursday = _dt.date.fromisocalendar(iso_year, iso_week, 4)
    if granularity == Granularity.MONTH:
        return f"{thursday.year}-{thursday.month:02d}"
    return f"{thursday.year}-Q{(thursday.month - 1) // 3 + 1}"


def weeks_in_range(start: _dt.date, end: _dt.date) -> tuple[IsoWeek, IsoWeek]:
    """First and last ISO week whose Thursday falls within [start, end].

    A week is counted in a period when its Thursday is inside it, the same rule that puts a week
    into a month or quarter, so weekly and monthly figures of one period always agree.
    """
    if end < start:
        raise SignalError(N_("De einddatum ligt voor de begindatum."))
    first_thursday = start + _dt.timedelta(days=(3 - start.weekday()) % 7)
    last_thursday = end - _dt.timedelta(days=(end.weekday() - 3) % 7)
    if last_thursday < first_thursday:
        raise SignalError(N_("Deze periode bevat geen hele week."))
    return IsoWeek.of(first_thursday), IsoWeek.of(last_thursday)


def periods_between(first: IsoWeek, last: IsoWeek, granularity: Granularity) -> list[str]:
    """All period keys from ``first`` to ``last`` inclusive, in order, without gaps."""
    keys: list[str] = []
    week = first
    while week <= last:
        key = week.period(granularity)
        if not keys or keys[-1] != key:
            keys.append(key)
        week = week.next()
    return keys


# --------------------------------------------------------------------------- the signal


@dataclass(frozen=True)
class Signal:
    """One anonymous signal. Never a name, never free text, never a day."""

    category: str
    iso_year: int
    iso_week: int
    source: Source
    department: str | None = None
    age_band: AgeBand | None = None
    contract_type: ContractType | None = None
    conversation_offered: bool | None = None

    @property
    def week(self) -> IsoWeek:
        return IsoWeek(self.iso_year, self.iso_week)

    def validate(self, catalogue: Catalogue, departments: Iterable[str] | None = None) -> None:
        """Raise SignalError (Dutch) when the signal does not fit the catalogue or the settings."""
        IsoWeek(self.iso_year, self.iso_week)
        category = catalogue.get(self.category)
        if category is None:
            raise SignalError(N_("Deze categorie staat niet in de signaalcatalogus."))
        Source(self.source)
        if self.age_band is not None:
            AgeBand(self.age_band)
        if self.contract_type is not None and ContractType(self.contract_type) not in SIGNAL_VALUES:
            raise SignalError(N_("Dit soort contract kan niet bij een signaal."))
        if self.department is not None:
            if departments is not None and self.department not in set(departments):
                raise SignalError(N_("Deze afdeling staat niet in de lijst bij Instellingen."))
            if not self.department.strip() or len(self.department) > MAX_DEPARTMENT_LENGTH:
                raise SignalError(N_("De naam van de afdeling is te lang of leeg."))


def validate_department_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise SignalError(N_("Geef de afdeling een naam."))
    if len(cleaned) > MAX_DEPARTMENT_LENGTH:
        raise SignalError(
            N_("Een afdelingsnaam mag hoogstens {n} tekens hebben."), n=MAX_DEPARTMENT_LENGTH
        )
    return cleaned


# --------------------------------------------------------------------------- aggregation


@dataclass(frozen=True)
class WeekCount:
    """One row of an aggregate: how many signals of a category in one ISO week."""

    category: str
    iso_year: int
    iso_week: int
    count: int


def count_by_period(
    rows: Iterable[WeekCount], granularity: Granularity
) -> dict[tuple[str, str], int]:
    """(category, period key) -> count. Rows come from SQL (``GROUP BY category, week``)."""
    result: Counter[tuple[str, str]] = Counter()
    cache: dict[tuple[int, int], str] = {}
    for row in rows:
        week = (row.iso_year, row.iso_week)
        key = cache.get(week)
        if key is None:
            key = cache[week] = period_key(row.iso_year, row.iso_week, granularity)
        result[(row.category, key)] += row.count
    return dict(result)


def aggregate(signals: Iterable[Signal]) -> list[WeekCount]:
    """Week counts from signal objects (the in-memory twin of the SQL aggregate)."""
    counter: Counter[tuple[str, int, int]] = Counter(
        (s.category, s.iso_year, s.iso_week) for s in signals
    )
    return [WeekCount(c, y, w, n) for (c, y, w), n in sorted(counter.items())]


def _texts(
    item: Mapping[str, Any],
    keys: tuple[str, ...],
    problems: list[str],
    *,
    required: tuple[str, ...],
) -> list[Any]:
    """The Dutch texts of ``keys`` (in order), then their other languages ``{field: {lang: text}}``.

    Each text is plain Dutch or ``{nl: ..., en: ...}`` (app.core.localized); a missing required
    text is a problem.
    """
    values: list[Any] = []
    translations: dict[str, dict[str, str]] = {}
    for key in keys:
        dutch, others = read_text(item.get(key), key, problems)
        if dutch is None and key in required:
            problems.append(f"'{key}' ontbreekt")
        values.append(dutch or "")
        if others:
            translations[key] = others
    values.append(translations)
    return values
