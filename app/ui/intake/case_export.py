"""Gesprekken → "Gegevens meegeven…": everything about one conversation for the employee.

The AVG gives the employee the right to see their data and to take it elsewhere. The document
is read on the GUI thread (the connection stays here); rendering and writing run in a worker.
The PDF is encrypted by default; the password is shown once and stored nowhere.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.fileio import WriteError
from app.i18n import _, isolate
from app.ui.context import AppContext
from app.ui.widgets import MessageBanner, heading, plain_label

if TYPE_CHECKING:
    from app.documents.case_export import CaseExportResult
    from app.ui.worker import Task

log = logging.getLogger(__name__)


class CaseExportDialog(QDialog):
    def __init__(self, context: AppContext, intake_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        from app.store.intakes import IntakeRepository
        from app.ui.referral.letter import default_folder

        self.setObjectName("caseExportDialog")
        self.context = context
        self.record = IntakeRepository(context.session.connection, clock=context.clock).load(
            intake_id
        )
        self.setWindowTitle(_("Gegevens meegeven"))  # no case code in a window title
        self._task: Task | None = None
        self.export_result: CaseExportResult | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(_("Gegevens van gesprek {code} meegeven").format(code=self.record.case_code))
        )
        layout.addWidget(
            plain_label(
                _(
                    "De medewerker heeft recht op alle gegevens die over dit gesprek zijn "
                    "bewaard: de antwoorden, het advies, de toestemmingen, de verwijzingen en "
                    "de herinneringen. U maakt een PDF om te lezen en een JSON-bestand om aan "
                    "een andere organisatie te geven."
                )
            )
        )
        folder_row = QHBoxLayout()
        folder_label = QLabel(_("Op&slaan in map:"))
        self.folder = QLineEdit(str(default_folder()))
        self.folder.setObjectName("exportFolderField")
        folder_label.setBuddy(self.folder)
        browse = QPushButton(_("&Bladeren…"))
        browse.clicked.connect(self._browse)
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        layout.addLayout(folder_row)

        self.want_pdf = QCheckBox(_("Een &PDF om te lezen"))
        self.want_pdf.setObjectName("exportPdfBox")
        self.want_pdf.setChecked(True)
        self.encrypt = QCheckBox(_("De PDF &versleutelen met een wachtwoord (AES-256)"))
        self.encrypt.setObjectName("exportEncryptBox")
        self.encrypt.setChecked(True)
        self.want_pdf.toggled.connect(self.encrypt.setEnabled)
        self.want_json = QCheckBox(_("Een &JSON-bestand om aan een andere organisatie te geven"))
        self.want_json.setObjectName("exportJsonBox")
        self.want_json.setChecked(True)
        for box in (self.want_pdf, self.encrypt, self.want_json):
            layout.addWidget(box)
        layout.addWidget(
            plain_label(
                _(
                    "Het JSON-bestand is niet versleuteld. Geef de bestanden de medewerker mee "
                    "(bijvoorbeeld op een eigen USB-stick) en verwijder ze daarna van deze "
                    "computer."
                )
            )
        )
        self.save_button = QPushButton(_("Gegevens &opslaan"))
        self.save_button.setObjectName("exportSaveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(_("&Sluiten"))
        close.setObjectName("exportCloseButton")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)

        self.banner = MessageBanner()
        self.banner.setObjectName("exportBanner")
        self.result_label = plain_label("")
        self.result_label.setObjectName("exportResult")
        self.result_label.hide()
        self.password = QLineEdit()
        self.password.setObjectName("exportPasswordField")
        self.password.setReadOnly(True)
        font = QFont("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.password.setFont(font)
        self.password.setAccessibleName(_("Wachtwoord van de PDF"))
        self.password.hide()
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(self.result_label)
        layout.addWidget(self.password, 0, Qt.AlignmentFlag.AlignLeading)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Map kiezen"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def paths(self, folder: Path) -> tuple[Path | None, Path | None]:
        from app.documents.case_export import default_stem

        stem = default_stem(self.record.case_code, self.context.today())
        pdf = folder / f"{stem}.pdf" if self.want_pdf.isChecked() else None
        data = folder / f"{stem}.json" if self.want_json.isChecked() else None
        return pdf, data

    def save(self) -> None:
        from app.documents.case_export import save_case_export
        from app.store.case_export import case_export_document
        from app.ui.worker import run_task

        text = self.folder.text().strip()
        folder = Path(text)
        if not text or not folder.is_dir():
            self.banner.show_error(_("Kies een bestaande map om de gegevens in op te slaan."))
            return
        pdf, data = self.paths(folder)
        if pdf is None and data is None:
            self.banner.show_error(_("Kies de PDF, het JSON-bestand of allebei."))
            return
        files = self.context.user_files()
        try:
            files.check(*(p for p in (pdf, data) if p is not None))
        except WriteError as error:
            self.banner.show_error(str(error))
            return
        rules = self.context.shipped.rules

        def route_name(route_id: str) -> str | None:
            route = rules.route(route_id) if rules is not None else None
            return route.name if route is not None else None

        document = case_export_document(
            self.context.session.connection,
            self.record.case_code,
            today=self.context.today(),
            terms=rules.settings.terms if rules is not None else None,
            route_name=route_name,
            clock=self.context.clock,
        )
        encrypt = self.encrypt.isChecked()
        self.save_button.setEnabled(False)
        self.banner.show_info(_("De gegevens worden opgeslagen…"))
        self._task = run_task(
            lambda: save_case_export(
                document, files=files, pdf_path=pdf, json_path=data, encrypt=encrypt
            ),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, result: Any) -> None:
        self._task = None
        self.export_result = result
        self.save_button.setEnabled(True)
        self.banner.show_info(_("De gegevens zijn opgeslagen."))
        lines = []
        if result.pdf_path is not None:
            lines.append(_("PDF: {path}").format(path=isolate(str(result.pdf_path))))
        if result.json_path is not None:
            lines.append(_("JSON: {path}").format(path=isolate(str(result.json_path))))
        if result.password:
            from app.ui.clipboard import secret_clipboard

            secret_clipboard().watch(result.password)
            lines.append(
                _(
                    "Wachtwoord van de PDF (alleen nu te zien, het wordt nergens bewaard). "
                    "Geef het de medewerker apart mee:"
                )
            )
            self.password.setText(result.password)
            self.password.show()
        elif result.pdf_path is not None:
            lines.append(_("Let op: de PDF is niet versleuteld."))
        self.result_label.setText("\n".join(lines))
        self.result_label.show()

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.save_button.setEnabled(True)
        if isinstance(error, WriteError):
            self.banner.show_error(str(error))
        else:
            log.error("case export failed: %s", type(error).__name__)
            self.banner.show_error(
                _("De gegevens konden niet worden opgeslagen. Probeer het opnieuw.")
            )

    def done(self, code: int) -> None:  # noqa: D102 - forget the password when closing
        self.password.clear()
        super().done(code)
