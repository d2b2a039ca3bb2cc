"""Core, store and documents errors follow a language switch: raised while Dutch is active,
shown in English after the switch. No error there is translated when it is raised."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.core.concepts.contract import ContractType
from app.core.signals import Catalogue, Signal, SignalError, Source
from app.core.suppression import validate_k
from app.i18n import set_language, translator
from app.i18n.messages import TranslatableError
from app.store import backup
from app.store.signals import SignalSettings, save_settings

APP = Path(__file__).resolve().parents[3] / "app"
# The shipped training cases: their problems are only counted in the log, never shown.
NOT_SHOWN = {"TrainingDataError"}


@pytest.fixture(autouse=True)
def dutch_afterwards():
    set_language("nl")
    yield
    set_language("nl")


def _catalogue() -> Catalogue:
    return Catalogue.from_mapping(
        {
            "groups": [{"id": "g", "label": "Groep"}],
            "categories": [{"id": "c", "group": "g", "label": "C", "why": "w", "opener": "o"}],
        }
    )


def _raised_in_dutch(vault_session) -> list[TranslatableError]:
    errors: list[TranslatableError] = []
    with pytest.raises(TranslatableError) as caught:
        validate_k(3)
    errors.append(caught.value)
    with pytest.raises(TranslatableError) as caught:
        backup.set_reminder_days(vault_session.connection, 0)
    errors.append(caught.value)
    with pytest.raises(SignalError) as caught:
        save_settings(vault_session.connection, SignalSettings(departments=("Hal", "Hal"), k=10))
    errors.append(caught.value)
    with pytest.raises(SignalError) as caught:
        Signal("c", 2026, 10, Source.COLLEAGUE, contract_type=ContractType.NONE).validate(
            _catalogue()
        )
    errors.append(caught.value)
    return errors


def test_errors_raised_in_dutch_are_shown_in_the_language_of_the_moment(vault_session):
    errors = _raised_in_dutch(vault_session)
    dutch = [str(error) for error in errors]
    assert dutch[0] == "Het kleinste aantal dat een export toont, moet minstens 5 zijn."
    assert dutch[1].startswith("Kies een aantal dagen van 1 tot en met")
    assert dutch[2] == "Elke afdeling mag maar één keer in de lijst staan."
    assert all(isinstance(error, ValueError) for error in errors)  # callers still catch them
    set_language("en")
    english = translator("en")
    for error in errors:
        assert str(error) == english.gettext(error.message).format(**error.params)
        assert error.dutch() in dutch
    # the ones the en catalog knows already come out in English
    assert str(errors[0]) == english.gettext(errors[0].message).format(minimum=5)
    assert "{" not in "".join(str(error) for error in errors)


def test_no_error_under_core_store_or_documents_is_translated_when_raised():
    offenders = []
    for path in sorted(APP.rglob("*.py")):
        relative = path.relative_to(APP.parent).as_posix()
        if relative.split("/")[1] not in ("core", "store", "documents"):
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            exc = node.exc if isinstance(node, ast.Raise) else None
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Call):
                exc = node.value  # an error made by a helper and raised by its caller
            if not isinstance(exc, ast.Call):
                continue
            name = getattr(exc.func, "id", getattr(exc.func, "attr", ""))
            if not name.endswith(("Error", "Refused", "Invalid")) or name in NOT_SHOWN:
                continue
            if any(
                isinstance(sub, ast.Call) and getattr(sub.func, "id", None) in ("_", "ngettext")
                for sub in ast.walk(exc)
            ):
                offenders.append(f"{relative}:{node.lineno} {name}")
    assert offenders == [], "raise X(N_('…'), k=v), translated when shown: " + ", ".join(offenders)
