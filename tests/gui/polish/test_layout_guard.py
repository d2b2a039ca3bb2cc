"""The guard: every page and dialog fits a 1366x768 screen, also at 125 % Windows scaling,
in Dutch, Arabic (right to left) and the pseudo-locale xx (~40 % longer texts).

Fails when a label, button, tab or table header is clipped (its text needs more room than it
has) or a page needs horizontal scrolling; see layout_guard.problems. Runs on the training
vault (fictional data), so tables and lists hold what an advisor would see.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget

from app.clock import SYSTEM_CLOCK
from app.shipped import load_shipped
from app.store.intakes import IntakeRepository
from app.ui.demo import prepare_demo_vault, remove_demo_vault
from app.ui.run import build_gui
from tests.gui.polish.layout_guard import problems

# 1366x768 less a title bar (and the task bar beside it: Windows keeps it at the bottom)
FULL = (1366, 768 - 40 - 40)
# 125 % scaling: 1093x614 logical pixels, less the title bar (32 px at 125 %) and task bar
SCALED = (1093, 614 - 32 - 0)

# What the guard finds and this change leaves alone, each with its reason. Keys are the
# start of a problem line (see layout_guard.problems).
ALLOWED: dict[str, str] = {}


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def _check(where: str, widget: QWidget, found: list[str]) -> None:
    _settle()
    for line in problems(widget):
        if not any(line.startswith(key) for key in ALLOWED):
            found.append(f"{where}: {line}")


def _pages(window, where: str, found: list[str]) -> None:
    area = window.main_area
    for key in ("start", "gesprekken", "signalen", "verwijzingen", "training", "instellingen"):
        area.show_section(key)
        section = area.stack.currentWidget()
        tabs = section.findChild(QTabWidget)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
            _check(f"{where} {key}#{index}", window, found)
    area.show_section("gesprekken")
    intakes = area.section("gesprekken")
    intakes.open_intake(_an_intake_with_advice(area))
    for row in range(intakes.flow.steps.count()):
        intakes.flow.steps.setCurrentRow(row)
        _check(f"{where} gesprek stap {row}", window, found)
    intakes.show_list()


def _an_intake_with_advice(area) -> int:
    repository = IntakeRepository(area.context.session.connection)
    return next(
        summary.id
        for summary in repository.list_cases()
        if repository.load(summary.id).advice is not None
    )


def _dialogs(window, where: str, found: list[str]) -> None:
    from app.ui.about import AboutDialog
    from app.ui.backup_panel import BackupSecretDialog
    from app.ui.errors import ErrorDialog
    from app.ui.referral.flow import ReferralDialog
    from app.ui.settings_page import ChangePassphraseDialog, NewRecoveryCodeDialog

    area = window.main_area
    context = area.context
    dialogs: list[tuple[str, QDialog]] = [
        ("snel signaal", area.section("signalen")._dialog()),
        ("over", AboutDialog(context.shipped, window)),
        ("wachtwoordzin", ChangePassphraseDialog(context, window)),
        ("herstelcode", NewRecoveryCodeDialog(context, window)),
        ("reservekopie", BackupSecretDialog("1 december 2026", window)),
        ("fout", ErrorDialog("VP-TEST-0001", window)),
    ]
    for name, dialog in dialogs:
        dialog.show()
        _check(f"{where} dialoog {name}", dialog, found)
        _fits(f"{where} dialoog {name}", dialog, SCALED, found)
        dialog.reject()
        dialog.deleteLater()
    referral = ReferralDialog(context, _an_intake_with_advice(area), window)
    referral.show()
    for index in range(referral.stack.count()):
        referral.stack.setCurrentIndex(index)
        _check(f"{where} verwijzing stap {index}", referral, found)
    _fits(f"{where} verwijzing", referral, SCALED, found)
    referral.reject()
    referral.deleteLater()


def _fits(where: str, widget: QWidget, size: tuple[int, int], found: list[str]) -> None:
    need = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    if need.width() > size[0] or need.height() > size[1]:
        found.append(f"{where}: needs {need.width()}x{need.height()}, has {size[0]}x{size[1]}")


@pytest.fixture(scope="module")
def shipped():
    return load_shipped()


@pytest.mark.parametrize("language", ["nl", "ar", "xx"])
def test_every_page_and_dialog_fits(qtbot, shipped, language) -> None:
    base = Path(tempfile.mkdtemp(prefix="vindplaats-guard-"))
    vault, passphrase = prepare_demo_vault(base, shipped=shipped, clock=SYSTEM_CLOCK)
    try:
        _app, window = build_gui(
            vault.data_dir, language=language, demo=True, vault=vault, shipped=shipped
        )
        qtbot.addWidget(window)
        window.resize(*FULL)
        window.show()
        found: list[str] = []
        _check(f"{language} vergrendeld", window, found)
        window.unlock_with_passphrase(passphrase)
        qtbot.waitUntil(lambda: window.is_unlocked, timeout=15000)
        _fits(f"{language} venster", window, SCALED, found)
        _pages(window, f"{language} {FULL[0]}x{FULL[1]}", found)
        _dialogs(window, language, found)
        window.resize(*SCALED)
        _pages(window, f"{language} {SCALED[0]}x{SCALED[1]}", found)
        window.lock()
        assert not found, "clipped or too large:\n" + "\n".join(found)
    finally:
        remove_demo_vault(vault)
        import shutil

        shutil.rmtree(base, ignore_errors=True)


def test_the_first_window_size_fits_the_screen() -> None:
    from app.ui.shell import DEFAULT_SIZE, FRAME, fitting_size

    # 1366x768 with a 40 px task bar; the same at 125 % (1093x614 less a 32 px task bar)
    for available in ((1366, 728), (1093, 582)):
        width, height = fitting_size(*available)
        assert width + FRAME[0] <= available[0] and height + FRAME[1] <= available[1]
    assert fitting_size(1920, 1040) == DEFAULT_SIZE


@pytest.mark.parametrize("language", ["nl", "ar", "xx"])
def test_first_run_and_the_lock_screen_fit(tmp_path, qtbot, language) -> None:
    from app.store.keyslots import TEST_KDF
    from app.store.vault import Vault

    vault = Vault(tmp_path / "nieuw", kdf=TEST_KDF)
    _app, window = build_gui(tmp_path / "nieuw", language=language, vault=vault)
    qtbot.addWidget(window)
    window.resize(*SCALED)
    window.show()
    found: list[str] = []
    view = window.first_run
    view.show_recovery_code("ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345")
    for index in range(view.pages.count()):
        view.pages.setCurrentIndex(index)
        _check(f"{language} eerste start {index}", window, found)
    _fits(f"{language} eerste start", window, SCALED, found)
    window.stack.setCurrentWidget(window.lock_screen)
    for _mode in range(2):  # passphrase, then recovery code
        _check(f"{language} vergrendeld", window, found)
        window.lock_screen.mode_button.click()
    _fits(f"{language} vergrendeld", window, SCALED, found)
    assert not found, "clipped or too large:\n" + "\n".join(found)
