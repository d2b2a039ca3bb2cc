"""`vindplaats --demo`: a throwaway vault with fictional data, never in the real data folder."""

from __future__ import annotations

from datetime import date

import pytest

from app.clock import FixedClock
from app.core.signals import IsoWeek
from app.shipped import load_shipped
from app.store.intakes import IntakeRepository
from app.store.signals import SignalRepository, load_settings
from app.ui import demo
from app.ui.demo import DemoFolderRefused, prepare_demo_vault, remove_demo_vault

TODAY = date(2026, 11, 30)
SHIPPED = load_shipped()


@pytest.fixture
def real_data_dir(tmp_path, monkeypatch):
    real = tmp_path / "echte-gegevens"
    monkeypatch.setattr(demo, "default_data_dir", lambda: real)
    return real


def test_demo_vault_is_seeded_and_lives_in_a_fresh_temporary_folder(tmp_path, real_data_dir):
    base = tmp_path / "tijdelijk"
    vault, passphrase = prepare_demo_vault(base, shipped=SHIPPED, clock=FixedClock(today=TODAY))
    folder = vault.data_dir
    assert folder.parent.parent == base and folder.parent.name.startswith("vindplaats-demo-")
    assert real_data_dir not in folder.parents and not real_data_dir.exists()
    from app.paths import default_data_dir

    assert default_data_dir().resolve() not in folder.resolve().parents

    session = vault.unlock(passphrase)
    try:
        signals = SignalRepository(session.connection)
        assert 200 <= signals.count() <= 500
        first, last = signals.week_bounds()
        assert last == IsoWeek.of(TODAY)
        assert len({s.signal.week for s in signals.list_signals(limit=1000)}) >= 10
        assert (last.monday() - first.monday()).days <= 26 * 7
        assert load_settings(session.connection).departments
        intakes = IntakeRepository(session.connection)
        cases = intakes.list_cases()
        assert len(cases) >= 7
        advised = [intakes.load(c.id) for c in cases]
        assert sum(1 for record in advised if record.advice) >= 7
    finally:
        session.close()

    # A second demo gets its own folder; removing one leaves the other.
    other, _passphrase = prepare_demo_vault(base, shipped=SHIPPED, clock=FixedClock(today=TODAY))
    assert other.data_dir != vault.data_dir
    remove_demo_vault(vault)
    assert not folder.parent.exists() and other.data_dir.exists()
    remove_demo_vault(other)


def test_demo_refuses_the_real_data_folder(real_data_dir):
    with pytest.raises(DemoFolderRefused):
        prepare_demo_vault(real_data_dir, shipped=SHIPPED, clock=FixedClock(today=TODAY))
    with pytest.raises(DemoFolderRefused):
        prepare_demo_vault(real_data_dir / "sub", shipped=SHIPPED, clock=FixedClock(today=TODAY))


def test_remove_only_touches_demo_folders(tmp_path, make_vault):
    vault = make_vault(tmp_path / "gewoon" / "kluis")
    remove_demo_vault(vault)
    assert vault.data_dir.exists()
