"""The guided intake: question pages, save as draft at any step, resume, advice, finish."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.concepts import label
from app.core.intake import Intake
from app.core.localized import active_language
from app.core.routes import RuleSet, advise
from app.i18n import _
from app.i18n.formatting import format_time
from app.store.intakes import AdviceChoice, IntakeRecord, IntakeRepository, IntakeStatus
from app.ui.autosave import Autosave
from app.ui.context import AppContext
from app.ui.intake import labels
from app.ui.intake.advice_view import AdviceView
from app.ui.intake.pages import IntakeForm
from app.ui.widgets import MessageBanner, heading

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FlowState:
    """What is on screen, unsaved answers included (kept across a language switch)."""

    record_id: int
    intake: Intake
    row: int
    chosen_route: str | None
    override_reason: str | None
    follow_up: date | None


class IntakeFlow(QWidget):
    """One conversation at a time. Emits ``closed`` when the advisor goes back to the list."""

    closed = Signal()

    def __init__(
        self,
        context: AppContext,
        repository: IntakeRepository,
        rules: RuleSet | None,
        rules_problem: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("intakeFlow")
        self.context = context
        self.repository = repository
        self.rules = rules
        self.record: IntakeRecord | None = None

        self.title = heading("")
        self.title.setObjectName("flowTitle")
        self.banner = MessageBanner()
        self.banner.setObjectName("flowBanner")

        self.form = IntakeForm(
            rules.crisis_working_days if rules else None, today=self.context.today()
        )
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setAccessibleName(_("Stappen van het gesprek"))
        self.stack = QStackedWidget()
        for page in self.form.pages:
            self.steps.addItem(page.title)
            self.stack.addWidget(page.widget)
        self.advice_view = AdviceView(rules, rules_problem)
        self.steps.addItem(_("Advies"))
        # As wide as the longest step name (long in some languages), within reason.
        self.steps.setMaximumWidth(min(self.steps.sizeHintForColumn(0) + 24, 320))
        self.steps.setMinimumWidth(min(self.steps.sizeHintForColumn(0) + 24, 320))
        self.stack.addWidget(self.advice_view)
        self.steps.currentRowChanged.connect(self._go)

        self.back_button = QPushButton(_("&Vorige"))
        self.back_button.setObjectName("backButton")
        self.next_button = QPushButton(_("V&olgende"))
        self.next_button.setObjectName("nextButton")
        self.next_button.setDefault(True)
        self.draft_button = QPushButton(_("Opslaan als &concept"))
        self.draft_button.setObjectName("draftButton")
        self.draft_button.setToolTip(_("Opslaan en later verder (Ctrl+S)"))
        self.list_button = QPushButton(_("&Terug naar overzicht"))
        self.list_button.setObjectName("listButton")
        self.finish_button = QPushButton(_("Gesprek &afronden"))
        self.finish_button.setObjectName("finishButton")
        self.referral_button = QPushButton(_("Verwijzing &maken…"))
        self.referral_button.setObjectName("referralButton")
        self.sheet_button = QPushButton(_("&Blad voor de werknemer…"))
        self.sheet_button.setObjectName("employeeSheetButton")
        self.sheet_button.setToolTip(
            _("De volgende stap om mee naar huis te nemen, in de taal van de werknemer")
        )

        self.back_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.draft_button.clicked.connect(self.save_draft)
        self.list_button.clicked.connect(self.back_to_list)
        self.finish_button.clicked.connect(self.finish)
        self.referral_button.clicked.connect(self.make_referral)
        self.sheet_button.clicked.connect(self.show_employee_sheet)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_draft)

        # Work in progress is data: saved a moment after each change, on every step change and
        # before the vault locks or the window closes.
        self.autosave = Autosave(self._autosave_now, self._autosave_report, self)
        for question in self.form.questions.values():
            question.changed.connect(self.autosave.changed)
        self.advice_view.changed.connect(self.autosave.changed)
        self.advice_view.reason.textChanged.connect(self.autosave.changed)
        self.advice_view.follow_up.toggled.connect(self.autosave.changed)
        self.advice_view.follow_up_date.dateChanged.connect(self.autosave.changed)

        # Back to the list and save as draft sit beside the title, the step buttons below: one
        # row of all six would not fit a 1366x768 screen at 125 % in a longer language.
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.list_button)
        top.addWidget(self.draft_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.sheet_button)
        buttons.addWidget(self.referral_button)
        buttons.addWidget(self.finish_button)

        middle = QHBoxLayout()
        middle.addWidget(self.steps)
        middle.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addLayout(buttons)

    # -- opening ------------------------------------------------------------------------------

    def start_new(self) -> None:
        record = self.repository.create(today=self.context.today())
        self.open(record.id)

    def open(self, intake_id: int) -> None:
        if self.record is not None and self.record.id != intake_id:
            self.save_work()
        with self.autosave.suspend():
            self.record = self.repository.load(intake_id)
            self.form.set_intake(self.record.intake)
            self.advice_view.set_choice(
                self.record.chosen_route,
                self.record.override_reason,
                self.record.follow_up,
                self.context.today(),
            )
            self.banner.clear_message()
            self._update_title()
            step = min(self.record.step, self.stack.count() - 1)
            self.steps.setCurrentRow(step)
            self._go(step)
        self.autosave.mark_saved()

    def snapshot(self) -> FlowState | None:
        if self.record is None:
            return None
        return FlowState(
            record_id=self.record.id,
            intake=self.form.to_intake(),
            row=max(self.steps.currentRow(), 0),
            chosen_route=self.advice_view.chosen_route(),
            override_reason=self.advice_view.override_reason(),
            follow_up=self.advice_view.follow_up_day(),
        )

    def restore(self, state: FlowState) -> None:
        """Show ``state`` again (e.g. after a language switch) without saving anything."""
        with self.autosave.suspend():
            self.record = self.repository.load(state.record_id)
            self.form.set_intake(state.intake)
            self.advice_view.set_choice(
                state.chosen_route, state.override_reason, state.follow_up, self.context.today()
            )
            self._update_title()
            self.steps.setCurrentRow(state.row)
            self._go(state.row)

    def _update_title(self) -> None:
        if self.record is None:
            return
        self.title.setText(
            _("Gesprek {code} · {status}").format(
                code=self.record.case_code, status=label(labels.STATUS, self.record.status)
            )
        )

    # -- moving ---------------------------------------------------------------------------------

    @property
    def on_advice(self) -> bool:
        return self.stack.currentWidget() is self.advice_view

    def _step(self, delta: int) -> None:
        row = max(0, min(self.stack.count() - 1, self.steps.currentRow() + delta))
        self.steps.setCurrentRow(row)

    def _go(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        if self.record is not None and not self.autosave.suspended:
            self.autosave.changed()  # the step is part of the draft: save it now
            self.autosave.flush()
        last = row == self.stack.count() - 1
        self.back_button.setEnabled(row > 0)
        self.next_button.setVisible(not last)
        self.finish_button.setVisible(last)
        self.referral_button.setVisible(last)
        self.sheet_button.setVisible(last and self.rules is not None)
        if last:
            self.refresh_advice()
            self.finish_button.setDefault(True)
        else:
            self.next_button.setDefault(True)

    def refresh_advice(self) -> None:
        if self.rules is None:
            return
        intake = self.form.to_intake()
        # On screen in the UI language; the stored advice and the letter stay Dutch.
        shown = self.rules.localized(active_language())
        advice = advise(intake, shown, self.context.today())
        self.advice_view.show_advice(
            advice, threat_date=intake.known_threat_date, threats=intake.present_threats
        )

    # -- saving -----------------------------------------------------------------------------------

    def _autosave_now(self) -> None:
        if self.record is None or getattr(self.context.session, "closed", False):
            return
        self.repository.autosave(
            self.record.id,
            self.form.to_intake(),
            step=max(self.steps.currentRow(), 0),
            choice=AdviceChoice(
                self.advice_view.chosen_route(),
                self.advice_view.override_reason(),
                self.advice_view.follow_up_day(),
            ),
        )

    def _autosave_report(self, problem: str | None) -> None:
        if problem is None:
            self.banner.clear_message()
        else:
            self.banner.show_error(problem)

    def save_work(self) -> bool:
        """Save what is on screen now (before locking or closing). True when it is safe."""
        if self.record is None:
            return True
        return self.autosave.flush()

    def focused_field(self) -> tuple[str | None, int | None]:
        """The object name of the field with the keyboard focus, and the cursor in it."""
        from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

        widget = self.window().focusWidget() if self.window() is not None else None
        if widget is None or not self.isAncestorOf(widget) or not widget.objectName():
            return None, None
        if isinstance(widget, QLineEdit):
            return widget.objectName(), widget.cursorPosition()
        if isinstance(widget, QPlainTextEdit):
            return widget.objectName(), widget.textCursor().position()
        return widget.objectName(), None

    def focus_field(self, name: str | None, cursor: int | None = None) -> None:
        from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

        widget = self.findChild(QWidget, name) if name else None
        if widget is None or not widget.isEnabled():
            return
        widget.setFocus()
        from PySide6.QtWidgets import QScrollArea

        scroll = self.stack.currentWidget()
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(widget)
        if cursor is None:
            return
        if isinstance(widget, QLineEdit):
            widget.setCursorPosition(cursor)
        elif isinstance(widget, QPlainTextEdit):
            text_cursor = widget.textCursor()
            text_cursor.setPosition(min(cursor, len(widget.toPlainText())))
            widget.setTextCursor(text_cursor)

    def go_to_step(self, row: int) -> None:
        row = max(0, min(self.stack.count() - 1, row))
        with self.autosave.suspend():
            self.steps.setCurrentRow(row)
            self._go(row)

    def save_draft(self) -> bool:
        if self.record is None:
            return False
        self.autosave.changed()
        if not self.autosave.flush():
            return False
        self.banner.show_info(
            _("Opgeslagen als concept om {time}. U kunt later verdergaan.").format(
                time=format_time(self.context.now().astimezone().replace(tzinfo=None))
            )
        )
        return True

    def back_to_list(self) -> None:
        if self.record is not None and not self.save_draft():
            return  # the message says why; what is on screen stays
        self.record = None
        self.closed.emit()

    def _store_outcome(self) -> bool:
        """Save answers, advice, choice and follow-up. False (with a message) if incomplete."""
        if self.record is None:
            return False
        chosen = self.advice_view.chosen_route()
        reason = self.advice_view.override_reason()
        if chosen is not None and reason is None:
            self.banner.show_error(_("Schrijf kort op waarom u een andere route kiest."))
            self.advice_view.reason.setFocus()
            return False
        intake = self.form.to_intake()
        today = self.context.today()
        self.repository.save_draft(self.record.id, intake, step=self.stack.count() - 1)
        self.autosave.mark_saved()
        if self.rules is not None:
            advice = advise(intake, self.rules, today)
            stored = advice.to_dict()
            stored["crisis"] = advice.crisis
            stored["date"] = today.isoformat()
            self.repository.store_advice(self.record.id, stored, today=today)
        self.repository.choose_route(self.record.id, chosen, reason if chosen else None)
        self.repository.set_follow_up(self.record.id, self.advice_view.follow_up_day())
        # Reload: the referral dialog may have changed the status meanwhile.
        if self.repository.load(self.record.id).status is IntakeStatus.CONCEPT:
            self.repository.set_status(self.record.id, IntakeStatus.OPEN)
        self.record = self.repository.load(self.record.id)
        self._update_title()
        return True

    def finish(self) -> None:
        if self._store_outcome():
            self.record = None
            self.closed.emit()

    def employee_sheet_dialog(self):
        """The take-home sheet for what is on screen now (nothing is saved for it)."""
        if self.rules is None:
            return None
        from app.ui.intake.employee_sheet_dialog import EmployeeSheetDialog

        advice = advise(self.form.to_intake(), self.rules, self.context.today())
        return EmployeeSheetDialog(
            advice,
            self.rules,
            chosen_route=self.advice_view.chosen_route(),
            files_factory=self.context.user_files,
            parent=self,
        )

    def show_employee_sheet(self) -> None:
        dialog = self.employee_sheet_dialog()
        if dialog is not None:
            dialog.exec()

    def make_referral(self) -> None:
        if self.record is None or not self._store_outcome():
            return
        try:
            from app.ui.referral.flow import start_referral_flow
        except ImportError:
            self.referral_button.setVisible(False)
            self.banner.show_error(_("Verwijzingen maken is in deze versie nog niet beschikbaar."))
            return
        start_referral_flow(self, self.context, self.record.id)
