"""Printing the recovery code straight to a printer (no file, no temp copy).

A recovery code on paper stays where it is put; a recovery code in a PDF is copied, synced
to the cloud and kept in backups, and whoever finds it can open the vault. So:

- Qt's own "print to file" choice is switched off in the print dialog;
- a printer that writes a file anyway (Microsoft Print to PDF, XPS, OneNote, CUPS-PDF, a
  printer set to print to a file) gets a warning first, and printing only goes on when the
  user says so;
- no file name is ever suggested: the document has no name, so a "save as" dialog of such a
  printer opens empty instead of offering "Vindplaats herstelcode.pdf".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont, QPainter, QTextDocument
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.i18n import _

# Words in a printer's name that mean it writes a file instead of paper.
FILE_PRINTER_WORDS = ("pdf", "xps", "onenote", "document writer", "fax", "file", "bestand")


def prints_to_file(printer: Any) -> bool:
    """True when ``printer`` (a QPrinter after its dialog) makes a file, not paper."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.outputFileName() or printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return True
    name = printer.printerName().lower()
    return any(word in name for word in FILE_PRINTER_WORDS)


def confirm_file_printer(parent: QWidget | None, printer_name: str) -> bool:
    """Ask before the recovery code goes to a file; the safe answer is the default."""
    box = QMessageBox(parent)
    box.setObjectName("recoveryCodeToFileBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Herstelcode afdrukken"))
    box.setText(
        _(
            "De printer {printer} maakt een bestand, geen papier. Een bestand met de "
            "herstelcode wordt gemakkelijk gekopieerd, gesynchroniseerd of meegenomen in een "
            "reservekopie, en wie het vindt, kan de kluis openen. Kies liever een echte printer."
        ).format(printer=printer_name or _("(zonder naam)"))
    )
    anyway = box.addButton(_("Toch naar een &bestand"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is anyway


def print_recovery_code(parent: QWidget, code: str) -> bool:
    """Ask for a printer and print ``code``; True when it was printed."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("")  # a "save as" dialog of a PDF printer suggests no name
    printer.setOutputFileName("")
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    if prints_to_file(printer) and not confirm_file_printer(parent, printer.printerName()):
        return False
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
    return True
