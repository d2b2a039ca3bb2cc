"""``vindplaats --help`` and argparse's own messages follow ``--lang`` (Dutch by default)."""

from __future__ import annotations

import pytest

from app.cli import main
from app.i18n import set_language


@pytest.fixture(autouse=True)
def _dutch_afterwards():
    yield
    set_language("nl")


def _help(capsys, *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main([*argv, "--help"])
    assert stopped.value.code == 0
    return capsys.readouterr().out


def test_help_in_dutch(capsys):
    text = _help(capsys)
    assert text.startswith("gebruik: vindplaats")
    assert "\nopties:\n" in text
    assert "deze hulp tonen en stoppen" in text
    assert "het versienummer tonen en stoppen" in text
    assert "usage:" not in text and "show this help" not in text


def test_help_in_english(capsys):
    text = _help(capsys, "--lang", "en")
    assert text.startswith("usage: vindplaats")
    assert "\noptions:\n" in text
    assert "show this help message and exit" in text
    assert "manage the encrypted vault" in text  # our own help texts follow too


def test_help_of_a_subcommand_follows_lang_given_with_equals(capsys):
    assert _help(capsys, "--lang=en", "rules").startswith("usage: vindplaats rules")
    set_language("nl")  # a new run without --lang: Dutch, as at every start
    assert _help(capsys, "rules").startswith("gebruik: vindplaats rules")


def test_argparse_errors_in_dutch_and_english(capsys):
    with pytest.raises(SystemExit):
        main(["gesprek"])
    dutch = capsys.readouterr().err
    assert "ongeldige keuze: 'gesprek'" in dutch and "invalid choice" not in dutch
    with pytest.raises(SystemExit):
        main(["--lang", "en", "gesprek"])
    assert "invalid choice: 'gesprek'" in capsys.readouterr().err
    set_language("nl")
    with pytest.raises(SystemExit):
        main(["advise"])
    assert "deze argumenten zijn verplicht: INTAKE.json" in capsys.readouterr().err


def test_signals_help_texts_go_through_the_catalog(capsys):
    english = _help(capsys, "--lang", "en", "signals", "merge")
    assert english.startswith("usage: vindplaats signals merge")
    assert "\noptions:\n" in english and "show this help message and exit" in english
    # the pseudo-language stretches every marked text: the signals help texts are marked
    pseudo = _help(capsys, "--lang", "xx", "signals", "merge")
    assert "het kleinste aantal dat getoond wordt" not in pseudo
    assert "lange CSV voor onderzoek" not in pseudo
    assert "exports van werkgevers samenvoegen" not in _help(capsys, "--lang", "xx", "signals")
    for command in ("export", "import"):
        text = _help(capsys, "--lang", "xx", "signals", command)
        assert "wachtwoordzin via stdin" not in text
        assert "laatste dag van een maand" not in text and "alleen laten zien wat" not in text
