"""Errors carry marked Dutch msgids plus parameters and are translated when shown."""

from __future__ import annotations

import argparse

import pytest

from app.cli import run_command
from app.core.consent import ConsentError, require_valid
from app.core.referral.status import ReferralStatus, StatusError, check_transition
from app.core.signals import SignalError, validate_department_name
from app.i18n import set_language, translator
from app.i18n.messages import Message, TranslatableError
from app.store.errors import DiskFull, VaultError


@pytest.fixture(autouse=True)
def dutch_afterwards():
    yield
    set_language("nl")


def test_core_and_store_errors_keep_msgid_and_params():
    with pytest.raises(StatusError) as status:
        check_transition(ReferralStatus.WITHDRAWN, ReferralStatus.SENT)
    assert status.value.message == "Een verwijzing met status '{current}' kan niet naar '{new}'."
    assert status.value.params["current"] == Message("ingetrokken")
    assert str(status.value) == "Een verwijzing met status 'ingetrokken' kan niet naar 'verzonden'."
    with pytest.raises(ConsentError) as consent:
        require_valid(None, date_today())
    assert consent.value.message.startswith("Er is geen toestemming vastgelegd.")
    for error in (status.value, consent.value, DiskFull(), SignalError("x")):
        assert isinstance(error, TranslatableError)
    assert isinstance(status.value, ValueError)  # callers that catch ValueError still do


def test_str_translates_in_the_language_active_when_shown():
    with pytest.raises(SignalError) as caught:
        validate_department_name(" ")  # raised while Dutch is active
    error = caught.value
    set_language("en")
    assert str(error) == "Give the department a name."
    assert error.dutch() == "Geef de afdeling een naam."
    assert error.translated(translator("nl")) == "Geef de afdeling een naam."
    assert str(DiskFull()) == translator("en").gettext(DiskFull.default_message)
    assert str(DiskFull()) != DiskFull.default_message


def test_parameters_fill_in_and_unknown_text_shows_as_it_is():
    error = VaultError("Map {folder} ontbreekt.", folder="C:/fictief")
    assert str(error) == "Map C:/fictief ontbreekt."
    assert error.params == {"folder": "C:/fictief"}
    assert str(VaultError("{not a field")) == "{not a field"  # no params: never formatted


def test_the_cli_prints_a_core_error_translated_without_a_traceback(capsys):
    def handler(_args):
        validate_department_name("")
        return 0

    set_language("en")
    code = run_command(argparse.Namespace(handler=handler, data_dir=None))
    assert code == 2
    assert capsys.readouterr().err.strip() == "vindplaats: fout: Give the department a name."


def date_today():
    from datetime import date

    return date(2026, 11, 27)
