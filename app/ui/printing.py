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

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPainter, QTextDocument
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.clock import SYSTEM_CLOCK
from app.i18n import _
from app.i18n.formatting import format_date

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


def print_recovery_code(
    parent: QWidget, code: str, created: date | None = None, today: date | None = None
) -> bool:
    """Ask for a printer and print ``code`` as one page; True when it was printed.

    ``created`` is the day the vault was made (printed so that an old sheet can be told from
    the current one)."""
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
    render_recovery_page(printer, code, created, today or SYSTEM_CLOCK.today())
    return True


def vault_created_on(context: Any) -> date | None:
    """The day the open vault was made (from its audit log), or None when unknown."""
    try:
        from app.store import audit

        events = audit.list_events(context.session.connection, event="vault.created", limit=1)
    except Exception:  # noqa: BLE001 - a missing date must never stop the printing
        return None
    return events[0].at.date() if events else None


def recovery_page_html(code: str, created: date | None, printed: date) -> str:
    """The recovery-code sheet as rich text: the code in large fixed-width groups, what it is
    for, where to keep it and the vault's creation date."""
    mono = html.escape(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family())
    groups = [html.escape(group) for group in code.split("-") if group]
    rows = []
    for start in range(0, len(groups), 4):
        cells = "".join(
            f'<td style="padding: 6px 14px; border: 1px solid #555;">{group}</td>'
            for group in groups[start : start + 4]
        )
        rows.append(f"<tr>{cells}</tr>")
    created_line = (
        _("Kluis aangemaakt op: {date}").format(date=format_date(created))
        if created is not None
        else ""
    )
    facts = [
        _("Afgedrukt op: {date}").format(date=format_date(printed)),
        _("Aantal tekens: {count} (in groepjes van vier)").format(
            count=sum(len(g) for g in groups)
        ),
    ]
    if created_line:
        facts.insert(0, created_line)
    keep = [
        _("Bewaar dit papier op een veilige, afgesloten plek, niet bij de laptop."),
        _("Maak er geen foto, scan of kopie van en typ de code niet in een ander programma."),
        _(
            "Maakt u in Instellingen een nieuwe herstelcode, dan werkt deze code niet meer: "
            "vernietig dit papier dan (versnipperen)."
        ),
    ]
    purpose = _(
        "Met deze code opent u de kluis van Vindplaats op deze laptop als u het wachtwoord "
        "vergeten bent. U kiest daarna een nieuw wachtwoord. Wie deze code heeft, kan alle "
        "gegevens in de kluis lezen."
    )
    typing = _(
        "Hoofdletters of kleine letters maakt niet uit; de streepjes hoeft u niet te typen. "
        "De letters O, I en L komen niet voor: dat zijn de cijfers 0, 1 en 1."
    )
    title = _("Herstelcode Vindplaats")
    where = _("Waar bewaart u dit papier?")
    table_style = f"font-family: '{mono}'; font-size: 26pt; font-weight: bold;"
    return (
        '<html><body style="font-size: 12pt;">'
        f'<h1 style="font-size: 24pt;">{html.escape(title)}</h1>'
        f"<p>{html.escape(purpose)}</p>"
        f'<table style="{table_style}" cellspacing="0" cellpadding="8" border="1">'
        f"{''.join(rows)}</table>"
        f"<p>{html.escape(typing)}</p>"
        f'<h2 style="font-size: 16pt;">{html.escape(where)}</h2>'
        "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in keep) + "</ul>"
        '<p style="font-size: 11pt;">'
        + "<br/>".join(html.escape(line) for line in facts)
        + "</p></body></html>"
    )


def render_recovery_page(printer: Any, code: str, created: date | None, today: date) -> None:
    """Lay the sheet out on ``printer``'s page (any resolution) and print it."""
    doc = QTextDocument()
    doc.setDefaultFont(QFont(QFont().family(), 12))
    doc.setHtml(recovery_page_html(code, created, today))
    page = printer.pageLayout().paintRect(QPageLayout.Unit.Point)
    # Lay out in points (72 per inch) and let the painter scale to the printer's resolution:
    # the text keeps its size on a 300 or 1200 dpi printer alike.
    doc.setPageSize(QSizeF(page.width(), page.height()))
    painter = QPainter(printer)
    try:
        scale = printer.resolution() / 72.0
        painter.scale(scale, scale)
        doc.drawContents(painter)
    finally:
        painter.end()
