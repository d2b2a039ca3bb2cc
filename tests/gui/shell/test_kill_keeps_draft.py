"""kill -9 while an intake is being typed: the draft is in the vault, nothing else is lost.

The real app runs in a child process (offscreen) on a test vault: it unlocks through the
shell window, types into an intake with QTest.keyClicks, waits past the autosave delay, says
READY, types a little more and is then killed with SIGKILL mid-conversation.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.store.intakes import IntakeRepository
from app.store.keyslots import TEST_KDF
from app.store.vault import Vault

PASSPHRASE = "paarse olifant fietst langs de gracht"
ROOT = Path(__file__).resolve().parents[3]

DRIVER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
    from app.store.keyslots import TEST_KDF
    from app.store.vault import Vault
    from app.ui.run import build_gui

    data_dir = Path(sys.argv[1])
    app, window = build_gui(data_dir, language="nl", vault=Vault(data_dir, kdf=TEST_KDF))
    window.show()

    def wait(condition, seconds):
        end = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.01)

    def pause(seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    window.unlock_with_passphrase(sys.argv[2])
    wait(lambda: window.is_unlocked, 30)
    window.main_area.show_section("gesprekken")
    section = window.main_area.section("gesprekken")
    section.new_intake()
    flow = section.flow
    QTest.keyClicks(flow.findChild(QLineEdit, "number_age_years"), "24")
    flow.next_button.click()
    flow.next_button.click()
    QTest.keyClicks(flow.findChild(QLineEdit, "amount_income_loon"), "1.450")
    for _step in range(3):
        flow.next_button.click()
    QTest.keyClicks(flow.findChild(QPlainTextEdit, "text_help_question"), "Weer rust en overzicht.")
    pause(2.6)  # past the autosave delay
    print("READY", flow.record.id, flush=True)
    QTest.keyClicks(flow.findChild(QPlainTextEdit, "text_tried_already"), "Zelf gebeld")
    print("TYPED", flush=True)
    app.exec()
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kill_9_mid_intake_keeps_the_draft(tmp_path):
    data_dir = tmp_path / "data"
    Vault(data_dir, kdf=TEST_KDF).create(PASSPHRASE)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(data_dir), PASSPHRASE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        ready = child.stdout.readline().split()
        assert ready[:1] == ["READY"], child.stderr.read() if child.poll() is not None else ready
        assert child.stdout.readline().strip() == "TYPED"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    with Vault(data_dir, kdf=TEST_KDF).unlock(PASSPHRASE) as session:
        assert session.check().healthy
        record = IntakeRepository(session.connection).load(int(ready[1]))
        intake = record.intake
        assert intake.age_years == 24
        assert [(item.kind.value, str(item.net_per_month)) for item in intake.income] == [
            ("loon", "1450.00")
        ]
        assert intake.help_question == "Weer rust en overzicht."
        assert record.step == 5
        # typed less than the autosave delay before the kill: may be lost, never half-written
        assert intake.tried_already in (None, "Zelf gebeld")
