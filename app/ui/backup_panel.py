"""Instellingen → Reservekopie, and the reminder on the Start page.

Making a backup runs in a worker (``app.ui.worker``) with its own connection, shows progress
and can be cancelled (the partial file is removed). Restoring asks which file, confirms what
will be replaced, checks the backup's passphrase or recovery code, then locks the vault (no
connection stays open) and restores while the lock screen waits; the result is shown there.

Where the dialogs come from is an attribute (``choose_folder``, ``choose_file``, ``confirm``,
``ask_secret``), so tests can answer them without a modal dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypedDict

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.clock import SYSTEM_CLOCK, Clock
from app.i18n import _, isolate, ngettext
from app.i18n.formatting import format_datetime
from app.store import backup
from app.store.errors import VaultError
from app.store.layout import vault_exists
from app.ui.context import AppContext
from app.ui.widgets import MessageBanner, plain_label, plural_suffix, secret_field
from app.ui.worker import Task, TaskCancelled, run_task

log = logging.getLogger(__name__)

FILE_FILTER_PATTERN = f"*{backup.SUFFIX}"


def _when(moment: datetime) -> str:
    """Local wall-clock time, as the advisor read it on the laptop's clock."""
    return format_datetime(moment.astimezone().replace(tzinfo=None))


def _alive(widget: QWidget) -> bool:
    from shiboken6 import isValid

    return isValid(widget)


def _message_for(error: BaseException) -> str:
    if isinstance(error, VaultError):
        return str(error)
    log.error("backup or restore failed: %s", type(error).__name__)
    return _("Er ging iets mis met de reservekopie. Er is niets veranderd.")


