"""The sheet the employee takes home: preview, print, full screen, save where they choose.

Printing comes first (the default button); saving is the last choice and goes only where the
employee points (the guarded writer ``UserFiles``). The sheet has no name and no case code, and
amounts only when the employee ticks that they want them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core.routes import Advice, RuleSet
from app.documents.employee_sheet import EmployeeSheet, build_sheet, sheet_html, write_sheet
from app.i18n import LANGUAGES, _
from app.ui.widgets import MessageBanner, plain_label

# Each language named in itself, so the employee can point at their own.
LANGUAGE_NAMES = {
    "nl": "Nederlands",
    "en": "English",
    "tr": "Türkçe",
    "pl": "Polski",
    "ar": "العربية",
}


class FullScreenSheet(QDialog):
    """The sheet in large letters over the whole screen; Esc or the button closes it."""

    def __init__(self, sheet: EmployeeSheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("employeeSheetFullScreen")
        self.setWindowTitle(sheet.title)
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        self.view.setObjectName("fullScreenText")
        self.view.setHtml(sheet_html(sheet, scale=1.7))
        if sheet.right_to_left:
            self.view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        layout.addWidget(self.view, 1)
        close = QPushButton(_("&Sluiten (Esc)"))
        close.setObjectName("closeFullScreen")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)


class EmployeeSheetDialog(QDialog):
    """Choose the employee's language and whether amounts are shown; then print or save."""

    def __init__(
        self,
        advice: Advice,
        rules: RuleSet,
        *,
        chosen_route: str | None,
        files_factory,
        language: str = "nl",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("employeeSheetDialog")
        self.setWindowTitle(_("Blad voor de werknemer"))
        self.advice = advice
        self.rules = rules
        self.chosen_route = chosen_route
        self._files_factory = files_factory
        self.written: Path | None = None
        self.full_screen: FullScreenSheet | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "Een blad om mee naar huis te nemen, in de taal van de werknemer: de routes, "
                    "hoe je ze bereikt, wat je meeneemt en wat de gemeente moet doen. Er staan "
                    "geen naam, geen gesprekscode en geen bedragen op."
                )
            )
        )
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setObjectName("sheetLanguage")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        index = self.language.findData(language)
        self.language.setCurrentIndex(max(index, 0))
        form.addRow(_("&Taal van de werknemer:"), self.language)
        self.amounts = QCheckBox(_("&Bedragen tonen (alleen als de werknemer dat wil)"))
        self.amounts.setObjectName("sheetAmounts")
        form.addRow(self.amounts)
        layout.addLayout(form)
        self.banner = MessageBanner()
        self.banner.setObjectName("sheetBanner")
        layout.addWidget(self.banner)
        self.preview = QTextBrowser()
        self.preview.setObjectName("sheetPreview")
        self.preview.setMinimumSize(520, 420)
        layout.addWidget(self.preview, 1)

        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(
            _("&Afdrukken…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button.setObjectName("sheetPrint")
        self.full_button = buttons.addButton(
            _("&Volledig scherm"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.full_button.setObjectName("sheetFullScreen")
        self.save_button = buttons.addButton(
            _("&Opslaan als PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("sheetSave")
        close = buttons.addButton(_("Sluiten"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setObjectName("sheetClose")
        # QDialogButtonBox would close the dialog on the accept role: printing keeps it open.
        self.print_button.clicked.disconnect()
        self.print_button.clicked.connect(self.print_sheet)
        self.full_button.clicked.connect(self.show_full_screen)
        self.save_button.clicked.connect(self.choose_file)
        close.clicked.connect(self.reject)
        self.print_button.setDefault(True)
        layout.addWidget(buttons)

        self.language.currentIndexChanged.connect(self.refresh)
        self.amounts.toggled.connect(self.refresh)
        self.refresh()

    def sheet(self) -> EmployeeSheet:
        return build_sheet(
            self.advice,
            self.rules,
            str(self.language.currentData()),
            chosen_route=self.chosen_route,
            with_amounts=self.amounts.isChecked(),
        )

    def refresh(self) -> None:
        sheet = self.sheet()
        self.preview.setHtml(sheet_html(sheet))
        rtl = sheet.right_to_left
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.preview.setLayoutDirection(direction)

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setHtml(sheet_html(self.sheet()))
        return doc

    def print_sheet(self) -> bool:
        """Ask for a printer and print the sheet (no file, no name suggested)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("")
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.print_to(printer)
        return True

    def print_to(self, printer) -> None:
        """Lay the sheet out on ``printer`` (a QPrinter chosen in the print dialog)."""
        self.document().print_(printer)
        self.banner.show_info(_("Het blad is naar de printer gestuurd."))

    def show_full_screen(self) -> FullScreenSheet:
        self.full_screen = FullScreenSheet(self.sheet(), self)
        self.full_screen.showFullScreen()
        return self.full_screen

    def choose_file(self) -> None:
        suggested = str(Path.home() / _("volgende-stap.pdf"))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Blad opslaan"), suggested, _("PDF-bestand (*.pdf)")
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Write the sheet as PDF where the employee chose; a refused place is said calmly."""
        from app.fileio import WriteError

        try:
            self.written = write_sheet(path, self.sheet(), files=self._files_factory())
        except WriteError as error:
            self.banner.show_error(str(error))
            return False
        self.banner.show_info(_("Het blad is opgeslagen: {name}").format(name=path.name))
        return True
