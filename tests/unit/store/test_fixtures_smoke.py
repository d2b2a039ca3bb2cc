from app.store import audit


def test_vault_session_fixture_gives_a_working_connection(vault_session):
    audit.record(vault_session.connection, "test.event", "1")
    events = audit.list_events(vault_session.connection, event="test.event")
    assert [e.detail for e in events] == ["1"]


def test_make_vault_keeps_the_recovery_code(make_vault, vault_passphrase):
    vault = make_vault()
    assert vault.exists()
    with vault.unlock_with_recovery(vault.recovery_code) as session:
        assert session.unlocked_with == "recovery"
