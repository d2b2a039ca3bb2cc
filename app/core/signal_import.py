"""Read a signal list an advisor kept so far in Excel (CSV with ``;`` or ``,``).

Pure: the caller reads the file and passes the text. Every line becomes either a signal or a
refusal with a reason in Dutch. Nothing that could point to a person is taken over: a date
becomes its ISO week, an age becomes its age band, and columns we do not know (often
free-text remarks) are never read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from app.core.bounded import ascii_int, one_line
from app.core.concepts.age import LABELS as AGE_LABELS
from app.core.concepts.age import LETTER_LABELS as AGE_LETTER_LABELS
from app.core.concepts.age import AgeBand
from app.core.concepts.contract import ContractType
from app.core.signals import Catalogue, IsoWeek, Signal, SignalError, Source
from app.i18n import N_, _
from app.i18n.messages import Message

# A signal list kept by hand has a few thousand lines a year; these bounds keep the preview,
# which the Signalen screen builds while the advisor waits, well under a second.
T = TypeVar("T")

MAX_LINES = 10_000
MAX_FILE_BYTES = 2_000_000
MAX_COLUMNS = 60

_COLUMN_NAMES = {
    "week": ("week", "weeknummer", "iso-week", "isoweek"),
    "year": ("jaar", "year"),
    "date": ("datum", "date", "dag"),
    "category": ("categorie", "signaal", "soort", "category", "signal"),
    "source": ("bron", "source", "gezien door"),
    "department": ("afdeling", "department", "team"),
    "age": ("leeftijd", "leeftijdsgroep", "age"),
    "contract": ("contract", "soort contract", "contractvorm"),
    "conversation": ("gesprek", "gesprek aangeboden", "conversation"),
}

_SOURCES = {
    Source.OWN_OBSERVATION: ("eigen waarneming", "eigen_waarneming", "zelf gezien", "waarneming"),
    Source.COLLEAGUE: ("collega", "leidinggevende", "collega of leidinggevende"),
    Source.ADMINISTRATION: (
        "administratie",
        "salarisadministratie",
        "personeelsadministratie",
        "hr",
        "p&o",
        "salaris- of personeelsadministratie",
    ),
    Source.EMPLOYEE: ("medewerker", "werknemer", "de medewerker zelf", "medewerker zelf"),
}

_CONTRACTS = {
    ContractType.PERMANENT: ("vast", "vast contract", "onbepaalde tijd"),
    ContractType.TEMPORARY: ("tijdelijk", "tijdelijk contract", "bepaalde tijd"),
    ContractType.ON_CALL: ("oproep", "nuluren", "oproepcontract", "oproep- of nulurencontract"),
    ContractType.AGENCY: ("uitzend", "uitzendkracht", "uitzendbureau"),
    ContractType.SELF_EMPLOYED: ("zzp", "zzp'er", "zelfstandige"),
    ContractType.OTHER: ("anders", "overig"),
}

_YES = ("ja", "j", "yes", "y", "1", "waar")
_NO = ("nee", "n", "no", "0", "onwaar")


@dataclass(frozen=True)
class ImportLine:
    line: int  # line number in the file (header is line 1)
    signal: Signal | None
    refusal: Message | None = None  # why the line was refused: translated when shown

    @property
    def reason(self) -> str:
        """Why the line was refused, in the language of the moment; empty when accepted."""
        return "" if self.refusal is None else str(self.refusal)


@dataclass
class ImportPreview:
    lines: list[ImportLine] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    problem: str = ""  # the file as a whole cannot be read

    @property
    def accepted(self) -> list[Signal]:
        return [line.signal for line in self.lines if line.signal is not None]

    @property
    def refused(self) -> list[ImportLine]:
        return [line for line in self.lines if line.signal is None]

    def report_lines(self) -> list[str]:
        lines = []
        if self.problem:
            lines.append(self.problem)
        for column in self.ignored_columns:
            lines.append(
                _("Kolom '{name}' is niet ingelezen (alleen vaste keuzes gaan mee).").format(
                    name=one_line(column, 30)
                )
            )
        for line in self.refused:
            lines.append(
                _("Regel {n}: geweigerd, {reason}").format(n=line.line, reason=line.reason)
            )
        return lines


def decode_csv(data: bytes) -> str:
    """Excel saves UTF-8 (with BOM) or Windows-1252; accept both."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _norm(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _lookup(value: str, table: dict) -> object | None:
    wanted = _norm(value)
    for key, names in table.items():
        if wanted == str(key) or wanted in names:
            return key
    return None


