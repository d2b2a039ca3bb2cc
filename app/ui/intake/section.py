"""The "Gesprekken" section: the case list and the guided intake."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from app.i18n import _
from app.store.drafts import ResumePoint
from app.store.intakes import IntakeNotFound, IntakeRepository
from app.ui.context import AppContext
from app.ui.intake.case_list import CaseListPage, follow_up_lines
from app.ui.intake.flow import IntakeFlow
from app.ui.section import Section


class IntakeSection(Section):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("intakeSection")
        self.repository = IntakeRepository(context.session.connection, clock=context.clock)
        self.rules, self.rules_problem = context.shipped.routes
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._build_pages()

    def _build_pages(self) -> None:
        """(Re)build the pages; texts are translated when the widgets are made."""
        old = [w for i in range(self.stack.count()) if (w := self.stack.widget(i)) is not None]
        self.list_page = CaseListPage(self.repository, self.rules, self.context.today)
        self.flow = IntakeFlow(self.context, self.repository, self.rules, self.rules_problem)
        self.stack.addWidget(self.list_page)
        self.stack.addWidget(self.flow)
        self.list_page.new_requested.connect(self.new_intake)
        self.list_page.open_requested.connect(self.open_intake)
        self.list_page.export_requested.connect(self.export_case)
        self.flow.closed.connect(self.show_list)
        for widget in old:
            self.stack.removeWidget(widget)
            widget.hide()
            widget.deleteLater()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Show everything in the new language; an open conversation stays as it was."""
        if getattr(self.context.session, "closed", False):
            return  # locked: this section is about to be destroyed
        showing_flow = self.stack.currentWidget() is self.flow
        self.flow.save_work()
        state = self.flow.snapshot() if showing_flow else None
        search = self.list_page.search.text()
        status_index = self.list_page.status.currentIndex()
        self._build_pages()
        self.list_page.search.setText(search)
        self.list_page.status.setCurrentIndex(status_index)
        if state is not None:
            self.flow.restore(state)
            self.stack.setCurrentWidget(self.flow)
        else:
            self.stack.setCurrentWidget(self.list_page)

    def section_title(self) -> str:
        return _("Gesprekken")

    def home_lines(self) -> list[str]:
        return follow_up_lines(self.repository, self.context.today())

    def refresh(self) -> None:
        if self.stack.currentWidget() is self.list_page:
            self.list_page.reload()

    def new_intake(self) -> None:
        self.flow.start_new()
        self.stack.setCurrentWidget(self.flow)

    def open_intake(self, intake_id: int) -> None:
        self.flow.open(intake_id)
        self.stack.setCurrentWidget(self.flow)

    # -- work in progress ---------------------------------------------------------------------

    def _referral_dialogs(self) -> list:
        try:
            from app.ui.referral.flow import ReferralDialog
        except ImportError:
            return []
        return [d for d in self.flow.findChildren(ReferralDialog) if d.isVisible()]

    def save_work(self) -> bool:
        """Save the open conversation and an open consent flow, now (before a lock or close)."""
        ok = self.flow.save_work()
        for dialog in self._referral_dialogs():
            ok = dialog.save_work() and ok
        return ok

    def resume_state(self) -> dict | None:
        if self.stack.currentWidget() is not self.flow:
            return None
        state = self.flow.snapshot()
        if state is None:
            return None
        field, cursor = self.flow.focused_field()
        referral = None
        for dialog in self._referral_dialogs():
            referral = dialog.resume_state()
        return {
            "intake_id": state.record_id,
            "step": state.row,
            "field": field,
            "cursor": cursor,
            "referral": referral,
        }

    def resume(self, point: ResumePoint, message: str | None) -> None:
        """Back to the conversation, step and field of ``point`` (after unlocking)."""
        if point.intake_id is None:
            return
        try:
            self.open_intake(point.intake_id)
        except IntakeNotFound:
            return
        if point.step is not None:
            self.flow.go_to_step(point.step)
        if point.referral is not None:
            from app.ui.referral.flow import start_referral_flow

            dialog = start_referral_flow(self.flow, self.context, point.intake_id)
            if dialog is not None:
                dialog.resume(point.referral, message)
                return
        self.flow.focus_field(point.field, point.cursor)
        if message:
            self.flow.banner.show_info(message)

    def unsaved_work(self):
        if self.flow.record is None or not self.flow.autosave.dirty:
            return None
        return self.flow.snapshot()

    def restore_unsaved(self, state) -> None:
        try:
            self.open_intake(state.record_id)
        except IntakeNotFound:
            return
        self.flow.restore(state)
        self.flow.autosave.changed()  # try again (a moment later, or at the next lock)

    def export_case(self, intake_id: int) -> None:
        """The employee's own data of one conversation (PDF and JSON), in a dialog."""
        from app.ui.intake.case_export import CaseExportDialog

        self.export_dialog = CaseExportDialog(self.context, intake_id, self)
        self.export_dialog.open()

    def show_list(self) -> None:
        self.list_page.reload()
        self.stack.setCurrentWidget(self.list_page)
