"""The connection factory refuses unsafe connections; migrations run in order, atomically."""

from __future__ import annotations

import secrets

import pytest

from app.store import db
from app.store.errors import (
    MigrationFailed,
    NotAVault,
    SchemaTooNew,
    UnsafeConnection,
    VaultDatabaseMissing,
    VaultTampered,
)


@pytest.fixture
def key():
    return secrets.token_bytes(32)


def _tables(connection):
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {row[0] for row in rows}


def test_new_database_has_every_required_setting(tmp_path, key):
    connection = db.open_database(tmp_path / "v.db", key, create=True)
    try:
        assert db.read_settings(connection) == db.REQUIRED_SETTINGS
        version = connection.execute("PRAGMA cipher_version").fetchone()[0]
        assert version.startswith("4.")
        assert {"schema_version", "audit_log", "settings"} <= _tables(connection)
    finally:
        connection.close()
    assert not (tmp_path / "v.db").read_bytes().startswith(b"SQLite format 3")


def test_missing_file_is_not_created_on_open(tmp_path, key):
    with pytest.raises(VaultDatabaseMissing):
        db.open_database(tmp_path / "v.db", key)
    assert not (tmp_path / "v.db").exists()


def test_wrong_key_is_refused(tmp_path, key):
    db.open_database(tmp_path / "v.db", key, create=True).close()
    with pytest.raises((NotAVault, VaultTampered)):
        db.open_database(tmp_path / "v.db", secrets.token_bytes(32))


def test_old_cipher_version_is_refused(tmp_path, key, monkeypatch):
    monkeypatch.setattr(db, "_cipher_version", lambda connection: "3.4.2 community")
    with pytest.raises(UnsafeConnection) as caught:
        db.open_database(tmp_path / "v.db", key, create=True)
    assert "veilig" in str(caught.value)


def test_plain_sqlite_without_cipher_is_refused(tmp_path, key, monkeypatch):
    monkeypatch.setattr(db, "_cipher_version", lambda connection: "")
    with pytest.raises(UnsafeConnection):
        db.open_database(tmp_path / "v.db", key, create=True)


@pytest.mark.parametrize(
    "bad_pragma",
    [
        "PRAGMA temp_store = FILE",
        "PRAGMA synchronous = NORMAL",
        "PRAGMA foreign_keys = OFF",
        "PRAGMA journal_mode = DELETE",
    ],
)
def test_a_setting_that_does_not_stick_is_refused(tmp_path, key, monkeypatch, bad_pragma):
    real_apply = db._apply_settings

    def apply_then_spoil(connection, **kwargs):
        real_apply(connection, **kwargs)
        connection.execute(bad_pragma).fetchall()

    monkeypatch.setattr(db, "_apply_settings", apply_then_spoil)
    with pytest.raises(UnsafeConnection):
        db.open_database(tmp_path / "v.db", key, create=True)


def test_verify_settings_checks_a_live_connection(tmp_path, key):
    connection = db.open_database(tmp_path / "v.db", key, create=True)
    try:
        db.verify_settings(connection)
        connection.execute("PRAGMA temp_store = FILE")
        with pytest.raises(UnsafeConnection):
            db.verify_settings(connection)
    finally:
        connection.close()


# --- migrations ---------------------------------------------------------------------------


def _schema(folder, files):
    folder.mkdir(exist_ok=True)
    for name, sql in files.items():
        (folder / name).write_text(sql, encoding="utf-8")
    return folder


def test_fresh_database_gets_every_migration_in_order(tmp_path, key):
    schema = _schema(
        tmp_path / "schema",
        {
            "0002_b.sql": "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id REFERENCES a(id));",
            "0001_a.sql": "CREATE TABLE a (id INTEGER PRIMARY KEY);",
        },
    )
    connection = db.open_database(tmp_path / "v.db", key, create=True, schema_dir=schema)
    try:
        rows = connection.execute("SELECT version, name FROM schema_version ORDER BY version")
        assert rows.fetchall() == [(1, "a"), (2, "b")]
        assert db.schema_version(connection) == 2
    finally:
        connection.close()


def test_upgrade_applies_only_the_new_migration_and_keeps_data(tmp_path, key):
    schema = _schema(tmp_path / "schema", {"0001_a.sql": "CREATE TABLE a (x TEXT);"})
    connection = db.open_database(tmp_path / "v.db", key, create=True, schema_dir=schema)
    connection.execute("INSERT INTO a VALUES ('bewaard')")
    connection.commit()
    connection.close()

    _schema(schema, {"0002_more.sql": "ALTER TABLE a ADD COLUMN y TEXT NOT NULL DEFAULT '-';"})
    connection = db.open_database(tmp_path / "v.db", key, schema_dir=schema)
    try:
        assert connection.execute("SELECT x, y FROM a").fetchall() == [("bewaard", "-")]
        assert db.schema_version(connection) == 2
        assert db.run_migrations(connection, schema) == []
    finally:
        connection.close()