def _parse_date(text: str) -> dt.date:
    cleaned = text.strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%y", "%d/%m/%y"):
        try:
            return dt.datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise SignalError(N_("de datum '{text}' is niet te lezen"), text=one_line(cleaned, 20))


def age_band_of(text: str) -> AgeBand:
    """The age band a CSV cell names: its stable value, its Dutch label (on screen or in the
    letter, whatever language the screens are in), its label in the screen language, an age
    or a range of ages ("30", "28-45", "18 tot en met 27 jaar")."""
    cleaned = _norm(text)
    for band in AgeBand:
        names = (band.value, AGE_LABELS[band], AGE_LETTER_LABELS[band], band.label())
        if cleaned in {_norm(name) for name in names}:
            return band
    match = re.fullmatch(
        r"(\d{1,3})(?:\s*(?:-|tot en met|tot|t/m)\s*(\d{1,3}))?(?:\s*jaar)?", cleaned
    )
    if not match:
        raise SignalError(N_("de leeftijd is niet te lezen"))
    low = int(match.group(1))
    high = int(match.group(2)) if match.group(2) else low
    bands = {AgeBand.for_age(low), AgeBand.for_age(high)}
    if len(bands) != 1:
        raise SignalError(N_("de leeftijdsgroep past niet in één groep van Vindplaats"))
    return bands.pop()


def _header_map(header: list[str]) -> tuple[dict[str, int], list[str]]:
    found: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        cleaned = _norm(name)
        for field_name, aliases in _COLUMN_NAMES.items():
            if cleaned in aliases and field_name not in found:
                found[field_name] = index
                break
        else:
            if cleaned:
                ignored.append(name.strip())
    return found, ignored


