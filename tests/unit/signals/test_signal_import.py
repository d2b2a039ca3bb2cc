"""Reading an advisor's own Excel list."""

from __future__ import annotations

from app.core.concepts.age import AgeBand
from app.core.concepts.contract import ContractType
from app.core.signal_import import age_band_of, decode_csv, parse_signal_csv
from app.core.signals import IsoWeek, Source
from app.shipped import load_shipped

CAT = load_shipped().catalogue
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
        "deze week bestaat niet",
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


def test_a_dutch_list_is_read_while_the_screens_are_english():
    """The advisor's Excel list is in Dutch whatever language the screens are in; an English
    list (the labels of the English screens) is read too, and so are the stable values."""
    from app.i18n import set_language

    rows = "week;categorie;bron;leeftijd\n" + "".join(
        f"2026-W0{n};loonbeslag;collega;{age}\n"
        for n, age in enumerate(
            ["Jonger dan 18", "18 tot en met 27", "28 tot en met 45 jaar", "67 of ouder"], 1
        )
    )
    set_language("en")
    try:
        preview = parse(rows)
        assert [s.age_band for s in preview.accepted] == [
            AgeBand.UNDER_18,
            AgeBand.FROM_18_TO_27,
            AgeBand.FROM_28_TO_45,
            AgeBand.FROM_67,
        ]
        assert preview.refused == []
        assert age_band_of("18 to 27") == AgeBand.FROM_18_TO_27  # the English screen label
        assert age_band_of("46_66") == AgeBand.FROM_46_TO_66
    finally:
        set_language("nl")
    assert age_band_of("jonger dan 18") is AgeBand.UNDER_18


def test_a_refused_line_is_explained_in_the_language_of_the_moment():
    from app.i18n import set_language, translator

    (line,) = parse("jaar;week;categorie;bron\n2026;60;loonbeslag;collega\n").refused
    assert line.reason == "deze week bestaat niet"
    set_language("en")
    try:
        assert line.reason == translator("en").gettext("deze week bestaat niet")
    finally:
        set_language("nl")


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


# --- hostile cells (issue 12): one refusal per line, never an exception ----------------------


def test_impossible_years_and_weeks_are_refused_line_by_line():
    preview = parse(
        "jaar;week;signaal;bron\n"
        "20266;5;lening-bij-werkgever;collega\n"
        "99999;5;lening-bij-werkgever;collega\n"
        "2026;²;lening-bij-werkgever;collega\n"
        f"2026;{'9' * 5000};lening-bij-werkgever;collega\n"
        f"{'9' * 5000};5;lening-bij-werkgever;collega\n"
        "2026;0;lening-bij-werkgever;collega\n"
        "1999;5;lening-bij-werkgever;collega\n"
        "2026;5;lening-bij-werkgever;collega\n"
    )
    assert [line.line for line in preview.refused] == [2, 3, 4, 5, 6, 7, 8]
    assert len(preview.accepted) == 1
    assert preview.refused[0].reason == "het jaar is niet te lezen (schrijf 2026)"
    assert all("\n" not in line for line in preview.report_lines())


def test_week_column_in_iso_form_with_odd_digits():
    preview = parse(
        "week;signaal;bron\n"
        "2026-W²;lening-bij-werkgever;collega\n"
        f"2026-W{'1' * 5000};lening-bij-werkgever;collega\n"
        "20266-W05;lening-bij-werkgever;collega\n"
        "2026-W05;lening-bij-werkgever;collega\n"
    )
    assert len(preview.refused) == 3 and len(preview.accepted) == 1
    assert {line.reason for line in preview.refused} == {
        "de week is niet te lezen (schrijf 2026-W05)"
    }


def test_isoweek_checks_its_range_before_computing():
    import pytest

    from app.core.signals import SignalError

    for year, week in ((20266, 5), (99999, 1), (10**5000, 1), (2026, 10**40), (0, 0)):
        with pytest.raises(SignalError):
            IsoWeek(year, week)
    for text in ("2026-W²", "²²²²-W05", "9" * 5000 + "-W01", "2026-W" + "0" * 4000 + "5"):
        with pytest.raises(SignalError):
            IsoWeek.parse(text)


def test_oversize_and_wide_files_get_one_problem():
    from app.core.signal_import import MAX_COLUMNS, MAX_FILE_BYTES

    wide = parse(";".join(["week", "signaal"] + [f"k{i}" for i in range(MAX_COLUMNS)]) + "\n")
    assert "kolommen" in wide.problem
    big = parse("week;signaal\n" + "2026-W05;x\n" * (MAX_FILE_BYTES // 10))
    assert "te groot" in big.problem and not big.lines


def test_echoed_column_names_stay_on_one_line():
    preview = parse('week;signaal;bron;"op\nmerking"\n2026-W05;lening-bij-werkgever;collega\n')
    assert preview.ignored_columns == ["op\nmerking"]
    assert "op\\nmerking" in preview.report_lines()[0]
    assert all("\n" not in line for line in preview.report_lines())
