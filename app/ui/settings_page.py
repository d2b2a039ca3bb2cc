"""Instellingen: auto-lock, language, passphrase and recovery code, plus area groups."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, isolate, ngettext
from app.preferences import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES
from app.ui.backup_panel import BackupPanel
from app.ui.context import AppContext
from app.ui.section import Section, import_factory
from app.ui.widgets import (
    MessageBanner,
    RecoveryCodeLabel,
    forget_secret,
    heading,
    plain_label,
    plural_suffix,
    secret_field,
)
from app.ui.worker import run_task

log = logging.getLogger(__name__)

LANGUAGES = (
    ("nl", "Nederlands"),
    ("en", "English"),
    ("tr", "Türkçe"),
    ("pl", "Polski"),
    ("ar", "العربية"),
)

# Groups that other parts of the app add to this page ("module:Class", built with context).
EXTRA_GROUPS = (
    "app.ui.signals.settings:SignalSettingsGroup",
    "app.ui.referral.settings:ReferralSettingsGroup",
    "app.ui.capture_guard:ScreenCaptureSettingsGroup",
    "app.ui.intake.retention:RetentionSettingsGroup",
)


class SettingsSection(Section):
    language_changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setSpacing(14)
        layout.addWidget(heading(_("Instellingen")))
        layout.addWidget(self._lock_group())
        layout.addWidget(self._language_group())
        layout.addWidget(self._vault_group())
        layout.addWidget(BackupPanel(context))
        self.groups: list[QWidget] = []
        for spec in EXTRA_GROUPS:
            group = _build_group(spec, context)
            if group is not None:
                layout.addWidget(group)
                self.groups.append(group)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def section_title(self) -> str:
        return _("Instellingen")

    # -- work in progress (auto-lock minutes and language are saved as they change) ----------
    def save_work(self) -> bool:
        ok = True
        for group in self.groups:
            save = getattr(group, "save_work", None)
            if save is not None:
                ok = save() and ok
        return ok

    def resume_state(self) -> dict | None:
        widget = self.window().focusWidget() if self.window() is not None else None
        if widget is None or not self.isAncestorOf(widget) or not widget.objectName():
            return None
        return {"field": widget.objectName()}

    def resume(self, point, message: str | None) -> None:
        widget = self.findChild(QWidget, point.field) if point.field else None
        if widget is not None:
            widget.setFocus()

    def _lock_group(self) -> QGroupBox:
        group = QGroupBox(_("Automatisch vergrendelen"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        plural_suffix(self.idle_minutes, lambda n: " " + ngettext("minuut", "minuten", n))
        self.idle_minutes.setValue(self.context.preferences.idle_minutes)
        self.idle_minutes.valueChanged.connect(self._idle_changed)
        form.addRow(_("Vergrendelen na &niet gebruiken:"), self.idle_minutes)
        form.addRow(
            plain_label(
                _(
                    "Na deze tijd zonder toetsenbord of muis vergrendelt Vindplaats zichzelf. "
                    "Langer dan {max} minuten kan niet."
                ).format(max=MAX_IDLE_MINUTES)
            )
        )
        return group

    def _idle_changed(self, value: int) -> None:
        self.context.preferences.idle_minutes = value
        self._save_preferences()

    def _language_group(self) -> QGroupBox:
        group = QGroupBox(_("Taal"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        current = self.context.preferences.language
        index = self.language.findData(current)
        self.language.setCurrentIndex(max(index, 0))
        self.language.currentIndexChanged.connect(self._language_chosen)
        form.addRow(_("&Taal van de schermen:"), self.language)
        return group

    def _language_chosen(self, index: int) -> None:
        code = self.language.itemData(index)
        if not code or code == self.context.preferences.language:
            return
        self.context.preferences.language = code
        if self.context.preferences_store is not None:
            self.context.preferences_store.language_chosen()
        self._save_preferences()
        self.language_changed.emit(code)

    def _vault_group(self) -> QGroupBox:
        group = QGroupBox(_("Kluis"))
        layout = QVBoxLayout(group)
        layout.addWidget(
            plain_label(
                _(
                    "De kluis staat in: {folder}. Kopieer deze bestanden niet zelf: maak "
                    "een reservekopie met «Reservekopie maken…» hieronder."
                ).format(folder=isolate(str(self.context.data_dir)))
            )
        )
        row = QHBoxLayout()
        change = QPushButton(_("&Wachtwoordzin wijzigen…"))
        change.setObjectName("changePassphraseButton")
        change.clicked.connect(self._change_passphrase)
        recovery = QPushButton(_("Nieuwe &herstelcode maken…"))
        recovery.setObjectName("newRecoveryButton")
        recovery.clicked.connect(self._new_recovery_code)
        row.addWidget(change)
        row.addWidget(recovery)
        row.addStretch(1)
        layout.addLayout(row)
        self.vault_message = MessageBanner()
        layout.addWidget(self.vault_message)
        return group

    def _change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.context, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.vault_message.show_info(
                _("De wachtwoordzin is gewijzigd. De oude werkt niet meer.")
            )

    def _new_recovery_code(self) -> None:
        dialog = NewRecoveryCodeDialog(self.context, self)
        dialog.exec()

    def _save_preferences(self) -> None:
        try:
            self.context.save_preferences()
        except OSError as error:
            self.vault_message.show_error(str(error))


def _build_group(spec: str, context: AppContext) -> QWidget | None:
    cls = import_factory(spec)
    return None if cls is None else cls(context)


def _vault_for(context: AppContext):
    if context.vault is not None:
        return context.vault
    from app.store.vault import Vault

    return Vault(context.data_dir, clock=context.clock)


class ChangePassphraseDialog(QDialog):
    """Change the passphrase; or, right after an unlock with the recovery code (``recovery_code``
    given), set a new one without the forgotten one (Vault.reset_passphrase)."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        recovery_code: str | None = None,
    ) -> None:
        super().__init__(parent)
        from app.ui.run import _policy

        self.context = context
        self._policy = _policy()
        self._recovery_code = recovery_code
        self.setWindowTitle(_("Wachtwoordzin wijzigen"))
        layout = QVBoxLayout(self)
        if recovery_code is not None:
            self.setWindowTitle(_("Nieuwe wachtwoordzin kiezen"))
            self.setObjectName("newPassphraseAfterRecovery")
            layout.addWidget(
                plain_label(
                    _(
                        "U opende Vindplaats met de herstelcode. Kies nu een nieuwe "
                        "wachtwoordzin, dan kunt u de volgende keer weer gewoon ontgrendelen. "
                        "De herstelcode blijft geldig."
                    )
                )
            )
        form = QFormLayout()
        self.old = secret_field()
        self.old.setObjectName("oldPassphrase")
        self.new = secret_field()
        self.new.setObjectName("newPassphrase")
        self.repeat = secret_field()
        self.repeat.setObjectName("repeatPassphrase")
        form.addRow(_("&Huidige wachtwoordzin:"), self.old)
        form.addRow(_("&Nieuwe wachtwoordzin:"), self.new)
        form.addRow(_("Nieuwe nog &een keer:"), self.repeat)
        if recovery_code is not None:
            form.setRowVisible(self.old, False)  # forgotten: the recovery code stands in
        layout.addLayout(form)
        self.advice = plain_label("")
        layout.addWidget(self.advice)
        self.message = MessageBanner()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if recovery_code is not None:
            later = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
            later.setText(_("&Later"))
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(self._forget_code)
        layout.addWidget(self.buttons)
        self.new.textChanged.connect(self._check)
        self.repeat.textChanged.connect(self._check)
        self._check()

    def _check(self) -> bool:
        text = self.new.text()
        ok, message, _score = self._policy(text) if text else (False, "", 0)
        if ok and text != self.repeat.text():
            ok, message = False, _("De twee nieuwe wachtwoordzinnen zijn niet gelijk.")
        self.advice.setText(message)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def _submit(self) -> None:
        if not self._check():
            return
        old, new = self.old.text(), self.new.text()
        self.setEnabled(False)
        self.message.show_info(_("Bezig…"))

        def failed(error: BaseException) -> None:
            self.setEnabled(True)
            self.message.show_error(str(error))

        code = self._recovery_code
        vault = _vault_for(self.context)
        if code is not None:
            work = lambda: vault.reset_passphrase(code, new)  # noqa: E731
        else:
            work = lambda: vault.change_passphrase(old, new)  # noqa: E731
        run_task(work, lambda _result: self.accept(), failed)

    def _forget_code(self, _result: int = 0) -> None:
        self._recovery_code = None


class NewRecoveryCodeDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Nieuwe herstelcode"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "U krijgt een nieuwe herstelcode. De oude code werkt daarna niet meer. "
                    "Typ uw wachtwoordzin om door te gaan."
                )
            )
        )
        self.passphrase = secret_field()
        self.passphrase.setObjectName("passphrase")
        layout.addWidget(self.passphrase)
        self.code = RecoveryCodeLabel()
        self.code.hide()
        layout.addWidget(self.code)
        self.print_button = QPushButton(_("&Afdrukken…"))
        self.print_button.setObjectName("printRecoveryCode")
        self.print_button.clicked.connect(self._print_code)
        self.print_button.hide()
        print_row = QHBoxLayout()
        print_row.addWidget(self.print_button)
        print_row.addStretch(1)
        layout.addLayout(print_row)
        self._code = ""
        self.message = MessageBanner()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._done = False

    def _submit(self) -> None:
        if self._done:
            self.accept()
            return
        passphrase = self.passphrase.text()
        self.setEnabled(False)

        def done(code: str) -> None:
            self.setEnabled(True)
            self._done = True
            forget_secret(self.passphrase)
            self.passphrase.hide()
            self._code = code
            self.code.show_code(code)
            self.print_button.show()
            self.message.show_info(
                _(
                    "Schrijf deze code op en bewaar die op een veilige plek. "
                    "U ziet hem maar één keer."
                )
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
            # The dialog was sized before the code was there; grow once the layout has settled.
            QTimer.singleShot(0, self, self.adjustSize)

        def failed(error: BaseException) -> None:
            self.setEnabled(True)
            self.message.show_error(str(error))

        run_task(lambda: _vault_for(self.context).new_recovery_code(passphrase), done, failed)

    def _print_code(self) -> None:
        from app.ui.printing import print_recovery_code, vault_created_on

        print_recovery_code(self, self._code, vault_created_on(self.context), self.context.today())