def parse_signal_csv(
    text: str,
    catalogue: Catalogue,
    *,
    departments: Iterable[str] = (),
    current_week: IsoWeek,
    default_source: Source | None = None,
) -> ImportPreview:
    """Turn CSV text into signals and refusals, line by line."""
    preview = ImportPreview()
    if len(text) > MAX_FILE_BYTES:
        preview.problem = _(
            "Het bestand is te groot voor een signalenlijst (meer dan {n} MB)."
        ).format(n=MAX_FILE_BYTES // 1_000_000)
        return preview
    lines = text[:20_000].splitlines()[:1]
    if not lines or not lines[0].strip():
        preview.problem = _("Het bestand is leeg.")
        return preview
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (csv.Error, StopIteration):
        preview.problem = _("De eerste regel (de kolomnamen) is niet te lezen.")
        return preview
    if len(header) > MAX_COLUMNS:
        preview.problem = _("De eerste regel heeft meer dan {n} kolommen.").format(n=MAX_COLUMNS)
        return preview
    columns, preview.ignored_columns = _header_map(header)
    if "category" not in columns or not ({"week", "date"} & set(columns)):
        preview.problem = _(
            "Het bestand heeft een kolom 'categorie' en een kolom 'week' of 'datum' nodig."
        )
        return preview
    known_departments = {_norm(d): d for d in departments}
    memo: dict[tuple[str, ...], object] = {}  # a list repeats its dates, ages and categories
    line_number = 1
    try:
        for row in reader:
            line_number = reader.line_num
            if line_number > MAX_LINES:
                preview.problem = _(
                    "Het bestand is te groot; alleen de eerste regels zijn gelezen."
                )
                break
            if not any(cell.strip() for cell in row):
                continue
            preview.lines.append(
                _parse_row(
                    row,
                    line_number,
                    columns,
                    catalogue,
                    known_departments,
                    current_week,
                    default_source,
                    memo,
                )
            )
    except csv.Error:
        preview.problem = _(
            "Regel {n} is niet te lezen; de regels daarna zijn niet gelezen."
        ).format(n=line_number + 1)
    return preview


def _parse_row(
    row: list[str],
    line_number: int,
    columns: dict[str, int],
    catalogue: Catalogue,
    departments: dict[str, str],
    current_week: IsoWeek,
    default_source: Source | None,
    memo: dict[tuple[str, ...], object],
) -> ImportLine:
    def value(name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(row):
            return ""
        return row[index].strip()

    def remembered(key: tuple[str, ...], compute: Callable[[], T]) -> T:
        """``compute()`` once per distinct cell text; a refusal is remembered too."""
        if key not in memo:
            try:
                memo[key] = compute()
            except SignalError as error:
                memo[key] = error
        found = memo[key]
        if isinstance(found, SignalError):
            raise SignalError(found.message, **found.params)
        return found  # type: ignore[return-value]

    try:
        week_texts = (value("week"), value("year"), value("date"))
        week = remembered(("week", *week_texts), lambda: _week_of(*week_texts))
        if week > current_week:
            raise SignalError(N_("de week ligt in de toekomst"))
        category_text = value("category")
        category = (
            remembered(("category", category_text), lambda: catalogue.find(category_text))
            if category_text
            else None
        )
        if category is None:
            raise SignalError(
                N_("de categorie staat niet in de signaalcatalogus")
                if category_text
                else N_("de categorie ontbreekt")
            )
        source_text = value("source")
        if source_text:
            source = _lookup(source_text, _SOURCES)
            if source is None:
                raise SignalError(N_("de bron is onbekend"))
        elif default_source is not None:
            source = default_source
        else:
            raise SignalError(N_("de bron ontbreekt"))
        department = None
        if value("department"):
            department = departments.get(_norm(value("department")))
            if department is None:
                raise SignalError(N_("deze afdeling staat niet in de lijst bij Instellingen"))
        age_text = value("age")
        age_band = (
            remembered(("age", age_text), lambda: age_band_of(age_text)) if age_text else None
        )
        contract = None
        if value("contract"):
            contract = _lookup(value("contract"), _CONTRACTS)
            if contract is None:
                raise SignalError(N_("het soort contract is onbekend"))
        conversation = None
        if value("conversation"):
            answer = _norm(value("conversation"))
            if answer in _YES:
                conversation = True
            elif answer in _NO:
                conversation = False
            else:
                raise SignalError(N_("bij 'gesprek' staat geen ja of nee"))
        signal = Signal(
            category=category.id,
            iso_year=week.year,
            iso_week=week.week,
            source=Source(str(source)),
            department=department,
            age_band=age_band,
            contract_type=ContractType(str(contract)) if contract else None,
            conversation_offered=conversation,
        )
        return ImportLine(line_number, signal)
    except SignalError as error:
        return ImportLine(line_number, None, Message(error.message, error.params))


def _week_of(week_text: str, year_text: str, date_text: str) -> IsoWeek:
    if week_text:
        if week_text.isascii() and week_text.isdigit():
            week = ascii_int(week_text, max_digits=2)
            year = ascii_int(year_text, max_digits=4)
            if year is None:
                if not year_text:
                    raise SignalError(N_("bij een weeknummer hoort een jaar"))
                raise SignalError(N_("het jaar is niet te lezen (schrijf 2026)"))
            if week is None:
                raise SignalError(N_("deze week bestaat niet"))
            try:
                return IsoWeek(year, week)
            except SignalError:
                raise SignalError(N_("deze week bestaat niet")) from None
        try:
            return IsoWeek.parse(week_text)
        except SignalError:
            raise SignalError(N_("de week is niet te lezen (schrijf 2026-W05)")) from None
    if date_text:
        return IsoWeek.of(_parse_date(date_text))
    raise SignalError(N_("de week ontbreekt"))