def test_upgrade_of_a_real_base_vault(tmp_path, key):
    base = _schema(
        tmp_path / "oud", {"0001_base.sql": (db.SCHEMA_DIR / "0001_base.sql").read_text()}
    )
    db.open_database(tmp_path / "v.db", key, create=True, schema_dir=base).close()
    connection = db.open_database(tmp_path / "v.db", key)
    try:
        newest = max(m.version for m in db.available_migrations())
        assert db.schema_version(connection) == newest
    finally:
        connection.close()


def test_a_failing_migration_changes_nothing(tmp_path, key):
    schema = _schema(tmp_path / "schema", {"0001_a.sql": "CREATE TABLE a (x);"})
    db.open_database(tmp_path / "v.db", key, create=True, schema_dir=schema).close()
    _schema(
        schema,
        {"0002_broken.sql": "CREATE TABLE half (x);\nINSERT INTO nergens VALUES (1);"},
    )
    with pytest.raises(MigrationFailed) as caught:
        db.open_database(tmp_path / "v.db", key, schema_dir=schema)
    assert "0002" in str(caught.value)
    (schema / "0002_broken.sql").unlink()
    connection = db.open_database(tmp_path / "v.db", key, schema_dir=schema)
    try:
        assert "half" not in _tables(connection)
        assert db.schema_version(connection) == 1
    finally:
        connection.close()


def test_a_vault_from_a_newer_app_is_refused(tmp_path, key):
    schema = _schema(
        tmp_path / "schema", {"0001_a.sql": "CREATE TABLE a (x);", "0002_b.sql": "SELECT 1;"}
    )
    db.open_database(tmp_path / "v.db", key, create=True, schema_dir=schema).close()
    (schema / "0002_b.sql").unlink()
    with pytest.raises(SchemaTooNew) as caught:
        db.open_database(tmp_path / "v.db", key, schema_dir=schema)
    assert "nieuwere versie" in str(caught.value)


@pytest.mark.parametrize(
    "files",
    [
        {"1_a.sql": "SELECT 1;"},
        {"0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 1;"},
        {"0001_Hoofd letters.sql": "SELECT 1;"},
    ],
)
def test_badly_named_migrations_are_refused(tmp_path, files):
    with pytest.raises(MigrationFailed):
        db.available_migrations(_schema(tmp_path / "schema", files))


def test_shipped_migrations_are_well_formed():
    """Each file runs inside the runner's transaction, so it must not open or end its own
    (a trigger's BEGIN ... END is fine)."""
    import re

    transaction_statement = re.compile(
        r"^\s*(BEGIN\s*(DEFERRED|IMMEDIATE|EXCLUSIVE|TRANSACTION)?\s*;|COMMIT\b|END\s+TRANSACTION"
        r"|ROLLBACK\b|SAVEPOINT\b|RELEASE\b)",
        re.IGNORECASE | re.MULTILINE,
    )
    migrations = db.available_migrations()
    assert migrations[0].version == 1 and migrations[0].name == "base"
    for migration in migrations:
        assert not transaction_statement.search(migration.path.read_text()), migration.path.name


# --- the key in memory -------------------------------------------------------------------


def test_raw_key_literal_is_sqlciphers_raw_key_form_in_a_bytearray(key):
    literal = db.raw_key_literal(key)
    assert isinstance(literal, bytearray)
    assert bytes(literal) == b"x'" + key.hex().encode("ascii") + b"'"


def test_key_literal_is_wiped_after_keying(tmp_path, key, monkeypatch):
    made = []
    real_literal = db.raw_key_literal

    def keep(raw):
        made.append(real_literal(raw))
        return made[-1]

    monkeypatch.setattr(db, "raw_key_literal", keep)
    db.open_database(tmp_path / "v.db", key, create=True).close()
    assert made and all(buffer == bytearray(len(buffer)) for buffer in made)


def test_a_vault_keyed_with_pragma_key_still_opens(tmp_path, key):
    """Vaults made before ``set_key`` (``PRAGMA key = "x'…'"``) open exactly as before."""
    import sqlcipher3

    path = tmp_path / "v.db"
    db.open_database(path, key, create=True).close()
    old_style = sqlcipher3.connect(str(path))
    try:
        old_style.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        assert old_style.execute("SELECT count(*) FROM schema_version").fetchone()[0] > 0
    finally:
        old_style.close()
    db.open_database(path, key).close()


def test_memory_security_is_on_and_required(tmp_path, key, monkeypatch):
    connection = db.open_database(tmp_path / "v.db", key, create=True)
    try:
        assert connection.execute("PRAGMA cipher_memory_security").fetchone()[0] == "1"
        real_read = db.read_settings
        monkeypatch.setattr(
            db, "read_settings", lambda c: {**real_read(c), "cipher_memory_security": "0"}
        )
        with pytest.raises(UnsafeConnection):
            db.verify_settings(connection)
    finally:
        connection.close()
