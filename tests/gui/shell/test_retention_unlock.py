"""Through the real window: an unlock deletes the closed cases whose term has passed, and the
Start page says so in one calm line; the case closed later is announced 30 days ahead."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from app.clock import FixedClock
from app.store.intakes import IntakeRepository, IntakeStatus
from app.store.keyslots import TEST_KDF
from app.store.vault import Vault
from app.ui.run import build_gui

PASSPHRASE = "paarse olifant fietst langs de gracht"


def test_unlock_deletes_old_closed_cases_and_the_start_page_says_so(tmp_path, qtbot):
    data_dir = tmp_path / "data"
    Vault(data_dir, kdf=TEST_KDF).create(PASSPHRASE)
    session = Vault(data_dir, kdf=TEST_KDF).unlock(PASSPHRASE)
    intakes = IntakeRepository(session.connection, clock=FixedClock(today=date(2026, 1, 10)))
    old = intakes.create(today=date(2026, 1, 10))
    intakes.set_status(old.id, IntakeStatus.CLOSED)
    later = IntakeRepository(session.connection, clock=FixedClock(today=date(2026, 3, 1)))
    young = later.create(today=date(2026, 3, 1))
    later.set_status(young.id, IntakeStatus.CLOSED)
    session.close()

    clock = FixedClock(today=date(2027, 2, 5))  # old: due 10 Jan; young: due 1 March
    vault = Vault(data_dir, kdf=TEST_KDF, clock=clock)
    _app, window = build_gui(data_dir, language="nl", vault=vault, clock=clock)
    qtbot.addWidget(window)
    window.show()
    screen = window.lock_screen
    qtbot.keyClicks(screen.secret, PASSPHRASE)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=20000)

    assert window.session.retention_deleted == 1
    home = window.main_area.home
    home.refresh()
    assert home.retention_notice.unlock_label.text() == (
        "Bij het ontgrendelen is 1 afgesloten gesprek verwijderd: de bewaartermijn was voorbij."
    )
    assert young.id in home.retention_notice.rows
    codes = [s.case_code for s in IntakeRepository(window.session.connection).list_cases()]
    assert codes == [young.case_code]
    window.lock()
