"""The lock screen: a passphrase (or the recovery code) opens the vault."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.widgets import MessageBanner, forget_secret, heading, plain_label, secret_field

if TYPE_CHECKING:
    from app.ui.backup_panel import RestoreFlow


class LockScreen(QWidget):
    unlock_requested = Signal(str, bool)  # secret, is_recovery_code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._recovery = False

        self.title = heading(_("Vindplaats is vergrendeld"))
        self.explanation = plain_label("")
        self.secret = secret_field()
        self.secret.setObjectName("secretField")
        # room for a whole recovery code (eight groups of four), so it can be checked as typed
        self.secret.setMinimumWidth(self.secret.fontMetrics().horizontalAdvance("WWWW-" * 8) + 16)
        self.secret.returnPressed.connect(self._submit)
        self.message = MessageBanner()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()

        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        self.mode_button = QPushButton()
        self.mode_button.setFlat(True)
        self.mode_button.setObjectName("recoveryModeButton")
        self.mode_button.clicked.connect(self._toggle_mode)

        box = QWidget()
        box.setMaximumWidth(max(520, self.secret.minimumWidth() + 24))
        inner = QVBoxLayout(box)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.explanation)
        inner.addWidget(self.secret)
        inner.addWidget(self.busy)
        inner.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner.addLayout(buttons)
        # On its own row: long translations (and the pseudo-locale) must not clip it.
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.mode_button)
        mode_row.addStretch(1)  # at the leading edge: left, or right in Arabic
        inner.addLayout(mode_row)
        # A damaged vault cannot be opened to reach Instellingen: restore from here too.
        self.restore_button = QPushButton(_("Reservekopie terug&zetten…"))
        self.restore_button.setFlat(True)
        self.restore_button.setObjectName("restoreFromLockButton")
        self.restore_button.clicked.connect(self.start_restore)
        restore_row = QHBoxLayout()
        restore_row.addWidget(self.restore_button)
        restore_row.addStretch(1)
        inner.addLayout(restore_row)
        self._restore_flow: RestoreFlow | None = None

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self._apply_mode()

    def _apply_mode(self) -> None:
        if self._recovery:
            self.explanation.setText(
                _(
                    "Typ de herstelcode die u bij het instellen hebt opgeschreven. "
                    "Streepjes en spaties mogen, hoofdletters maken niet uit."
                )
            )
            self.secret.setPlaceholderText(_("Herstelcode"))
            self.secret.setEchoMode(self.secret.EchoMode.Normal)
            self.mode_button.setText(_("&Terug naar wachtwoordzin"))
        else:
            self.explanation.setText(
                _("Typ uw wachtwoordzin om verder te werken. Alleen u kent deze.")
            )
            self.secret.setPlaceholderText(_("Wachtwoordzin"))
            self.secret.setEchoMode(self.secret.EchoMode.Password)
            self.mode_button.setText(_("Wachtwoordzin &vergeten? Gebruik de herstelcode"))
        self.unlock_button.setText(_("&Ontgrendelen"))
        self.secret.setAccessibleName(self.secret.placeholderText())

    def _toggle_mode(self) -> None:
        self._recovery = not self._recovery
        forget_secret(self.secret)
        self.message.clear_message()
        self._apply_mode()
        self.secret.setFocus()

    def _submit(self) -> None:
        if self.busy.isVisible():
            return
        secret = self.secret.text()
        if not secret.strip():
            self.message.show_error(
                _("Typ eerst de herstelcode.")
                if self._recovery
                else _("Typ eerst uw wachtwoordzin.")
            )
            return
        self.set_busy(True)
        # The field lets go of the secret at once (its undo history too): while the vault is
        # opened, and after a wrong one, it is not kept on screen; the user types it again.
        forget_secret(self.secret)
        self.unlock_requested.emit(secret, self._recovery)
        del secret

    def restore_flow(self):
        """The "Reservekopie terugzetten…" flow (app.ui.backup_panel), made on first use."""
        if self._restore_flow is None:
            from app.ui.backup_panel import lock_screen_restore_flow

            self._restore_flow = lock_screen_restore_flow(self)
        return self._restore_flow

    def start_restore(self) -> None:
        self.restore_flow().run()

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.secret.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.mode_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)
        if busy:
            self.message.show_info(_("Bezig met openen…"))

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.message.show_error(text)
        forget_secret(self.secret)
        self.secret.setFocus()

    def reset(self) -> None:
        self.set_busy(False)
        forget_secret(self.secret)
        self.message.clear_message()
        if self._recovery:
            self._toggle_mode()
        self.secret.setFocus()
