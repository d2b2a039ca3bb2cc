"""The "Verwijzingen" section: every referral with its status, dates and legal-term reminders.

Status path: concept → verzonden → in behandeling / afgewezen / afgerond. When the legal term
(Wgs: 3 working days in a threatening situation, else 4 weeks) passes after sending without a
status change, the row and the start screen say so. Withdrawing consent is one action.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.consent import ConsentError, require_valid
from app.core.referral.status import (
    ALLOWED_TRANSITIONS,
    ReferralStatus,
    StatusError,
    legal_term_end,
)
from app.core.referral.view import default_urgency, recipient_for
from app.i18n import N_, _, isolate, ngettext
from app.i18n.formatting import format_date
from app.store.intakes import IntakeRepository
from app.store.referrals import ReferralRepository, ReferralSummary
from app.ui.context import AppContext
from app.ui.referral import texts
from app.ui.referral.letter import LetterJob, LetterMaker
from app.ui.section import Section
from app.ui.widgets import MessageBanner, heading, plain_label

log = logging.getLogger(__name__)

COLUMNS = 6


def _qdate(day) -> QDate:
    return QDate(day.year, day.month, day.day)


class StatusDialog(QDialog):
    """Choose the next status and its date."""

    def __init__(self, summary: ReferralSummary, today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusDialog")
        self.setWindowTitle(_("Status wijzigen"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.status = QComboBox()
        self.status.setObjectName("statusBox")
        for status in ReferralStatus:
            if (
                status in ALLOWED_TRANSITIONS[summary.status]
                and status is not ReferralStatus.WITHDRAWN
            ):
                self.status.addItem(texts.status_label(status), status.value)
        label = QLabel(_("&Nieuwe status:"))
        label.setBuddy(self.status)
        form.addRow(label, self.status)
        self.date = QDateEdit(_qdate(today))
        self.date.setObjectName("statusDate")
        self.date.setCalendarPopup(True)
        self.date.setMinimumDate(_qdate(summary.status_since))
        self.date.setMaximumDate(_qdate(today))
        label = QLabel(_("&Datum:"))
        label.setBuddy(self.date)
        form.addRow(label, self.date)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self):
        return ReferralStatus(self.status.currentData()), self.date.date().toPython()


class RemakeDialog(QDialog):
    """Make the letter again from the stored consent (refused when it expired or was withdrawn)."""

    def __init__(self, maker_factory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remakeDialog")
        self.setWindowTitle(_("Brief opnieuw maken"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "De brief wordt opnieuw gemaakt met dezelfde toestemming en alleen de "
                    "gegevens die toen zijn gekozen."
                )
            )
        )
        self.maker: LetterMaker = maker_factory()
        layout.addWidget(self.maker)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reject(self) -> None:
        if self.maker.is_busy():
            return
        self.maker.forget_password()
        super().reject()


class ReferralsSection(Section):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("referralsSection")
        self.repository = ReferralRepository(context.session.connection, clock=context.clock)
        self.intakes = IntakeRepository(context.session.connection, clock=context.clock)
        self.summaries: list[ReferralSummary] = []
        self.dialog: QDialog | None = None
        self._confirm_box: QMessageBox | None = None
        # Wgs terms for the legal term and reminders: routes.yaml, like the advice
        self.rules = context.shipped.rules
        self.terms = self.rules.settings.terms if self.rules else None

        layout = QVBoxLayout(self)
        self.title = heading("")
        layout.addWidget(self.title)
        self.intro = plain_label("")
        layout.addWidget(self.intro)
        self.reminder_banner = MessageBanner()
        self.reminder_banner.setObjectName("reminderBanner")
        layout.addWidget(self.reminder_banner)

        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("referralTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # every column as wide as its title and contents (a stretched last column would be
        # squeezed below its title on a small screen; the table scrolls instead)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        self.history = plain_label("")
        self.history.setObjectName("historyLabel")
        layout.addWidget(self.history)

        buttons = QHBoxLayout()
        self.status_button = QPushButton()
        self.status_button.setObjectName("statusButton")
        self.status_button.clicked.connect(self.change_status)
        self.remake_button = QPushButton()
        self.remake_button.setObjectName("remakeButton")
        self.remake_button.clicked.connect(self.remake_letter)
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.clicked.connect(self.withdraw)
        for button in (self.status_button, self.remake_button, self.withdraw_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.banner = MessageBanner()
        self.banner.setObjectName("sectionBanner")
        layout.addWidget(self.banner)
        self.retranslate_ui()
        self.reload()

    # -- Section -----------------------------------------------------------------------------

    def section_title(self) -> str:
        return _("Verwijzingen")

    def retranslate_ui(self) -> None:
        self.title.setText(_("Verwijzingen"))
        self.intro.setText(
            _(
                "Verwijsbrieven die met toestemming van de medewerker zijn gemaakt. Houd de "
                "status bij: zo ziet u wanneer een ontvanger niet op tijd reageert."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                _("Dossiercode"),
                _("Ontvanger"),
                _("Status"),
                _("Sinds"),
                _("Wettelijke termijn"),
                _("Toestemming geldig tot"),
            ]
        )
        self.status_button.setText(_("&Status wijzigen…"))
        self.remake_button.setText(_("Brief &opnieuw maken…"))
        self.withdraw_button.setText(_("Toestemming &intrekken…"))
        if self.summaries:
            self.reload()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def refresh(self) -> None:
        self.reload()

    def home_lines(self) -> list[str]:
        today = self.context.today()
        summaries = self.repository.list_referrals()
        lines = []
        terms = self.terms
        overdue = [s for s in summaries if terms and s.reminder(today, terms)]
        if overdue:
            lines.append(
                ngettext(
                    "Verwijzingen: bij {n} verwijzing is de wettelijke termijn voorbij zonder "
                    "reactie",
                    "Verwijzingen: bij {n} verwijzingen is de wettelijke termijn voorbij zonder "
                    "reactie",
                    len(overdue),
                ).format(n=len(overdue))
            )
        concepts = sum(1 for s in summaries if s.status is ReferralStatus.CONCEPT)
        if concepts:
            lines.append(
                ngettext(
                    "Verwijzingen: {n} brief nog niet verzonden",
                    "Verwijzingen: {n} brieven nog niet verzonden",
                    concepts,
                ).format(n=concepts)
            )
        return lines

    # -- table -------------------------------------------------------------------------------

    def reload(self) -> None:
        selected = self.selected()
        selected_id = selected.id if selected else None
        today = self.context.today()
        self.summaries = self.repository.list_referrals()
        self.table.setRowCount(len(self.summaries))
        overdue = 0
        for row, summary in enumerate(self.summaries):
            reminder = summary.reminder(today, self.terms) if self.terms else None
            if reminder:
                overdue += 1
            if summary.status is ReferralStatus.SENT and self.terms:
                end = legal_term_end(summary.status_since, crisis=summary.crisis, terms=self.terms)
                term = (
                    _("voorbij sinds {date}").format(date=format_date(reminder))
                    if reminder
                    else _("tot en met {date}").format(date=format_date(end))
                )
            else:
                term = ""
            consent_text = format_date(summary.consent_expires_on)
            if summary.consent_withdrawn_on:
                consent_text = _("ingetrokken op {date}").format(
                    date=format_date(summary.consent_withdrawn_on)
                )
            elif summary.consent_expires_on < today:
                consent_text = _("verlopen op {date}").format(
                    date=format_date(summary.consent_expires_on)
                )
            values = [
                summary.case_code,
                summary.recipient_name,
                texts.status_label(summary.status),
                format_date(summary.status_since),
                term,
                consent_text,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, summary.id)
                if reminder:
                    item.setBackground(QBrush(QColor("#fdecea")))
                self.table.setItem(row, column, item)
            if summary.id == selected_id:
                self.table.selectRow(row)
        if overdue:
            self.reminder_banner.show_error(
                ngettext(
                    "Bij {n} verzonden verwijzing is de wettelijke termijn voorbij zonder dat de "
                    "status is veranderd. Neem contact op met de ontvanger.",
                    "Bij {n} verzonden verwijzingen is de wettelijke termijn voorbij zonder dat "
                    "de status is veranderd. Neem contact op met de ontvanger.",
                    overdue,
                ).format(n=overdue)
            )
        else:
            self.reminder_banner.clear_message()
        if not self.summaries:
            self.history.setText(_("Nog geen verwijzingen."))
        self._selection_changed()

    def selected(self) -> ReferralSummary | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        row = rows[0].row()
        return self.summaries[row] if 0 <= row < len(self.summaries) else None

    def select_referral(self, referral_id: int) -> None:
        for row, summary in enumerate(self.summaries):
            if summary.id == referral_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        summary = self.selected()
        has = summary is not None
        final = summary is not None and summary.status.is_final
        self.status_button.setEnabled(has and not final)
        self.withdraw_button.setEnabled(has and not final)
        self.remake_button.setEnabled(
            summary is not None and summary.status is not ReferralStatus.WITHDRAWN
        )
        if summary is None:
            if self.summaries:
                self.history.setText("")
            return
        steps = [
            _("{status} op {date}").format(
                status=texts.status_label(change.status), date=format_date(change.on)
            )
            for change in self.repository.history(summary.id)
        ]
        self.history.setText(_("Verloop: {steps}").format(steps=" → ".join(steps)))

    # -- actions -----------------------------------------------------------------------------

    def change_status(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        dialog = StatusDialog(summary, self.context.today(), self)
        dialog.accepted.connect(lambda: self._apply_status(summary.id, dialog))
        self.dialog = dialog
        dialog.open()

    def _apply_status(self, referral_id: int, dialog: StatusDialog) -> None:
        status, day = dialog.chosen()
        try:
            self.repository.set_status(referral_id, status, day)
        except StatusError as error:
            self.banner.show_error(str(error))
            return
        self.banner.show_info(
            _("Status gewijzigd naar '{status}'.").format(status=texts.status_label(status))
        )
        self.reload()

    def withdraw(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Toestemming intrekken"),
            _(
                "De toestemming voor {recipient} wordt ingetrokken en de verwijzing op "
                "'ingetrokken' gezet. Er kan daarna geen brief meer mee worden gemaakt. Laat de "
                "ontvanger weten dat de toestemming is ingetrokken."
            ).format(recipient=isolate(summary.recipient_name)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("withdrawConfirm")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText(_("&Intrekken"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self._withdraw(summary.id))
        self._confirm_box = box
        box.open()

    def _withdraw(self, referral_id: int) -> None:
        try:
            self.repository.withdraw(referral_id, self.context.today())
        except StatusError as error:
            self.banner.show_error(str(error))
            return
        self.banner.show_info(_("De toestemming is ingetrokken."))
        self.reload()

    def remake_letter(self) -> None:
        summary = self.selected()
        if summary is None:
            return
        consent = self.repository.consent(summary.consent_id)
        try:
            require_valid(consent, self.context.today())
        except ConsentError as error:
            self.banner.show_error(str(error))
            return

        def build_job(encrypt: bool, employee_sends: bool, folder: Path) -> LetterJob:
            record = self.intakes.load(summary.intake_id)
            fresh = self.repository.consent(summary.consent_id)
            require_valid(fresh, self.context.today())
            advisor = self.repository.advisor_profile()
            if advisor is None or not advisor.is_complete:
                raise ConsentError(
                    N_("Vul eerst uw naam en functie in; die staan als afzender in de brief.")
                )
            rules = self.rules
            if rules is None:
                raise ConsentError(texts.RULES_MISSING)
            route = rules.route(summary.recipient_id)
            return LetterJob(
                intake=record.intake,
                consent=fresh,
                advisor=advisor,
                recipient=recipient_for(route, summary.recipient_id, summary.recipient_name),
                today=self.context.today(),
                settings=rules.settings,
                urgency=default_urgency(
                    record.intake, self.context.today(), terms=rules.settings.terms
                ),
                contact=self.repository.contact(summary.id),
                employer_name=advisor.employer_name,
                encrypt=encrypt,
                employee_sends=employee_sends,
                folder=folder,
                shipped=self.context.shipped,
            )

        def made(job: LetterJob, _result) -> None:
            self.repository.mark_produced(summary.id, today=job.today, encrypted=job.encrypt)
            self.reload()

        def maker() -> LetterMaker:
            letter_maker = LetterMaker(build_job, files=self.context.user_files())
            letter_maker.succeeded.connect(made)
            return letter_maker

        dialog = RemakeDialog(maker, self)
        self.dialog = dialog
        dialog.open()
