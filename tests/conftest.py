"""Shared test set-up: headless Qt, isolated data folders, a real vault in tmp_path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false")

# --- vault fixtures (store engineer) -----------------------------------------------------
# A real SQLCipher vault in tmp_path with cheap Argon2id parameters (TEST_KDF) for speed.
# Production always calibrates to >= 64 MiB / t=3 / p=4.

import pytest  # noqa: E402

TEST_PASSPHRASE = "fictieve kluis lamp wolk"


@pytest.fixture
def vault_passphrase() -> str:
    """The passphrase of vaults made by ``make_vault`` (unless another one is given)."""
    return TEST_PASSPHRASE


@pytest.fixture
def make_vault(tmp_path):
    """Factory: ``make_vault(data_dir=None, *, create=True, passphrase=TEST_PASSPHRASE)``.

    Returns an ``app.store.vault.Vault`` with cheap KDF parameters and no unlock delay.
    When created, the recovery code is in ``vault.recovery_code`` (tests only).
    """
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault

    counter = {"n": 0}

    def factory(data_dir=None, *, create=True, passphrase=TEST_PASSPHRASE, sleep=None):
        if data_dir is None:
            counter["n"] += 1
            data_dir = tmp_path / f"vault{counter['n']}"
        delays: list[float] = []
        vault = Vault(
            data_dir,
            kdf=TEST_KDF,
            sleep=sleep or delays.append,
            throttle=UnlockThrottle(),
        )
        vault.recorded_delays = delays
        vault.recovery_code = vault.create(passphrase) if create else None
        return vault

    return factory


@pytest.fixture
def vault_session(make_vault):
    """An unlocked ``VaultSession`` on a fresh real vault; closed (locked) after the test."""
    vault = make_vault()
    session = vault.unlock(TEST_PASSPHRASE)
    yield session
    session.close()


@pytest.fixture(autouse=True)
def _default_data_folder_away_from_the_real_one(tmp_path_factory, monkeypatch):
    """A command without --data-dir uses the default data folder (it protects it and notes
    output folders in its preferences): in tests that is a fresh folder, never the user's."""
    folder = tmp_path_factory.getbasetemp() / "standaard-gegevens"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.setenv("LOCALAPPDATA", str(folder))


@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt builds the real application class (idle tracking for auto-lock)."""
    from app.ui.application import VindplaatsApplication

    return VindplaatsApplication


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread(request):
    """The app collects garbage from a GUI-thread timer; between GUI tests do it here."""
    yield
    if "gui" in request.node.nodeid.split("/"):
        import gc

        gc.collect()
