"""Signal CSV import and ISO weeks: every line is a signal or a refusal, never an exception."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.checks import check_isoweek, check_signal_csv
from tests.fuzz.strategies import NASTY_TEXTS, fuzz_settings, mutated_text

HEADERS = [
    "week",
    "jaar",
    "datum",
    "categorie",
    "bron",
    "afdeling",
    "leeftijd",
    "contract",
    "gesprek",
    "opmerking",
    "Week",
    " CATEGORIE ",
]
GOOD = [
    "2026-W05",
    "2026",
    "5",
    "03-02-2026",
    "2026-02-03",
    "lening-bij-werkgever",
    "loonbeslag",
    "collega",
    "medewerker",
    "Schoonmaak",
    "23",
    "18-27",
    "vast",
    "nuluren",
    "ja",
    "nee",
]
cells = st.one_of(st.sampled_from(GOOD), st.sampled_from(NASTY_TEXTS), st.text(max_size=15))


@st.composite
def csv_files(draw):
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(cells, max_size=len(header) + 2), max_size=12))
    quote = draw(st.booleans())

    def line(values):
        if quote:
            return delimiter.join('"' + v.replace('"', '""') + '"' for v in values)
        return delimiter.join(values)

    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return newline.join([line(header), *map(line, rows)])


@fuzz_settings
@given(csv_files())
def test_structured_csv(text):
    check_signal_csv(text)


@fuzz_settings
@given(st.one_of(st.binary(max_size=300), csv_files().flatmap(mutated_text)))
def test_raw_and_mutated_csv(data):
    check_signal_csv(data)


@fuzz_settings
@given(
    st.one_of(
        st.text(max_size=20),
        st.sampled_from(NASTY_TEXTS),
        st.builds(lambda y, w: f"{y}-W{w}", st.sampled_from(NASTY_TEXTS + ["2026"]), cells),
        st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(-10, 10**6), st.integers(-5, 99)),
    )
)
def test_iso_week_text(text):
    check_isoweek(text)
