"""The recovery code goes to paper: a printer that makes a file gets a warning first."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from app.ui import printing

CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345"


@pytest.fixture
def pdf_printer_chosen(monkeypatch, tmp_path):
    """The user picks a printer that writes ``herstel.pdf`` in the print dialog."""
    seen: dict[str, object] = {}
    target = tmp_path / "herstel.pdf"

    def exec_(dialog):
        printer = dialog.printer()
        seen["doc_name"] = printer.docName()
        seen["file_name"] = printer.outputFileName()
        seen["print_to_file"] = dialog.testOption(
            QAbstractPrintDialog.PrintDialogOption.PrintToFile
        )
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return target, seen


def test_no_file_name_is_suggested_and_print_to_file_is_off(qtbot, pdf_printer_chosen, monkeypatch):
    _target, seen = pdf_printer_chosen
    monkeypatch.setattr(printing, "confirm_file_printer", lambda parent, name: False)
    parent = QWidget()
    qtbot.addWidget(parent)
    printing.print_recovery_code(parent, CODE)
    assert seen == {"doc_name": "", "file_name": "", "print_to_file": False}


def test_a_file_printer_is_warned_about_and_nothing_is_written(
    qtbot, pdf_printer_chosen, monkeypatch
):
    target, _seen = pdf_printer_chosen
    asked = []
    monkeypatch.setattr(
        printing, "confirm_file_printer", lambda parent, name: asked.append(name) or False
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    assert printing.print_recovery_code(parent, CODE) is False
    assert len(asked) == 1
    assert not target.exists()


def test_printing_to_a_file_anyway_writes_the_code(qtbot, pdf_printer_chosen, monkeypatch):
    target, _seen = pdf_printer_chosen
    monkeypatch.setattr(printing, "confirm_file_printer", lambda parent, name: True)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert printing.print_recovery_code(parent, CODE) is True
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert CODE.split("-") == [w for w in text.split() if w in CODE.split("-")]


def test_the_warning_defaults_to_not_printing(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []

    def exec_(box):
        shown.append(box.text())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert printing.confirm_file_printer(None, "Microsoft Print to PDF") is False
    assert "Microsoft Print to PDF" in shown[0] and "bestand" in shown[0]


class _FakePrinter:
    def __init__(self, name, file_name="", pdf=False):
        self._name, self._file, self._pdf = name, file_name, pdf

    def printerName(self):  # noqa: N802 - Qt's name
        return self._name

    def outputFileName(self):  # noqa: N802
        return self._file

    def outputFormat(self):  # noqa: N802
        return QPrinter.OutputFormat.PdfFormat if self._pdf else QPrinter.OutputFormat.NativeFormat


@pytest.mark.parametrize(
    ("printer", "to_file"),
    [
        (_FakePrinter("Microsoft Print to PDF"), True),
        (_FakePrinter("Microsoft XPS Document Writer"), True),
        (_FakePrinter("OneNote (Desktop)"), True),
        (_FakePrinter("Kantoorprinter 2e verdieping"), False),
        (_FakePrinter("HP LaserJet", file_name="/tmp/x.prn"), True),
        (_FakePrinter(""), False),
        (_FakePrinter("", pdf=True), True),
    ],
)
def test_which_printers_make_a_file(printer, to_file):
    assert printing.prints_to_file(printer) is to_file


def test_the_printed_page_is_readable_and_says_what_the_code_is_for(qtbot, tmp_path):
    """Rendered at 1200 dpi to a PDF, read back and rasterised: the groups are large, the
    page says what the code is for, where to keep it and when the vault was made."""
    from datetime import date

    target = tmp_path / "blad.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printing.render_recovery_page(printer, CODE, date(2026, 3, 4), date(2026, 12, 1))
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = text.split()
    groups = CODE.split("-")
    positions = [words.index(group) for group in groups]
    assert positions == sorted(positions)  # in order, each group once
    flat = " ".join(words)
    assert "wachtwoord vergeten" in flat
    assert "Waar bewaart u dit papier?" in flat
    assert "niet bij de laptop" in flat
    assert "Kluis aangemaakt op: 4 maart 2026" in flat
    # Size check: the first group is at least 20 pt high (it was about 1 pt).
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    import re

    line = next(row for row in bbox.splitlines() if f">{groups[0]}<" in row)
    attrs = {key: float(value) for key, value in re.findall(r'(\w+)="([\d.]+)"', line)}
    assert attrs["yMax"] - attrs["yMin"] >= 20
    png = tmp_path / "blad"
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(target), str(png)], check=True)
    assert (tmp_path / "blad-1.png").stat().st_size > 1000


def test_the_sheet_gives_the_day_the_vault_was_made(vault_session):
    from types import SimpleNamespace

    from app.store import audit

    made = audit.list_events(vault_session.connection, event="vault.created")[0].at.date()
    context = SimpleNamespace(session=vault_session)
    assert printing.vault_created_on(context) == made
    assert printing.vault_created_on(SimpleNamespace(session=None)) is None
