"""First run → lock → unlock → auto-lock, on a real vault in tmp_path, through the widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from app.store.keyslots import TEST_KDF
from app.store.vault import Vault
from app.ui.run import build_gui

PASSPHRASE = "paarse olifant fietst langs de gracht"


def _make_window(tmp_path, qtbot, **kwargs):
    data_dir = tmp_path / "data"
    vault = Vault(data_dir, kdf=TEST_KDF)
    _app, window = build_gui(data_dir, language="nl", vault=vault, **kwargs)
    qtbot.addWidget(window)
    window.show()
    return window, vault


def _unlocked_window(tmp_path, qtbot, **kwargs):
    """A window on an existing vault, unlocked through the lock screen."""
    Vault(tmp_path / "data", kdf=TEST_KDF).create(PASSPHRASE)
    window, _vault = _make_window(tmp_path, qtbot, **kwargs)
    assert window.stack.currentWidget() is window.lock_screen
    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    return window


def _type(qtbot, widget: QLineEdit, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def _first_run(qtbot, window) -> str:
    view = window.first_run
    assert window.stack.currentWidget() is view
    qtbot.mouseClick(view.findChild(QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    create = view.findChild(QPushButton, "createButton")
    _type(qtbot, view.passphrase, "kort")
    assert not create.isEnabled()
    assert "tekens" in view.advice.text()
    _type(qtbot, view.passphrase, PASSPHRASE)
    _type(qtbot, view.repeat, PASSPHRASE + "x")
    assert not create.isEnabled()
    assert "niet gelijk" in view.advice.text()
    _type(qtbot, view.repeat, PASSPHRASE)
    assert create.isEnabled()
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 2, timeout=20000)
    code = view.code_label.text().replace("\n", "-")
    assert len(code.replace("-", "")) >= 26  # ≥128 bits in base32
    finish = view.findChild(QPushButton, "finishButton")
    view.confirm_box.setChecked(True)
    assert not finish.isEnabled(), "the last group must be typed back"
    _type(qtbot, view.last_group, code.split("-")[-1].lower())
    assert finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    return code


def _unlock(qtbot, window, secret: str) -> None:
    screen = window.lock_screen
    _type(qtbot, screen.secret, secret)
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)


def test_first_run_lock_unlock_and_recovery(tmp_path, qtbot):
    window, vault = _make_window(tmp_path, qtbot)
    code = _first_run(qtbot, window)
    assert vault.exists()
    assert window.windowTitle() == "Vindplaats"
    assert window.main_area is not None

    # Ctrl+L locks: the workspace is gone and the session is closed.
    session = window.session
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.is_unlocked
    assert window.main_area is None
    assert session.closed
    assert window.stack.currentWidget() is window.lock_screen

    # Wrong passphrase: a clear message, still locked, files untouched.
    slots_before = vault.keyslot_path.read_bytes()
    _unlock(qtbot, window, "dit is niet de goede zin")
    qtbot.waitUntil(
        lambda: window.lock_screen.message.isVisible() and not window.lock_screen.busy.isVisible(),
        timeout=10000,
    )
    assert (
        "klopt niet" in window.lock_screen.message.text().lower()
        or "onjuist" in window.lock_screen.message.text().lower()
        or "niet goed" in window.lock_screen.message.text().lower()
    )
    assert not window.is_unlocked
    assert vault.keyslot_path.read_bytes() == slots_before

    _unlock(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
    window.lock()

    # The recovery code opens the vault too.
    qtbot.mouseClick(window.lock_screen.mode_button, Qt.MouseButton.LeftButton)
    _unlock(qtbot, window, code.lower().replace("-", " "))
    qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)


def test_auto_lock_after_idle(tmp_path, qtbot):
    window = _unlocked_window(tmp_path, qtbot, idle_seconds=0.5)
    qtbot.waitUntil(lambda: not window.is_unlocked, timeout=5000)
    assert window.main_area is None
    assert window.stack.currentWidget() is window.lock_screen


def test_every_section_is_listed(tmp_path, qtbot):
    window = _unlocked_window(tmp_path, qtbot)
    nav = window.main_area.nav
    titles = [nav.item(i).text() for i in range(nav.count())]
    assert titles == ["Start", "Gesprekken", "Signalen", "Verwijzingen", "Training", "Instellingen"]


def test_os_session_lock_locks_the_vault(tmp_path, qtbot):
    from app.ui.session_lock import WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK, is_session_lock_message

    assert is_session_lock_message(WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK)
    assert not is_session_lock_message(WM_WTSSESSION_CHANGE, 0x8)  # unlock is not a lock
    window = _unlocked_window(tmp_path, qtbot)
    qtbot.waitUntil(lambda: hasattr(window, "session_watcher"), timeout=3000)
    window.session_watcher.on_active_changed(False)  # screensaver ending: stay open
    assert window.is_unlocked
    window.session_watcher.on_active_changed(True)  # screensaver/lock started
    assert not window.is_unlocked


def test_start_screen_new_intake_button_opens_gesprekken(tmp_path, qtbot):
    window = _unlocked_window(tmp_path, qtbot)
    area = window.main_area
    assert area.current_key() == "start"
    qtbot.mouseClick(area.findChild(QPushButton, "homeNewIntake"), Qt.MouseButton.LeftButton)
    assert area.current_key() == "gesprekken"


def test_lang_option_is_for_this_start_only_until_a_language_is_chosen(tmp_path, qtbot):
    """`vindplaats --lang en` shows English now; the next plain start is Dutch again."""
    import json

    from PySide6.QtWidgets import QApplication, QComboBox

    from app.preferences import FILE_NAME

    data_dir = tmp_path / "data"
    Vault(data_dir, kdf=TEST_KDF).create(PASSPHRASE)
    saved = lambda: json.loads((data_dir / FILE_NAME).read_text(encoding="utf-8"))  # noqa: E731
    try:
        _app, window = build_gui(data_dir, language="en", vault=Vault(data_dir, kdf=TEST_KDF))
        qtbot.addWidget(window)
        window.show()
        assert window.lock_screen.unlock_button.text() == "&Unlock"
        _unlock(qtbot, window, PASSPHRASE)
        qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
        window.main_area.show_section("instellingen")
        settings = window.main_area.section("instellingen")
        settings.idle_minutes.setValue(7)  # saving another setting keeps the saved language
        assert saved()["idle_minutes"] == 7 and saved()["language"] == "nl"
        window.close()
        assert saved()["language"] == "nl"

        _app, window = build_gui(data_dir, language="en", vault=Vault(data_dir, kdf=TEST_KDF))
        qtbot.addWidget(window)
        window.show()
        _unlock(qtbot, window, PASSPHRASE)
        qtbot.waitUntil(lambda: window.is_unlocked, timeout=10000)
        window.main_area.show_section("instellingen")
        combo = window.main_area.section("instellingen").findChild(QComboBox, "languageChoice")
        combo.setCurrentIndex(combo.findData("tr"))
        combo = window.main_area.section("instellingen").findChild(QComboBox, "languageChoice")
        combo.setCurrentIndex(combo.findData("en"))  # chosen in the app: now it is kept
        window.close()
        assert saved()["language"] == "en"
    finally:
        from app.i18n import set_language
        from app.ui.run import apply_qt_language

        set_language("nl")
        apply_qt_language(QApplication.instance(), "nl", notify=False)


def test_language_switch_in_instellingen_rebuilds_every_view(tmp_path, qtbot):
    from PySide6.QtWidgets import QApplication, QComboBox

    window = _unlocked_window(tmp_path, qtbot)
    session = window.session
    try:
        window.main_area.show_section("instellingen")
        combo = window.main_area.section("instellingen").findChild(QComboBox, "languageChoice")
        combo.setCurrentIndex(combo.findData("en"))
        nav = window.main_area.nav
        titles = [nav.item(i).text() for i in range(nav.count())]
        assert "Settings" in titles and "Gesprekken" not in titles
        assert window.main_area.current_key() == "instellingen", "stays on the settings page"
        assert window.session is session and not session.closed, "the vault stays open"
        assert window.preferences.language == "en"
        combo = window.main_area.section("instellingen").findChild(QComboBox, "languageChoice")
        combo.setCurrentIndex(combo.findData("ar"))
        assert QApplication.layoutDirection().name == "RightToLeft"
    finally:
        from app.i18n import set_language
        from app.ui.run import apply_qt_language

        set_language("nl")
        apply_qt_language(QApplication.instance(), "nl", notify=False)


def test_start_sweeps_stale_temp_files_of_a_killed_write(tmp_path, qtbot):
    import json
    import os
    import time

    data_dir = tmp_path / "data"
    out = tmp_path / "brieven"
    data_dir.mkdir()
    out.mkdir()
    (data_dir / "voorkeuren.json").write_text(
        json.dumps({"recent_output_folders": [str(out)]}), "utf-8"
    )
    stale = [out / ".brief.pdf.k3j2h1.vindplaats-tmp", data_dir / ".keyslots.json.ab12cd34.tmp"]
    for path in stale:
        path.write_bytes(b"%PDF- de hele brief")
        os.utime(path, (time.time() - 600,) * 2)
    (out / "brief.pdf").write_bytes(b"%PDF- vorige")
    window, _vault = _make_window(tmp_path, qtbot)
    qtbot.waitUntil(lambda: not any(p.exists() for p in stale), timeout=5000)
    assert (out / "brief.pdf").read_bytes() == b"%PDF- vorige"
