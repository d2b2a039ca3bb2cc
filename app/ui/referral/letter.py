"""Making the letter: choose a folder and encryption, render off the GUI thread, show the result.

Used by the consent flow (first letter) and by the Verwijzingen section (make it again while the
consent is valid). The worker gets plain objects only, never the database connection; the
vault is written on the GUI thread when the files are safely on disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.consent import ConsentError, ConsentRecord
from app.core.intake import Intake
from app.core.referral.view import AdvisorProfile, ContactDetails, Recipient, Urgency
from app.core.route_settings import RouteSettings
from app.fileio import UserFiles, WriteError
from app.i18n import _, isolate
from app.shipped import ShippedData
from app.ui.widgets import MessageBanner, plain_label

if TYPE_CHECKING:
    from app.preferences import Preferences
    from app.ui.worker import Task

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LetterJob:
    """Everything the worker needs; plain values, no connection."""

    intake: Intake
    consent: ConsentRecord
    advisor: AdvisorProfile
    recipient: Recipient
    today: date
    settings: RouteSettings  # from routes.yaml: the Wgs terms and the municipality code
    urgency: Urgency | None
    contact: ContactDetails | None
    employer_name: str
    encrypt: bool
    employee_sends: bool
    folder: Path
    shipped: ShippedData  # the consent texts and fonts (read-only, shared)

    @property
    def letter_path(self) -> Path:
        stem = f"verwijzing-{self.consent.case_code}-{self.recipient.route_id}-{self.today}"
        return self.folder / f"{stem}.pdf"

    @property
    def copy_path(self) -> Path:
        stem = f"verwijzing-{self.consent.case_code}-{self.today}-kopie-medewerker"
        return self.folder / f"{stem}.pdf"


@dataclass(frozen=True)
class LetterResult:
    letter_path: Path
    copy_path: Path
    password: str | None  # shown once on screen, never stored
    crisis: bool
    deadline: date | None


def run_letter_job(job: LetterJob, files: UserFiles) -> LetterResult:
    """Render and save both PDFs (worker thread). Raises ConsentError or WriteError."""
    from app.documents.referral_pdf import produce_referral

    documents = produce_referral(
        job.intake,
        job.consent,
        job.advisor,
        job.recipient,
        job.today,
        settings=job.settings,
        urgency=job.urgency,
        contact=job.contact,
        employer_name=job.employer_name,
        encrypt=job.encrypt,
        shipped=job.shipped,
    )
    documents.save(job.letter_path, job.copy_path, files=files)
    crisis = documents.letter.urgent is not None
    deadline_text = documents.letter.attachment.get("situation", {}).get("crisis") or {}
    deadline = deadline_text.get("deadline")
    return LetterResult(
        job.letter_path,
        job.copy_path,
        documents.password,
        crisis,
        date.fromisoformat(deadline) if deadline else None,
    )


def copy_unencrypted_text() -> str:
    """Said on screen when the letter and the copy were saved without a password."""
    return _(
        "Let op: de brief en de kopie zijn niet versleuteld en bevatten persoonsgegevens. "
        "De kopie is voor de medewerker om nu mee naar huis te nemen: print hem of geef hem "
        "mee, en verwijder het bestand daarna van deze computer."
    )


def default_folder(remembered: str = "") -> Path:
    """Where the folder choice starts: the folder of the last letter when it is still there,
    else Documents when that exists, else the home folder (always a folder that exists)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for candidate in (remembered, location):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path.home()


