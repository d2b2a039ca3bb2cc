"""Windows: the windows are excluded from screen capture while the vault is open."""

from __future__ import annotations

import sys

import pytest
import shiboken6
from PySide6.QtWidgets import QDialog, QWidget

from app.ui import capture_guard as guard_module
from app.ui.capture_guard import (
    WDA_EXCLUDEFROMCAPTURE,
    WDA_MONITOR,
    WDA_NONE,
    CaptureGuard,
    set_display_affinity,
)


class FakeUser32:
    """Records SetWindowDisplayAffinity calls; ``refuse`` lists affinities that fail."""

    def __init__(self, refuse=()):
        self.calls: list[tuple[int, int]] = []
        self.refuse = set(refuse)

    def SetWindowDisplayAffinity(self, hwnd, affinity):  # noqa: N802 - the Win32 name
        self.calls.append((hwnd, affinity))
        return 0 if affinity in self.refuse else 1


@pytest.fixture
def make_guard():
    made = []

    def factory(user32):
        made.append(CaptureGuard(user32))
        return made[-1]

    yield factory
    for guard in made:
        shiboken6.delete(guard)


def test_the_call_is_exclude_from_capture():
    user32 = FakeUser32()
    assert set_display_affinity(user32, 1234, True) is True
    assert set_display_affinity(user32, 1234, False) is True
    assert user32.calls == [(1234, 0x11), (1234, WDA_NONE)]
    assert WDA_EXCLUDEFROMCAPTURE == 0x11


def test_older_windows_falls_back_to_a_black_window():
    user32 = FakeUser32(refuse={WDA_EXCLUDEFROMCAPTURE})
    assert set_display_affinity(user32, 7, True) is True
    assert user32.calls == [(7, WDA_EXCLUDEFROMCAPTURE), (7, WDA_MONITOR)]


def test_every_window_while_the_vault_is_open(qtbot, make_guard):
    user32 = FakeUser32()
    guard = make_guard(user32)
    main = QWidget()
    qtbot.addWidget(main)
    main.show()
    assert user32.calls == []  # locked: nothing to hide
    guard.set_vault_open(True)
    assert (int(main.winId()), WDA_EXCLUDEFROMCAPTURE) in user32.calls
    dialog = QDialog(main)
    dialog.show()
    assert (int(dialog.winId()), WDA_EXCLUDEFROMCAPTURE) in user32.calls
    user32.calls.clear()
    guard.set_vault_open(False)
    # other top-level windows may still be alive from earlier tests: look at ours only
    ours = {int(main.winId()), int(dialog.winId())}
    assert {call for call in user32.calls if call[0] in ours} == {
        (int(main.winId()), WDA_NONE),
        (int(dialog.winId()), WDA_NONE),
    }
    dialog.close()


def test_switched_off_nothing_is_hidden(qtbot, make_guard):
    user32 = FakeUser32()
    guard = make_guard(user32)
    main = QWidget()
    qtbot.addWidget(main)
    main.show()
    guard.set_vault_open(True)
    user32.calls.clear()
    guard.set_enabled(False)
    # other top-level windows may still be alive from earlier tests: look at ours only
    assert [call for call in user32.calls if call[0] == int(main.winId())] == [
        (int(main.winId()), WDA_NONE)
    ]
    assert all(affinity == WDA_NONE for _hwnd, affinity in user32.calls)
    user32.calls.clear()
    dialog = QDialog(main)
    dialog.show()
    assert user32.calls == []
    dialog.close()


@pytest.mark.skipif(sys.platform == "win32", reason="elsewhere than Windows")
def test_elsewhere_it_does_nothing():
    assert guard_module.windows_user32() is None
    assert guard_module.capture_guard().user32 is None
    guard_module.capture_guard().set_vault_open(True)  # no error, no call
    guard_module.capture_guard().set_vault_open(False)


def test_the_shell_hides_while_unlocked_and_instellingen_switches_it(
    tmp_path, qtbot, monkeypatch, make_guard
):
    from tests.gui.shell.test_shell import _unlocked_window

    user32 = FakeUser32()
    guard = make_guard(user32)
    monkeypatch.setattr(guard_module, "capture_guard", lambda: guard)
    window = _unlocked_window(tmp_path, qtbot)
    hwnd = int(window.winId())
    assert window.preferences.exclude_from_capture is True  # on by default
    assert user32.calls[-1] == (hwnd, WDA_EXCLUDEFROMCAPTURE)

    settings = window.main_area.section("instellingen")
    box = settings.findChild(QWidget, "excludeFromCapture")
    box.setChecked(False)
    assert user32.calls[-1] == (hwnd, WDA_NONE)
    assert window.preferences_store.load().exclude_from_capture is False
    box.setChecked(True)
    assert user32.calls[-1] == (hwnd, WDA_EXCLUDEFROMCAPTURE)

    window.lock()
    assert user32.calls[-1] == (hwnd, WDA_NONE)