class BackupSecretDialog(QDialog):
    """Asks the passphrase or recovery code that opened the vault when the backup was made."""

    def __init__(self, made_at: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Reservekopie terugzetten"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "Typ de wachtwoordzin die gold toen de reservekopie van {when} werd "
                    "gemaakt, of de herstelcode van toen."
                ).format(when=made_at)
            )
        )
        self.secret = secret_field()
        self.secret.setObjectName("backupSecret")
        layout.addWidget(self.secret)
        self.recovery = QCheckBox(_("Ik gebruik de &herstelcode"))
        self.recovery.setObjectName("backupUseRecovery")
        layout.addWidget(self.recovery)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class BackupPanel(QGroupBox):
    """The "Reservekopie" group in Instellingen."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(_("Reservekopie"), parent)
        self.setObjectName("backupPanel")
        self.context = context
        self.clock = clock or context.clock
        self.now = self.clock.now
        self.task: Task | None = None
        self.last_result: backup.BackupResult | None = None
        # Dialogs, replaceable in tests.
        self.choose_folder: Callable[[], str | None] = self._choose_folder
        self.restore_flow = restore_flow_for(
            self,
            context.data_dir,
            context.vault,
            clock=self.clock,
            show_info=self._show_info,
            show_error=self._show_error,
            set_busy=self._restore_busy,
            lock=self._lock_window,
        )

        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "Een reservekopie is één versleuteld bestand met alles uit de kluis. Bewaar "
                    "hem op een USB-stick of een andere schijf, niet op deze laptop alleen. Hij "
                    "opent met dezelfde wachtwoordzin of herstelcode als de kluis nu."
                )
            )
        )
        self.last_line = plain_label("")
        self.last_line.setObjectName("backupLastLine")
        layout.addWidget(self.last_line)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.reminder_days = QSpinBox()
        self.reminder_days.setObjectName("backupReminderDays")
        self.reminder_days.setRange(backup.MIN_REMINDER_DAYS, backup.MAX_REMINDER_DAYS)
        plural_suffix(self.reminder_days, lambda n: " " + ngettext("dag", "dagen", n))
        form.addRow(_("Herinneren op de startpagina &na:"), self.reminder_days)
        layout.addLayout(form)

        row = QHBoxLayout()
        self.make_button = QPushButton(_("Reservekopie &maken…"))
        self.make_button.setObjectName("makeBackupButton")
        self.make_button.clicked.connect(self.make_backup)
        self.restore_button = QPushButton(_("Reservekopie &terugzetten…"))
        self.restore_button.setObjectName("restoreBackupButton")
        self.restore_button.clicked.connect(self.restore_backup)
        self.cancel_button = QPushButton(_("Afbreken"))
        self.cancel_button.setObjectName("cancelBackupButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        row.addWidget(self.make_button)
        row.addWidget(self.restore_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("backupProgress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = MessageBanner()
        self.message.setObjectName("backupMessage")
        layout.addWidget(self.message)

        if context.demo:
            for button in (self.make_button, self.restore_button):
                button.setEnabled(False)
            self.message.show_info(
                _("In de trainingsmodus maakt u geen reservekopie: niets wordt bewaard.")
            )
        self._load()
        self.reminder_days.valueChanged.connect(self._days_changed)

    # -- state --------------------------------------------------------------------------------
    def _load(self) -> None:
        connection = self.context.session.connection
        self.reminder_days.setValue(backup.reminder_days(connection))
        self.last_line.setText(last_backup_text(backup.last_backup(connection)))

    def _days_changed(self, days: int) -> None:
        try:
            backup.set_reminder_days(self.context.session.connection, days)
        except (VaultError, ValueError) as error:
            self.message.show_error(str(error))

    def _show_info(self, text: str) -> None:
        self.message.show_info(text)

    def _show_error(self, text: str) -> None:
        self.message.show_error(text)

    def _restore_busy(self, busy: bool) -> None:
        self._busy(busy)
        self.cancel_button.hide()

    def _lock_window(self) -> None:
        lock = getattr(self.window(), "lock", None)
        if lock is not None:
            lock()
        else:
            self.context.session.close()

    def _busy(self, busy: bool) -> None:
        self.make_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    # -- make ---------------------------------------------------------------------------------
    def _choose_folder(self) -> str | None:
        start = ""
        last = backup.last_backup(self.context.session.connection)
        if last is not None and Path(last.folder).is_dir():
            start = last.folder
        folder = QFileDialog.getExistingDirectory(
            self, _("Map of USB-stick voor de reservekopie"), start
        )
        return folder or None

    def make_backup(self) -> None:
        folder = self.choose_folder()
        if not folder:
            return
        target = Path(folder) / backup.default_backup_name(self.now())
        session = self.context.session
        clock = self.clock
        self.message.show_info(_("Bezig met de reservekopie…"))
        self._busy(True)

        def work(progress):
            return backup.make_backup(session, target, clock=clock, progress=progress)

        def done(result: backup.BackupResult) -> None:
            if not _alive(self):
                return
            self.task = None
            self._busy(False)
            self.last_result = result
            self.message.show_info(
                _("De reservekopie is gemaakt en gecontroleerd: {path}, {when}.").format(
                    path=isolate(str(result.path)), when=_when(result.created_at)
                )
            )
            self._load()

        def failed(error: BaseException) -> None:
            if not _alive(self):
                return
            self.task = None
            self._busy(False)
            if isinstance(error, TaskCancelled):
                self.message.show_info(
                    _("De reservekopie is afgebroken. Er is geen half bestand achtergebleven.")
                )
            else:
                self.message.show_error(_message_for(error))

        def progressed(done_steps: int, total: int) -> None:
            if _alive(self):
                self.progress.setValue(int(100 * done_steps / max(total, 1)))

        self.task = run_task(work, done, failed, progressed)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.message.show_info(_("Bezig met afbreken…"))

    # -- restore ------------------------------------------------------------------------------
    def restore_backup(self) -> None:
        self.restore_flow.run()


class _Secret(TypedDict, total=False):
    """The one secret of the backup's vault, as keyword arguments for app.store.backup."""

    passphrase: str
    recovery_code: str


