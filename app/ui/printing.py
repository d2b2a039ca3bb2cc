"""Printing the recovery code straight to a printer (no file, no temp copy)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPainter, QTextDocument
from PySide6.QtWidgets import QDialog, QWidget

from app.i18n import _


def print_recovery_code(parent: QWidget, code: str) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("Vindplaats")
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    doc = QTextDocument()
    doc.setDefaultFont(QFont("Sans", 12))
    doc.setPlainText(
        _("Herstelcode voor de Vindplaats-kluis")
        + "\n\n"
        + code
        + "\n\n"
        + _("Bewaar dit papier op een veilige plek, niet bij de laptop.")
    )
    painter = QPainter(printer)
    doc.drawContents(painter)
    painter.end()
