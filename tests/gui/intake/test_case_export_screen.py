"""Gesprekken → "Gegevens meegeven…": the employee's own data, saved by the advisor."""

from __future__ import annotations

import json

import pikepdf
import pytest
from PySide6.QtCore import Qt

from app.clock import FixedClock
from app.preferences import Preferences
from app.ui.context import AppContext
from app.ui.intake import IntakeSection
from tests.unit.case_export.test_case_export import LATER, fill_case
from tests.unit.referral.factories import SHIPPED, pdf_text


@pytest.fixture
def section(qtbot, vault_session):
    context = AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=vault_session.data_dir,
        clock=FixedClock(today=LATER),
    )
    record = fill_case(vault_session.connection)
    widget = IntakeSection(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget, record


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_export_from_the_case_list(qtbot, section, tmp_path_factory):
    widget, record = section
    page = widget.list_page
    assert not page.export_button.isEnabled()
    page.table.selectRow(0)
    assert page.export_button.isEnabled()
    click(qtbot, page.export_button)
    dialog = widget.export_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert record.case_code not in dialog.windowTitle()
    assert dialog.encrypt.isChecked() and dialog.want_pdf.isChecked()

    # never into the vault's folder
    vault_folder = widget.context.session.data_dir
    before = sorted(p.name for p in vault_folder.iterdir())
    dialog.folder.setText(str(vault_folder))
    click(qtbot, dialog.save_button)
    assert "kan niet in de map van de kluis worden opgeslagen" in dialog.banner.text()
    assert sorted(p.name for p in vault_folder.iterdir()) == before

    out = tmp_path_factory.mktemp("usb")
    dialog.folder.setText(str(out))
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.export_result is not None, timeout=15000)
    result = dialog.export_result
    password = dialog.password.text()
    assert password and dialog.password.isVisible()
    assert "nergens bewaard" in dialog.result_label.text()
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(result.pdf_path)
    text = pdf_text(result.pdf_path, password)
    assert record.case_code in text and "Toestemmingen" in text
    document = json.loads(result.json_path.read_text("utf-8"))
    SHIPPED.validator("case-export").validate(document)
    assert document["case_code"] == record.case_code
    dialog.reject()
    assert dialog.password.text() == ""


def test_export_unencrypted_says_so(qtbot, section, tmp_path_factory):
    widget, _record = section
    widget.list_page.table.selectRow(0)
    click(qtbot, widget.list_page.export_button)
    dialog = widget.export_dialog
    dialog.folder.setText(str(tmp_path_factory.mktemp("uit")))
    dialog.encrypt.setChecked(False)
    dialog.want_json.setChecked(False)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.export_result is not None, timeout=15000)
    assert dialog.export_result.json_path is None and dialog.export_result.password is None
    assert "de PDF is niet versleuteld" in dialog.result_label.text()
    assert not dialog.password.isVisible()