class RestoreFlow(QObject):
    """Choose a backup, confirm, ask its secret, lock, restore; shared by Instellingen and the
    lock screen. ``show_info``/``show_error``/``set_busy`` report where the flow started;
    the result of the restore itself is shown on the window's lock screen.

    ``choose_file``, ``confirm`` and ``ask_secret`` are the dialogs (replaceable in tests).
    """

    def __init__(
        self,
        owner: QWidget,
        data_dir: Path,
        *,
        minimum_kdf,
        clock: Clock,
        show_info: Callable[[str], None],
        show_error: Callable[[str], None],
        set_busy: Callable[[bool], None],
        lock: Callable[[], None] | None = None,
        on_restored: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(owner)
        # Set: the restore reports where the flow started and then calls this with the
        # result line (first run). Unset: the restore reports on the window's lock screen.
        self.on_restored = on_restored
        self.owner = owner
        self.data_dir = Path(data_dir)
        self.minimum_kdf = minimum_kdf
        self.clock = clock  # stamps the restore's audit entry and the folder set aside
        self.show_info = show_info
        self.show_error = show_error
        self.set_busy = set_busy
        self.lock = lock
        self.task: Task | None = None
        self.choose_file: Callable[[], str | None] = self._choose_file
        self.confirm: Callable[[str], bool] = self._confirm
        self.ask_secret: Callable[[str], tuple[str, bool] | None] = self._ask_secret

    def _choose_file(self) -> str | None:
        name, _filter = QFileDialog.getOpenFileName(
            self.owner,
            _("Reservekopie kiezen"),
            "",
            _("Reservekopie van Vindplaats ({pattern});;Alle bestanden (*)").format(
                pattern=FILE_FILTER_PATTERN
            ),
        )
        return name or None

    def _confirm(self, text: str) -> bool:
        box = QMessageBox(self.owner)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Reservekopie terugzetten"))
        box.setText(text)
        box.setTextFormat(Qt.TextFormat.PlainText)
        yes = box.addButton(_("&Terugzetten"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def _ask_secret(self, made_at: str) -> tuple[str, bool] | None:
        dialog = BackupSecretDialog(made_at, self.owner)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.secret.text(), dialog.recovery.isChecked()

    def _alive(self) -> bool:
        return _alive(self.owner)

    def _failed(self, error: BaseException) -> None:
        if self._alive():
            self.set_busy(False)
            self.show_error(_message_for(error))

    def run(self) -> None:
        chosen = self.choose_file()
        if not chosen:
            return
        path = Path(chosen)
        self.set_busy(True)
        self.show_info(_("Bezig met het controleren van de reservekopie…"))

        def read(contents: backup.BackupContents) -> None:
            if self._alive():
                self.set_busy(False)
                self._confirmed(path, contents)

        run_task(lambda: backup.read_backup(path), read, self._failed)

    def confirmation_text(self, contents: backup.BackupContents) -> str:
        made_at = _when(contents.manifest.created_at)
        folder = isolate(str(self.data_dir))
        if not vault_exists(self.data_dir):
            return _("De reservekopie van {when} wordt teruggezet in {folder}.").format(
                when=made_at, folder=folder
            )
        text = _(
            "De kluis in {folder} wordt vervangen door de reservekopie van {when}. Wat u "
            "daarna hebt vastgelegd, gaat verloren. Vindplaats vergrendelt eerst; de huidige "
            "kluis blijft bewaard tot de teruggezette kluis goed opent, en wordt daarna "
            "verwijderd."
        ).format(folder=folder, when=made_at)
        if backup.same_vault(contents, self.data_dir) is False:
            text += " " + _("Let op: deze reservekopie is van een andere kluis.")
        return text

    def _confirmed(self, path: Path, contents: backup.BackupContents) -> None:
        if not self.confirm(self.confirmation_text(contents)):
            self.show_info(_("Er is niets teruggezet."))
            return
        answer = self.ask_secret(_when(contents.manifest.created_at))
        if answer is None:
            self.show_info(_("Er is niets teruggezet."))
            return
        secret, recovery = answer
        secrets: _Secret = {"recovery_code": secret} if recovery else {"passphrase": secret}
        self.set_busy(True)
        self.show_info(_("Bezig met het controleren van de wachtwoordzin…"))

        def checked(_result: object) -> None:
            if self._alive():
                self.set_busy(False)
                self._restore(path, contents, secrets)

        run_task(lambda: backup.check_backup_secret(contents, **secrets), checked, self._failed)

    def _restore(self, path: Path, contents: backup.BackupContents, secrets: _Secret) -> None:
        """Lock (closes every connection), restore, report on the lock screen.

        Everything used after locking belongs to the window, not to a section: locking
        deletes the sections.
        """
        window = self.owner.window()
        if self.on_restored is not None:
            self._restore_here(path, contents, secrets)
            return
        if self.lock is not None:
            self.lock()
        lock_screen = getattr(window, "lock_screen", None)
        if lock_screen is not None:
            lock_screen.set_busy(True)
            lock_screen.message.show_info(_("Bezig met het terugzetten van de reservekopie…"))
        data_dir, minimum, clock = self.data_dir, self.minimum_kdf, self.clock
        made_at = _when(contents.manifest.created_at)

        def work():
            return backup.restore_backup(
                path, data_dir, replace=True, minimum_kdf=minimum, clock=clock, **secrets
            )

        def done(_result: backup.RestoreResult) -> None:
            screen = getattr(window, "lock_screen", None)
            if screen is not None and _alive(screen):
                screen.set_busy(False)
                screen.message.show_info(restored_text(made_at))
            finished = getattr(window, "restore_finished", None)
            if finished is not None:
                finished()

        def failed(error: BaseException) -> None:
            screen = getattr(window, "lock_screen", None)
            if screen is not None and _alive(screen):
                screen.show_error(_message_for(error))

        self.task = run_task(work, done, failed)

    def _restore_here(self, path: Path, contents: backup.BackupContents, secrets: _Secret) -> None:
        data_dir, minimum, clock = self.data_dir, self.minimum_kdf, self.clock
        made_at = _when(contents.manifest.created_at)
        self.set_busy(True)
        self.show_info(_("Bezig met het terugzetten van de reservekopie…"))

        def done(_result: backup.RestoreResult) -> None:
            if self._alive() and self.on_restored is not None:
                self.set_busy(False)
                self.on_restored(restored_text(made_at))

        self.task = run_task(
            lambda: backup.restore_backup(
                path, data_dir, replace=True, minimum_kdf=minimum, clock=clock, **secrets
            ),
            done,
            self._failed,
        )


def restored_text(made_at: str) -> str:
    return _(
        "De reservekopie van {when} is teruggezet en gecontroleerd. Open de kluis met de "
        "wachtwoordzin of herstelcode van die reservekopie."
    ).format(when=made_at)


def first_run_restore_flow(view) -> RestoreFlow:
    """ "Reservekopie terugzetten…" on the welcome page: a new laptop gets its vault back."""
    window = view.window()

    def restored(text: str) -> None:
        view.completed.emit()  # the shell leaves the first run for the lock screen
        lock_screen = getattr(window, "lock_screen", None)
        if lock_screen is not None:
            lock_screen.message.show_info(text)

    return restore_flow_for(
        view,
        Path(getattr(window, "data_dir", "")),
        getattr(window, "vault", None),
        clock=getattr(window, "clock", None),
        show_info=view.welcome_message.show_info,
        show_error=view.welcome_message.show_error,
        set_busy=view.set_restore_busy,
        on_restored=restored,
    )


def restore_flow_for(
    owner: QWidget, data_dir: Path, vault, *, clock: Clock | None = None, **reporting
) -> RestoreFlow:
    minimum = getattr(vault, "kdf", None) or backup.keyslots.PRODUCTION_MINIMUM
    # The start-up clock: given, or the one the window's vault was built with.
    clock = clock or getattr(vault, "clock", None) or SYSTEM_CLOCK
    return RestoreFlow(owner, data_dir, minimum_kdf=minimum, clock=clock, **reporting)


def lock_screen_restore_flow(lock_screen) -> RestoreFlow:
    """The flow behind "Reservekopie terugzetten…" on the lock screen (already locked)."""
    window = lock_screen.window()

    def busy(on: bool) -> None:
        lock_screen.set_busy(on)

    return restore_flow_for(
        lock_screen,
        Path(getattr(window, "data_dir", "")),
        getattr(window, "vault", None),
        clock=getattr(window, "clock", None),
        show_info=lock_screen.message.show_info,
        show_error=lock_screen.show_error,
        set_busy=busy,
    )


def last_backup_text(last: backup.LastBackup | None) -> str:
    if last is None:
        return _("Er is nog geen reservekopie gemaakt.")
    return _("Laatste gecontroleerde reservekopie: {when}, in {folder}.").format(
        when=_when(last.at), folder=isolate(last.folder)
    )


class BackupReminder(MessageBanner):
    """On the Start page: when and where the last verified backup was made, and a reminder
    when it is older than the chosen number of days (or there is none)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupReminder")
        self.context = context
        self.refresh()

    def refresh(self) -> None:
        if self.context.demo:
            self.clear_message()
            return
        try:
            connection = self.context.session.connection
            last = backup.last_backup(connection)
            days = backup.reminder_days(connection)
        except VaultError:
            self.clear_message()
            return
        today = self.context.today()
        if not backup.backup_overdue(last, today, days):
            self.show_info(last_backup_text(last))
            return
        if last is None:
            self.show_error(
                _(
                    "Er is nog geen reservekopie van de kluis. Maak er een via Instellingen → "
                    "Reservekopie, bij voorkeur op een USB-stick."
                )
            )
            return
        age = (today - last.at.astimezone().date()).days
        self.show_error(
            ngettext(
                "De laatste reservekopie is {days} dag oud ({when}, in {folder}). Maak een "
                "nieuwe via Instellingen → Reservekopie.",
                "De laatste reservekopie is {days} dagen oud ({when}, in {folder}). Maak een "
                "nieuwe via Instellingen → Reservekopie.",
                age,
            ).format(days=age, when=_when(last.at), folder=isolate(last.folder))
        )
