"""Reading an advisor's own Excel list."""

from __future__ import annotations

from app.core.signal_import import age_band_of, decode_csv, parse_signal_csv
from app.core.signals import AgeBand, ContractType, IsoWeek, Source
from app.documents.signal_export import load_catalogue

CAT = load_catalogue()
NOW = IsoWeek(2026, 48)


def parse(text, **kw):
    return parse_signal_csv(text, CAT, departments=["Schoonmaak Noord"], current_week=NOW, **kw)


def test_comma_file_with_week_and_year_columns():
    preview = parse(
        "jaar,week,signaal,bron,leeftijd,contract,gesprek\n"
        "2026,5,lening-bij-werkgever,medewerker,23,nuluren,ja\n"
        "2026,60,lening-bij-werkgever,medewerker,,,\n"
        "2026,6,lening-bij-werkgever,buurman,,,\n"
        "2026,7,lening-bij-werkgever,collega,,,misschien\n"
        "2027,1,lening-bij-werkgever,collega,,,\n"
    )
    first = preview.accepted[0]
    assert (first.iso_year, first.iso_week, first.source) == (2026, 5, Source.EMPLOYEE)
    assert first.age_band == AgeBand.FROM_18_TO_27
    assert first.contract_type == ContractType.ON_CALL
    assert first.conversation_offered is True
    reasons = [line.reason for line in preview.refused]
    assert reasons == [
        "Deze week bestaat niet.",
        "de bron is onbekend",
        "bij 'gesprek' staat geen ja of nee",
        "de week ligt in de toekomst",
    ]


def test_missing_columns_and_default_source():
    assert "categorie" in parse("week;bron\n2026-W01;collega\n").problem
    preview = parse(
        "Week;Categorie\n2026-W01;Beslag op het loon\n", default_source=Source.COLLEAGUE
    )
    assert preview.accepted[0].source == Source.COLLEAGUE
    assert parse("Week;Categorie\n2026-W01;loonbeslag\n").refused[0].reason == "de bron ontbreekt"


def test_ages_and_encodings():
    assert age_band_of("46 - 66") == AgeBand.FROM_46_TO_66
    assert age_band_of("67 of ouder") == AgeBand.FROM_67
    assert decode_csv("Categorie;Bron\n".encode("utf-8-sig")).startswith("Categorie")
    assert "é" in decode_csv("café".encode("cp1252"))


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(
    body=st.lists(
        st.lists(
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12), max_size=6
        ),
        max_size=6,
    ),
    header=st.sampled_from(
        ["week;categorie;bron", "datum,signaal,bron,leeftijd", "jaar;week;categorie"]
    ),
)
def test_any_csv_gives_lines_or_a_problem_never_a_crash(body, header):
    delimiter = ";" if ";" in header else ","
    text = header + "\n" + "\n".join(delimiter.join(row) for row in body)
    preview = parse(text)
    for line in preview.lines:
        assert (line.signal is None) == bool(line.reason)
