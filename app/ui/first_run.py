"""First run: choose a passphrase, create the vault, write down the recovery code."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui.widgets import (
    MessageBanner,
    RecoveryCodeLabel,
    forget_secret,
    heading,
    plain_label,
    secret_field,
    wrapping_check_box,
)

if TYPE_CHECKING:
    from app.ui.backup_panel import RestoreFlow

PolicyCheck = Callable[[str], tuple[bool, str]]


class StrengthMeter(QProgressBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 4)
        self.setTextVisible(False)
        self.setMaximumHeight(8)
        self.setAccessibleName(_("Sterkte van de wachtwoordzin"))

    def set_score(self, score: int) -> None:
        self.setValue(max(0, min(4, score)))
        color = ["#c0392b", "#d35400", "#b7950b", "#1e8449", "#196f3d"][self.value()]
        self.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")


class FirstRunView(QWidget):
    """Three calm steps. Emits ``create_requested(passphrase)``; the shell creates the vault
    off the GUI thread and calls :meth:`show_recovery_code` or :meth:`show_error`."""

    create_requested = Signal(str)
    completed = Signal()

    def __init__(
        self, policy: Callable[[str], tuple[bool, str, int]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self._policy = policy
        self.pages = QStackedWidget()
        self.pages.addWidget(self._welcome_page())
        self.pages.addWidget(self._passphrase_page())
        self.pages.addWidget(self._recovery_page())
        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addStretch(1)
        self.pages.setMaximumWidth(640)
        row.addWidget(self.pages, 4)
        row.addStretch(1)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    # -- step 1 ------------------------------------------------------------------------------
    def _welcome_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(12)
        layout.addWidget(heading(_("Welkom bij Vindplaats")))
        layout.addWidget(
            plain_label(
                _(
                    "Vindplaats bewaart gesprekken, signalen en verwijzingen in een versleutelde "
                    "kluis op deze laptop. Alleen u kunt die kluis openen, met een "
                    "wachtwoordzin die u zo kiest. Uw werkgever en de IT-afdeling kunnen er "
                    "niet in kijken."
                )
            )
        )
        layout.addWidget(
            plain_label(
                _(
                    "U krijgt ook een herstelcode. Daarmee komt u weer binnen als u de "
                    "wachtwoordzin vergeet. Houd pen en papier of een printer bij de hand."
                )
            )
        )
        start = QPushButton(_("&Beginnen"))
        start.setObjectName("startButton")
        start.setDefault(True)
        start.clicked.connect(lambda: self._go(1))
        # A new laptop: bring back the vault from a backup instead of starting empty.
        self.restore_button = QPushButton(_("Reservekopie &terugzetten…"))
        self.restore_button.setObjectName("firstRunRestoreButton")
        self.restore_button.clicked.connect(self.start_restore)
        self.start_button = start
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(start)
        layout.addLayout(buttons)
        self.welcome_message = MessageBanner()
        layout.addWidget(self.welcome_message)
        self._restore_flow: RestoreFlow | None = None
        return page

    def restore_flow(self):
        """The restore flow of the welcome page (app.ui.backup_panel), made on first use."""
        if self._restore_flow is None:
            from app.ui.backup_panel import first_run_restore_flow

            self._restore_flow = first_run_restore_flow(self)
        return self._restore_flow

    def start_restore(self) -> None:
        self.restore_flow().run()

    def set_restore_busy(self, busy: bool) -> None:
        self.restore_button.setEnabled(not busy)
        self.start_button.setEnabled(not busy)

    # -- step 2 ------------------------------------------------------------------------------
    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(10)
        layout.addWidget(heading(_("Kies een wachtwoordzin"), level=2))
        layout.addWidget(
            plain_label(
                _(
                    "Een wachtwoordzin is een paar gewone woorden achter elkaar, bijvoorbeeld "
                    "een zin die alleen u bedenkt. Lang is beter dan ingewikkeld."
                )
            )
        )
        form = QFormLayout()
        self.passphrase = secret_field()
        self.passphrase.setObjectName("newPassphrase")
        self.repeat = secret_field()
        self.repeat.setObjectName("repeatPassphrase")
        form.addRow(_("&Wachtwoordzin:"), self.passphrase)
        form.addRow(_("&Nog een keer:"), self.repeat)
        layout.addLayout(form)
        self.meter = StrengthMeter()
        layout.addWidget(self.meter)
        self.advice = plain_label("")
        self.advice.setObjectName("passphraseAdvice")
        layout.addWidget(self.advice)
        self.create_message = MessageBanner()
        layout.addWidget(self.create_message)
        self.create_busy = QProgressBar()
        self.create_busy.setRange(0, 0)
        self.create_busy.setTextVisible(False)
        self.create_busy.setMaximumHeight(6)
        self.create_busy.hide()
        layout.addWidget(self.create_busy)
        back = QPushButton(_("&Terug"))
        back.clicked.connect(lambda: self._go(0))
        self.create_button = QPushButton(_("&Kluis maken"))
        self.create_button.setObjectName("createButton")
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self._create)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)
        self.passphrase.textChanged.connect(self._check)
        self.repeat.textChanged.connect(self._check)
        self.repeat.returnPressed.connect(self._create)
        return page

    def _check(self) -> None:
        text = self.passphrase.text()
        ok, message, score = self._policy(text) if text else (False, "", 0)
        self.meter.set_score(score)
        matches = text == self.repeat.text()
        if text and ok and self.repeat.text() and not matches:
            message = _("De twee wachtwoordzinnen zijn niet gelijk.")
        self.advice.setText(message)
        self.create_button.setEnabled(bool(text) and ok and matches)

    def _create(self) -> None:
        if not self.create_button.isEnabled():
            return
        self.create_button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.repeat.setEnabled(False)
        self.create_busy.show()
        self.create_message.show_info(
            _(
                "De kluis wordt gemaakt. Dit duurt een paar seconden: Vindplaats meet hoe snel "
                "deze laptop is om de wachtwoordzin zo goed mogelijk te beschermen."
            )
        )
        self.create_requested.emit(self.passphrase.text())

    def show_error(self, text: str) -> None:
        self.create_busy.hide()
        self.passphrase.setEnabled(True)
        self.repeat.setEnabled(True)
        self.create_message.show_error(text)
        self._check()

    # -- step 3 ------------------------------------------------------------------------------
    def _recovery_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setSpacing(10)
        layout.addWidget(heading(_("Schrijf uw herstelcode op"), level=2))
        layout.addWidget(
            plain_label(
                _(
                    "Met deze code opent u de kluis als u de wachtwoordzin vergeet. U ziet de "
                    "code maar één keer. Schrijf hem op papier en bewaar dat op een veilige "
                    "plek, niet bij de laptop."
                )
            )
        )
        self.code_label = RecoveryCodeLabel()
        layout.addWidget(self.code_label)
        self.print_button = QPushButton(_("&Afdrukken…"))
        self.print_button.clicked.connect(self._print_code)
        layout.addWidget(self.print_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.confirm_box = wrapping_check_box(  # long in some languages: it wraps
            _("Ik heb de herstelcode opgeschreven en bewaar die op een veilige plek.")
        )
        self.confirm_box.setObjectName("confirmWritten")
        layout.addWidget(self.confirm_box)
        form = QFormLayout()
        self.last_group = QLineEdit()
        self.last_group.setObjectName("lastGroup")
        self.last_group.setMaxLength(16)
        form.addRow(_("Ter controle, het &laatste blok:"), self.last_group)
        layout.addLayout(form)
        # says so when the typed block is complete but wrong (its room is kept: nothing moves)
        self.last_group_message = MessageBanner()
        self.last_group_message.setObjectName("lastGroupMessage")
        self.last_group_message.reserve_space(1)
        layout.addWidget(self.last_group_message)
        self.finish_button = QPushButton(_("&Klaar, naar Vindplaats"))
        self.finish_button.setObjectName("finishButton")
        self.finish_button.setEnabled(False)
        self.finish_button.clicked.connect(self._finish)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.finish_button)
        layout.addLayout(buttons)
        self.confirm_box.toggled.connect(self._check_confirm)
        self.last_group.textChanged.connect(self._check_confirm)
        self.last_group.returnPressed.connect(self._finish)
        return page

    def show_recovery_code(self, code: str) -> None:
        forget_secret(self.passphrase)
        forget_secret(self.repeat)
        self.create_busy.hide()
        self.create_message.clear_message()
        self._code = code
        self.code_label.show_code(code)
        self._go(2)
        self.confirm_box.setFocus()

    def _check_confirm(self) -> None:
        expected = self._code.split("-")[-1].upper()
        typed = self.last_group.text().strip().upper()
        self.finish_button.setEnabled(self.confirm_box.isChecked() and typed == expected)
        if len(typed) >= len(expected) and typed != expected:
            self.last_group_message.show_error(
                _(
                    "Dit blok klopt niet. Typ het laatste blok van de code hierboven, zoals "
                    "u het opschreef."
                )
            )
        elif typed == expected and not self.confirm_box.isChecked():
            self.last_group_message.show_info(
                _("Het blok klopt. Vink nog aan dat u de code hebt opgeschreven.")
            )
        else:
            self.last_group_message.clear_message()

    def _print_code(self) -> None:
        from app.clock import SYSTEM_CLOCK
        from app.ui.printing import print_recovery_code

        # The vault was made a moment ago: today is its creation date.
        print_recovery_code(self, self._code, created=SYSTEM_CLOCK.today())

    def _finish(self) -> None:
        if not self.finish_button.isEnabled():
            return
        self._code = ""
        self.code_label.clear()
        self.completed.emit()

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        focus = {0: None, 1: self.passphrase, 2: self.confirm_box}[index]
        if focus is not None:
            focus.setFocus()

    _code = ""
