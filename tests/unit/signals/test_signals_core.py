"""Signal catalogue, ISO weeks, periods and the export tables."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from app.core.signal_tables import (
    build_signal_tables,
    hidden_share_by_granularity,
    suggest_granularity,
)
from app.core.signals import (
    Catalogue,
    Granularity,
    IsoWeek,
    Signal,
    SignalError,
    Source,
    WeekCount,
    period_key,
    periods_between,
    weeks_in_range,
)
from app.paths import resource_path


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.from_mapping(yaml.safe_load(resource_path("signals.yaml").read_text("utf-8")))


def test_catalogue_covers_what_the_issue_asks(catalogue):
    ids = set(catalogue.ids())
    for needed in (
        "voorschot-of-betaaldatum",
        "lening-bij-werkgever",
        "extra-uren-of-diensten",
        "vakantiedagen-laten-uitbetalen",
        "loonbeslag",
        "deurwaarder-informatieverzoek",
        "cak-inhouding-zorgpremie",
        "vaker-kort-verzuim",
        "concentratieproblemen",
        "stress-en-spanning",
        "bellen-met-schuldeisers",
        "lenen-bij-collegas",
        "scheiding",
        "gezinsuitbreiding",
        "overlijden-partner",
        "verhuizen-of-samenwonen",
        "noemt-zelf-geldzorgen",
    ):
        assert needed in ids
    for category in catalogue.categories:
        assert category.why and category.opener
    assert catalogue.sectors


def test_catalogue_refuses_unknown_group():
    with pytest.raises(SignalError):
        Catalogue.from_mapping(
            {
                "groups": [{"id": "a", "label": "A"}],
                "categories": [{"id": "x", "group": "b", "label": "X", "why": "", "opener": ""}],
            }
        )


def test_find_by_label_or_id(catalogue):
    assert catalogue.find("  beslag op HET loon ").id == "loonbeslag"
    assert catalogue.find("loonbeslag").id == "loonbeslag"
    assert catalogue.find("iets anders") is None


def test_iso_weeks():
    assert str(IsoWeek.of(dt.date(2026, 11, 29))) == "2026-W48"
    assert IsoWeek.parse("2026-w5") == IsoWeek(2026, 5)
    assert IsoWeek.parse("2020-W53") == IsoWeek(2020, 53)
    with pytest.raises(SignalError):
        IsoWeek(2025, 53)
    with pytest.raises(SignalError):
        IsoWeek.parse("5 januari")
    assert IsoWeek.from_key(202648) == IsoWeek(2026, 48)


def test_week_belongs_to_month_of_its_thursday():
    # 2026-W01 runs from Mon 29 Dec 2025; its Thursday is 1 Jan 2026.
    assert period_key(2026, 1, Granularity.MONTH) == "2026-01"
    assert period_key(2026, 14, Granularity.QUARTER) == "2026-Q2"
    assert periods_between(IsoWeek(2026, 1), IsoWeek(2026, 9), Granularity.MONTH) == [
        "2026-01",
        "2026-02",
    ]


def test_weeks_in_range_counts_weeks_by_thursday():
    first, last = weeks_in_range(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert (first, last) == (IsoWeek(2026, 1), IsoWeek(2026, 5))
    with pytest.raises(SignalError):
        weeks_in_range(dt.date(2026, 2, 1), dt.date(2026, 1, 1))


def test_signal_validation(catalogue):
    good = Signal("loonbeslag", 2026, 48, Source.EMPLOYEE, department="Schoonmaak Noord")
    good.validate(catalogue, ["Schoonmaak Noord"])
    with pytest.raises(SignalError, match="catalogus"):
        Signal("bestaat-niet", 2026, 48, Source.EMPLOYEE).validate(catalogue)
    with pytest.raises(SignalError, match="Instellingen"):
        good.validate(catalogue, ["Productie"])


def _counts(per_week: int, weeks: int, categories=("loonbeslag", "scheiding")):
    return [WeekCount(c, 2026, w, per_week) for c in categories for w in range(1, weeks + 1)]


def test_tables_share_one_grand_total_visibility(catalogue):
    rows = _counts(3, 4)  # 24 signals, every week cell small
    breakdowns = {"source": {"medewerker": 24}, "department": {"A": 20, "B": 4}}
    tables = build_signal_tables(
        rows,
        breakdowns,
        catalogue.ids(),
        IsoWeek(2026, 1),
        IsoWeek(2026, 4),
        Granularity.WEEK,
        10,
    )
    totals = {t.total for t in tables.breakdowns.values()} | {tables.by_period.total}
    assert totals == {24} or totals == {None}
    assert tables.breakdowns["department"].counts == (None, None)
    assert all(v in (None, 0) for row in tables.by_period.cells for v in row)


def test_coarser_period_is_suggested_when_weeks_are_too_small(catalogue):
    rows = _counts(3, 13)
    shares = hidden_share_by_granularity(
        rows, catalogue.ids(), IsoWeek(2026, 1), IsoWeek(2026, 13), 10
    )
    assert shares[Granularity.WEEK] == 1.0
    assert suggest_granularity(shares) in (Granularity.MONTH, Granularity.QUARTER)
    assert shares[Granularity.QUARTER] == 0.0