class LetterMaker(QWidget):
    """Options, the "make" button, progress, and the result (including the password, once)."""

    succeeded = Signal(object, object)  # LetterJob, LetterResult

    def __init__(
        self,
        build_job: Callable[[bool, bool, Path], LetterJob],
        parent: QWidget | None = None,
        *,
        files: UserFiles | None = None,
        preferences: Preferences | None = None,
        save_preferences: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterMaker")
        # The last folder is remembered in the preferences (a folder name, no personal data).
        self._preferences = preferences
        self._save_preferences = save_preferences
        self._build_job = build_job
        self._files = files or UserFiles()  # never beside a vault, even without a data folder
        self._task: Task | None = None
        layout = QVBoxLayout(self)

        folder_row = QHBoxLayout()
        folder_label = QLabel(_("Op&slaan in map:"))
        remembered = preferences.letter_folder if preferences is not None else ""
        self.folder = QLineEdit(str(default_folder(remembered)))
        self.folder.setObjectName("folderField")
        folder_label.setBuddy(self.folder)
        browse = QPushButton(_("&Bladeren…"))
        browse.clicked.connect(self._browse)
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        layout.addLayout(folder_row)

        self.encrypt = QCheckBox(
            _("Brief en kopie voor de medewerker &versleutelen met een wachtwoord (AES-256)")
        )
        self.encrypt.setObjectName("encryptBox")
        self.encrypt.setChecked(True)
        layout.addWidget(self.encrypt)
        layout.addWidget(
            plain_label(
                _(
                    "Het wachtwoord verschijnt één keer. Geef het apart door aan de ontvanger, "
                    "bijvoorbeeld telefonisch, nooit in dezelfde mail als de brief. Hetzelfde "
                    "wachtwoord opent de kopie voor de medewerker."
                )
            )
        )
        self.employee_sends = QCheckBox(_("De &medewerker verstuurt de brief zelf"))
        self.employee_sends.setObjectName("employeeSendsBox")
        layout.addWidget(self.employee_sends)

        self.make_button = QPushButton(_("Brief &maken"))
        self.make_button.setObjectName("makeLetterButton")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        layout.addWidget(self.make_button)

        self.banner = MessageBanner()
        self.banner.setObjectName("letterBanner")
        layout.addWidget(self.banner)

        self.result_label = plain_label("")
        self.result_label.setObjectName("letterResult")
        self.result_label.hide()
        layout.addWidget(self.result_label)
        self.password = QLineEdit()
        self.password.setObjectName("passwordField")
        self.password.setReadOnly(True)
        font = QFont("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.password.setFont(font)
        self.password.setAccessibleName(_("Wachtwoord van de brief"))
        self.password.hide()
        layout.addWidget(self.password)
        self.open_folder = QPushButton(_("Map &openen"))
        self.open_folder.setObjectName("openFolderButton")
        self.open_folder.clicked.connect(self._open_folder)
        self.open_folder.hide()
        layout.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addStretch(1)
        self.result: LetterResult | None = None

    def _browse(self) -> None:
        start = self.folder.text().strip()
        if not start or not Path(start).is_dir():
            start = str(
                default_folder(self._preferences.letter_folder if self._preferences else "")
            )
        chosen = QFileDialog.getExistingDirectory(self, _("Map kiezen"), start)
        if chosen:
            self.folder.setText(chosen)

    def make(self) -> None:
        from app.ui.worker import run_task

        folder = Path(self.folder.text().strip())
        if not self.folder.text().strip() or not folder.is_dir():
            self.banner.show_error(_("Kies een bestaande map om de brief in op te slaan."))
            return
        try:
            job = self._build_job(self.encrypt.isChecked(), self.employee_sends.isChecked(), folder)
            self._files.check(job.letter_path, job.copy_path)
        except (ConsentError, WriteError) as error:
            self.banner.show_error(str(error))
            return
        files = self._files
        self.make_button.setEnabled(False)
        self.banner.show_info(_("De brief wordt gemaakt…"))
        self._task = run_task(
            lambda: run_letter_job(job, files),
            on_done=lambda result: self._done(job, result),
            on_error=self._failed,
        )

    def _done(self, job: LetterJob, result: LetterResult) -> None:
        self._task = None
        self.result = result
        self._remember_folder(job.folder)
        self.banner.show_info(_("De brief is opgeslagen."))
        lines = [
            _("Brief: {path}").format(path=isolate(str(result.letter_path))),
            _("Kopie voor de medewerker: {path}").format(path=isolate(str(result.copy_path))),
        ]
        if not result.password:
            lines.append(copy_unencrypted_text())
        self.result_label.setText("\n".join(lines))
        self.result_label.show()
        self.open_folder.show()
        if result.password:
            from app.ui.clipboard import secret_clipboard

            secret_clipboard().watch(result.password)  # a copy is cleared after 30 s
            self.password.setText(result.password)
            self.password.show()
            self.result_label.setText(
                "\n".join(
                    [
                        *lines,
                        _(
                            "De kopie voor de medewerker opent met hetzelfde wachtwoord. Geef "
                            "het de medewerker nu mee, los van de kopie."
                        ),
                        _(
                            "Wachtwoord (alleen nu te zien, het wordt nergens bewaard). "
                            "Schrijf het niet op de brief:"
                        ),
                    ]
                )
            )
        self.succeeded.emit(job, result)

    def _remember_folder(self, folder: Path) -> None:
        if self._preferences is None:
            return
        self._preferences.letter_folder = str(folder.resolve())
        if self._save_preferences is not None:
            try:
                self._save_preferences()
            except OSError:
                log.warning("could not save the letter folder in the preferences")

    def _failed(self, error: BaseException) -> None:
        self._task = None
        self.make_button.setEnabled(True)
        if isinstance(error, ConsentError | WriteError):
            self.banner.show_error(str(error))
        else:
            log.error("referral letter failed: %s", type(error).__name__)
            self.banner.show_error(
                _("De brief kon niet worden gemaakt. Er is niets opgeslagen. Probeer het opnieuw.")
            )

    def _open_folder(self) -> None:
        """Show the saved files, so the advisor or the employee can print or send them."""
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.letter_path.parent)))

    def forget_password(self) -> None:
        self.password.clear()
        self.password.hide()

    def is_busy(self) -> bool:
        return self._task is not None
