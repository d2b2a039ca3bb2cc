"""Audit log entries and the passphrase policy."""

from __future__ import annotations

import pytest

from app.store import audit
from app.store.errors import WeakPassphrase
from app.store.policy import MIN_LENGTH, evaluate_passphrase, require_strong_passphrase


def test_audit_entries_come_back_newest_first(vault_session):
    connection = vault_session.connection
    audit.record(connection, "intake.saved")
    audit.record(connection, "export.written", "12 regels")
    latest = audit.list_events(connection, limit=2)
    assert [(e.event, e.detail) for e in latest] == [
        ("export.written", "12 regels"),
        ("intake.saved", ""),
    ]
    assert latest[0].at.tzinfo is not None


def test_audit_record_joins_an_open_transaction(vault_session):
    connection = vault_session.connection
    connection.execute("INSERT INTO settings VALUES ('a', 'b')")
    audit.record(connection, "settings.changed")
    connection.rollback()
    assert audit.list_events(connection, event="settings.changed") == []


def test_audit_refuses_an_empty_event_name(vault_session):
    with pytest.raises(ValueError):
        audit.record(vault_session.connection, "")


@pytest.mark.parametrize(
    "passphrase",
    ["", "kort", "welkom123", "wachtwoord123456", "aaaaaaaaaaaaaaaa", "qwertyuiopasdfgh"],
)
def test_weak_passphrases_are_refused_with_a_dutch_reason(passphrase):
    verdict = evaluate_passphrase(passphrase)
    assert not verdict.ok
    assert verdict.score < 3
    assert verdict.message and "password" not in verdict.message.lower()
    with pytest.raises(WeakPassphrase) as caught:
        require_strong_passphrase(passphrase)
    assert str(caught.value) == verdict.message


def test_too_short_names_the_minimum():
    verdict = evaluate_passphrase("Xq7!pz")
    assert str(MIN_LENGTH) in verdict.message


@pytest.mark.parametrize(
    "passphrase", ["fiets lamp wolk pannenkoek", "correct paard batterij niet"]
)
def test_unusual_word_passphrases_pass_without_composition_rules(passphrase):
    ok, message, score = evaluate_passphrase(passphrase)
    assert ok and score >= 3
    assert message


def test_very_long_input_is_judged_without_error():
    verdict = evaluate_passphrase("zeer lange zin met woorden " * 20)
    assert isinstance(verdict.ok, bool)


def test_a_repeat_is_explained():
    assert "herhaling" in evaluate_passphrase("abcabcabcabcabcabc").message
