"""Nothing personal outlives its purpose: the Start page notice of closed cases about to be
deleted, keeping one longer with a reason, deleting one case completely, and the term.

The deletion itself runs at unlock (app.store.retention, after the integrity check); this
module shows what it did in one line and what it will do in the next 30 days.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core import retention
from app.core.retention import RetentionError
from app.i18n import _, ngettext
from app.i18n.formatting import format_date
from app.store.intakes import IntakeNotFound, IntakeRepository
from app.store.retention import CaseRetention, RetentionStore
from app.ui.context import AppContext
from app.ui.widgets import bounded_line_edit, plain_label, plural_suffix

log = logging.getLogger(__name__)


def unlock_line(deleted: int | None) -> str:
    """What the deletion at this unlock did, in one calm line (empty when nothing)."""
    if deleted is None:
        return _(
            "De bewaartermijn kon deze keer niet worden toegepast. Dat gebeurt bij het "
            "volgende ontgrendelen."
        )
    if not deleted:
        return ""
    return ngettext(
        "Bij het ontgrendelen is {n} afgesloten gesprek verwijderd: de bewaartermijn was voorbij.",
        "Bij het ontgrendelen zijn {n} afgesloten gesprekken verwijderd: de bewaartermijn was "
        "voorbij.",
        deleted,
    ).format(n=deleted)


def closing_note(repository: IntakeRepository) -> str:
    """For the question before closing a case: when a closed case is deleted."""
    try:
        term = RetentionStore(repository.connection, clock=repository.clock).policy().term
    except Exception:  # noqa: BLE001 - the question is asked anyway
        return ""
    return ngettext(
        "Een afgesloten gesprek wordt {n} maand na het afsluiten helemaal verwijderd.",
        "Een afgesloten gesprek wordt {n} maanden na het afsluiten helemaal verwijderd.",
        term,
    ).format(n=term)


def notice_text(case: CaseRetention) -> str:
    text = _("{code} wordt op {day} verwijderd (afgesloten op {closed}).").format(
        code=case.case_code, day=format_date(case.deletion), closed=format_date(case.closed_on)
    )
    if case.extended:
        text += " " + _("Al eerder verlengd.")
    return text


class RetentionNotice(QWidget):
    """On the Start page ("Vandaag"): the line about this unlock's deletions, and each closed
    case deleted within 30 days, with a button to keep it longer."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retentionNotice")
        self.context = context
        self.rows: dict[int, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.unlock_label = plain_label("")
        self.unlock_label.setObjectName("retentionUnlockLine")
        layout.addWidget(self.unlock_label)
        self.heading = plain_label(
            _("Deze afgesloten gesprekken worden binnenkort verwijderd (bewaartermijn):")
        )
        layout.addWidget(self.heading)
        self.list_layout = QVBoxLayout()
        layout.addLayout(self.list_layout)
        self.refresh()

    def store(self) -> RetentionStore:
        return RetentionStore(self.context.session.connection, clock=self.context.clock)

    def refresh(self) -> None:
        line = unlock_line(getattr(self.context.session, "retention_deleted", 0))
        self.unlock_label.setText(line)
        self.unlock_label.setVisible(bool(line))
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = {}
        try:
            cases = [] if self.context.demo else self.store().upcoming(self.context.today())
        except Exception:  # noqa: BLE001 - the Start page must not fail on this
            log.warning("the retention notice could not be read")
            cases = []
        for case in cases:
            row = QWidget()
            row.setObjectName(f"retentionCase_{case.case_code}")
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            text = plain_label(notice_text(case))
            row_layout.addWidget(text, 1)
            button = QPushButton(_("Langer bewaren…"))
            button.setObjectName(f"extend_{case.case_code}")
            button.setAccessibleName(_("{code} langer bewaren").format(code=case.case_code))
            button.clicked.connect(lambda _c=False, chosen=case: self.extend(chosen))
            row_layout.addWidget(button)
            self.list_layout.addWidget(row)
            self.rows[case.intake_id] = button
        self.heading.setVisible(bool(cases))
        self.setVisible(bool(line) or bool(cases))

    def extend(self, case: CaseRetention) -> None:
        dialog = ExtendDialog(self.store(), case, self.context.today(), self)
        self.dialog = dialog  # for tests
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()


class ExtendDialog(QDialog):
    """Keep one closed case longer: how many months, and why (the reason is stored with the
    case and deleted with it; the audit log only records that an extension happened)."""

    def __init__(
        self, store: RetentionStore, case: CaseRetention, today: date, parent=None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("extendDialog")
        self.setWindowTitle(_("Langer bewaren"))
        self.store = store
        self.case = case
        self.today = today
        self.new_date: date | None = None
        self.months = QSpinBox()
        self.months.setObjectName("extendMonths")
        self.months.setRange(1, retention.MAX_EXTENSION_MONTHS)
        self.months.setValue(3)
        plural_suffix(self.months, lambda n: " " + ngettext("maand", "maanden", n))
        self.reason = bounded_line_edit(self, retention.MAX_REASON_CHARS)
        self.reason.setObjectName("extendReason")
        self.reason.setPlaceholderText(_("bijv. klacht nog in behandeling"))
        self.error = plain_label("")
        self.error.setObjectName("extendError")
        self.error.setVisible(False)
        form = QFormLayout()
        months_label = QLabel(_("&Hoeveel langer:"))
        months_label.setBuddy(self.months)
        reason_label = QLabel(_("&Waarom:"))
        reason_label.setBuddy(self.reason)
        form.addRow(months_label, self.months)
        form.addRow(reason_label, self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Langer &bewaren"))
        self.ok_button.setObjectName("extendOk")
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "{code} wordt nu op {day} verwijderd. Kies hoeveel maanden langer het "
                    "bewaard blijft, en schrijf kort waarom. Schrijf geen namen op."
                ).format(code=case.case_code, day=format_date(case.deletion))
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def save(self) -> None:
        try:
            self.new_date = self.store.extend(
                self.case.intake_id, self.months.value(), self.reason.text(), today=self.today
            )
        except RetentionError as error:
            self.error.setText(str(error))
            self.error.setVisible(True)
            return
        self.accept()


class DeleteCaseDialog(QDialog):
    """Delete one case completely, confirmed by typing its code (keyboard only works too:
    the field has focus, Enter deletes once the code matches, Esc cancels)."""

    def __init__(self, repository: IntakeRepository, intake_id: int, case_code: str, parent=None):
        super().__init__(parent)
        self.setObjectName("deleteCaseDialog")
        self.setWindowTitle(_("Gesprek verwijderen"))
        self.repository = repository
        self.intake_id = intake_id
        self.case_code = case_code
        self.deleted = False
        self.code = QLineEdit()
        self.code.setObjectName("deleteCode")
        self.code.setMaxLength(20)
        self.code.setAccessibleName(_("Code ter bevestiging"))
        code_label = QLabel(_("Typ de code &ter bevestiging:"))
        code_label.setBuddy(self.code)
        self.error = plain_label("")
        self.error.setObjectName("deleteError")
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Annuleren"))
        # No default button: Enter in the field deletes only once the code matches, and with
        # a wrong code does nothing (it must not close the dialog as if cancelled). Esc cancels.
        cancel.setAutoDefault(False)
        cancel.setDefault(False)
        self.delete_button = self.buttons.addButton(
            _("&Helemaal verwijderen"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setObjectName("deleteConfirm")
        self.delete_button.setEnabled(False)
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete)
        self.buttons.rejected.connect(self.reject)
        self.code.textChanged.connect(self._check)
        self.code.returnPressed.connect(self._enter)
        layout = QVBoxLayout(self)
        text = plain_label(
            _(
                "Hiermee verwijdert u gesprek {code} helemaal: de antwoorden, het advies, de "
                "toestemmingen, de verwijzingen met hun herinneringen, de concepten en de plek "
                "om verder te gaan. Dit kan niet ongedaan worden. Alleen dát er iets is "
                "verwijderd, en wanneer, blijft in het logboek."
            ).format(code=case_code)
        )
        text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout.addWidget(text)
        layout.addWidget(code_label)
        layout.addWidget(self.code)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.code.setFocus()

    def _matches(self) -> bool:
        return self.code.text().strip().upper() == self.case_code.upper()

    def _check(self) -> None:
        self.delete_button.setEnabled(self._matches())

    def _enter(self) -> None:
        if self._matches():
            self.delete()

    def delete(self) -> None:
        if not self._matches():
            return
        try:
            self.repository.delete(self.intake_id)
        except IntakeNotFound:
            pass  # already gone: the result is the same
        except Exception:  # noqa: BLE001 - a full disk, say: nothing was deleted
            log.warning("deleting a case failed")
            self.error.setText(_("Het gesprek kon niet worden verwijderd. Er is niets veranderd."))
            self.error.setVisible(True)
            return
        self.deleted = True
        self.accept()


class RetentionSettingsGroup(QGroupBox):
    """Settings → Bewaartermijn: the advisor's term, never longer than the organisation's
    maximum (set with ``vindplaats case term --maximum``)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Bewaartermijn"), parent)
        self.setObjectName("retentionSettings")
        self.context = context
        self.months = QSpinBox()
        self.months.setObjectName("retentionMonths")
        plural_suffix(self.months, lambda n: " " + ngettext("maand", "maanden", n))
        self.explain = plain_label("")
        self.status = plain_label("")
        self.status.setObjectName("retentionStatus")
        save = QPushButton(_("Termijn op&slaan"))
        save.setObjectName("retentionSave")
        save.clicked.connect(self.save)
        label = QLabel(_("Afgesloten gesprekken &bewaren:"))
        label.setBuddy(self.months)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.months)
        row.addWidget(save)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.load()

    def store(self) -> RetentionStore:
        return RetentionStore(self.context.session.connection, clock=self.context.clock)

    def load(self) -> None:
        policy = self.store().policy()
        top = policy.maximum or retention.MAX_MONTHS
        self.months.setRange(retention.MIN_MONTHS, top)
        self.months.setValue(policy.term)
        text = _(
            "Een afgesloten gesprek wordt na deze termijn helemaal verwijderd, bij het "
            "ontgrendelen. Op de startpagina ziet u dat 30 dagen van tevoren."
        )
        if policy.maximum is not None:
            text += " " + ngettext(
                "Uw organisatie staat hoogstens {n} maand toe.",
                "Uw organisatie staat hoogstens {n} maanden toe.",
                policy.maximum,
            ).format(n=policy.maximum)
        self.explain.setText(text)

    def save(self) -> None:
        try:
            self.store().set_term(self.months.value())
        except RetentionError as error:
            self.status.setText(str(error))
            return
        self.status.setText(_("De bewaartermijn is opgeslagen."))
