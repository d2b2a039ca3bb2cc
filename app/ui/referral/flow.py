"""From the advice to a saved letter: recipient, what to share, consent, letter.

``start_referral_flow(parent, context, intake_id)`` is called from the intake's advice page.
Step 3 is for the employee: the consent text in their language (right to left for Arabic),
separate from everything else, with an equally easy "no". Only a "yes" stores anything.

The dialog does the navigation, the draft and the vault; each page is its own widget
(app.ui.referral.steps) and what was chosen is one plain :class:`FlowState`
(app.ui.referral.flow_state).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.consent import (
    FIELD_KEYS,
    ConsentError,
    ConsentMethod,
    default_expiry,
    new_consent,
)
from app.core.referral.letter import build_letter
from app.core.referral.view import AdvisorProfile, Urgency, consented_view, default_urgency
from app.core.route_settings import RouteSettings
from app.core.routes import RuleSet
from app.i18n import N_, _
from app.store.drafts import REFERRAL, DraftStore
from app.store.intakes import IntakeRecord, IntakeRepository, IntakeStatus
from app.store.referrals import ReferralRepository
from app.ui.autosave import Autosave
from app.ui.context import AppContext
from app.ui.referral import texts
from app.ui.referral.flow_state import OTHER_RECIPIENT, FlowState, Step
from app.ui.referral.letter import LetterJob, LetterResult
from app.ui.referral.steps import ConsentStep, DeclinedStep, FieldsStep, LetterStep, RecipientStep
from app.ui.widgets import MessageBanner

log = logging.getLogger(__name__)

__all__ = ["OTHER_RECIPIENT", "ReferralDialog", "start_referral_flow"]


def start_referral_flow(parent: QWidget, context: AppContext, intake_id: int) -> ReferralDialog:
    """Open the referral dialog for a stored conversation (non-blocking, window-modal).

    A draft of an earlier, unfinished flow for this conversation is filled in again.
    """
    dialog = ReferralDialog(context, intake_id, parent)
    dialog.open()
    return dialog


class ReferralDialog(QDialog):
    STEP_RECIPIENT, STEP_FIELDS, STEP_CONSENT, STEP_LETTER, STEP_DECLINED = (int(s) for s in Step)

    def __init__(self, context: AppContext, intake_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("referralDialog")
        self.setWindowTitle(_("Verwijzing maken"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(760, 640)
        self.context = context
        self.intakes = IntakeRepository(context.session.connection, clock=context.clock)
        self.referrals = ReferralRepository(context.session.connection, clock=context.clock)
        self.record: IntakeRecord = self.intakes.load(intake_id)
        self.rules: RuleSet | None = context.shipped.rules
        self.state = FlowState()

        profile = self.referrals.advisor_profile() or AdvisorProfile("", "", "")
        self.stored_profile = profile  # phone and e-mail (set in Instellingen) for the letter
        self.recipient_step = RecipientStep(self.record, self.rules, profile)
        self.fields_step = FieldsStep()
        self.consent_step = ConsentStep()
        self.letter_step = LetterStep(
            self._build_job,
            files=self.context.user_files(),
            preferences=context.preferences,
            save_preferences=context.save_preferences,
        )
        self.declined_step = DeclinedStep()
        self.stack = QStackedWidget()
        for page in (
            self.recipient_step,
            self.fields_step,
            self.consent_step,
            self.letter_step,
            self.declined_step,
        ):
            self.stack.addWidget(page)
        self.recipient_step.recipient_changed.connect(self._recipient_changed)
        self.fields_step.fields_changed.connect(self._refresh_previews)
        self.consent_step.agreed.connect(self.agree)
        self.consent_step.declined.connect(self.decline)
        self.letter_step.maker.succeeded.connect(self._letter_made)

        # The widgets the shell, the section and the tests reach (each lives in its step).
        self.recipient = self.recipient_step.recipient
        self.language = self.recipient_step.language
        self.helper_note = self.recipient_step.helper_note
        self.purpose = self.recipient_step.purpose
        self.advisor_name = self.recipient_step.advisor_name
        self.advisor_function = self.recipient_step.advisor_function
        self.field_boxes = self.fields_step.field_boxes
        self.field_previews = self.fields_step.field_previews
        self.contact_name = self.fields_step.contact_name
        self.contact_phone = self.fields_step.contact_phone
        self.consent_text = self.consent_step.consent_text
        self.yes_button = self.consent_step.yes_button
        self.no_button = self.consent_step.no_button
        self.maker = self.letter_step.maker

        self.banner = MessageBanner()
        self.banner.setObjectName("flowBanner")
        self.back_button = QPushButton(_("&Vorige"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(_("V&olgende"))
        self.next_button.setObjectName("nextButton")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.close_button = QPushButton(_("&Sluiten"))
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.recipient_step.refresh()
        self._show(Step.RECIPIENT)
        self._warm_up()

        # The fields of steps 1-3 are a draft in the vault (never a consent) until the employee
        # says yes or no; saved a moment after each change, on each step and before a lock.
        self.drafts = DraftStore(context.session.connection, clock=context.clock)
        self.autosave = Autosave(self._save_draft, self._draft_report, self)
        self._restore_draft()
        for step in (self.recipient_step, self.fields_step, self.consent_step):
            step.changed.connect(self.autosave.changed)

    # -- the state ---------------------------------------------------------------------------

    def _collect(self) -> FlowState:
        """What the pages show now, in ``self.state``."""
        self.state.step = Step(self.stack.currentIndex())
        for step in (self.recipient_step, self.fields_step, self.consent_step):
            step.store(self.state)
        return self.state

    def _now(self) -> datetime:
        today = self.context.today()
        now = self.context.now().astimezone()
        if now.date() != today:  # a fixed "today" (tests, training): keep date and time apart
            now = now.replace(year=today.year, month=today.month, day=today.day)
        return now

    def _settings(self) -> RouteSettings:
        """The routes.yaml settings a letter needs (Wgs terms, municipality code)."""
        if self.rules is None:
            raise ConsentError(texts.RULES_MISSING)
        return self.rules.settings

    def _urgency(self) -> Urgency:
        terms = self._settings().terms
        return default_urgency(self.record.intake, self.context.today(), terms=terms)

    # -- the draft ---------------------------------------------------------------------------

    def draft_data(self) -> dict:
        return self._collect().to_draft()

    def _drafting(self) -> bool:
        return self.stack.currentIndex() in (Step.RECIPIENT, Step.FIELDS, Step.CONSENT)

    def _save_draft(self) -> None:
        if not self._drafting() or getattr(self.context.session, "closed", False):
            return
        self.drafts.save(REFERRAL, self.draft_data(), ref=self.record.id, intake_id=self.record.id)

    def _draft_report(self, problem: str | None) -> None:
        if problem is None:
            self.banner.clear_message()
        else:
            self.banner.show_error(problem)

    def _discard_draft(self) -> None:
        self.autosave.mark_saved()
        try:
            self.drafts.discard(REFERRAL, self.record.id)
        except Exception:  # noqa: BLE001 - the answer is recorded; a stale draft is harmless
            log.warning("the referral draft could not be removed")

    def _restore_draft(self) -> None:
        draft = self.drafts.load(REFERRAL, self.record.id)
        if draft is None:
            return
        # A copy: loading the pages updates self.state (previews) while the draft is shown.
        restored = replace(self._collect())
        step = restored.apply_draft(
            draft.data,
            routes=self.recipient_step.route_ids(),
            languages=self.recipient_step.language_codes(),
        )
        with self.autosave.suspend():
            # The recipient first: choosing one fills in its default purpose and fields.
            self.recipient_step.load(restored)
            self.fields_step.load(restored)
            self.consent_step.load(restored)
            self._collect()
            if step is not None:
                self._show(step)

    def save_work(self) -> bool:
        """Save the draft now (before a lock or close). True when it is safe."""
        if not self._drafting():
            return True
        self.autosave.changed()
        return self.autosave.flush()

    def resume_state(self) -> dict | None:
        if not self._drafting():
            return None
        widget = self.focusWidget()
        name = widget.objectName() if widget is not None and self.isAncestorOf(widget) else None
        return {"step": self.stack.currentIndex(), "field": name or None}

    def resume(self, state: dict, message: str | None) -> None:
        """After unlocking: the draft is already filled in; go back to the field."""
        name = state.get("field")
        widget = self.findChild(QWidget, name) if isinstance(name, str) and name else None
        if widget is not None and widget.isEnabled():
            widget.setFocus()
        if message:
            self.banner.show_info(message)

    def _warm_up(self) -> None:
        """Load the PDF libraries in the background while the advisor fills in the steps."""
        from app.documents.referral_pdf import warm_up
        from app.ui.worker import run_task

        self._warm_task = run_task(warm_up, on_error=lambda _error: None)

    # -- steps 1 and 2: recipient and what will be shared ------------------------------------

    def _recipient_changed(self) -> None:
        recipient = self.recipient_step.current_recipient()
        minimum = (
            self.rules.settings.minimum_fields(recipient.route_id) if self.rules else frozenset()
        )
        self.fields_step.apply_minimum(minimum, recipient.name)

    def _refresh_previews(self) -> None:
        self.fields_step.show_previews(self._preview_values())

    def _preview_values(self) -> dict[str, str]:
        """The exact letter text per field, from an in-memory preview consent (never stored)."""
        from app.documents.referral_pdf import dutch_letter_format, load_consent_bundle

        state = self._collect()
        recipient = state.recipient(self.rules)
        try:
            preview_consent = new_consent(
                case_code=self.record.case_code,
                recipient_id=state.route_id,
                recipient_name=recipient.name or "-",
                purpose=state.purpose.strip() or "-",
                fields=FIELD_KEYS,
                text=load_consent_bundle(self.context.shipped, "nl").text,
                given_at=self._now(),
                method=ConsentMethod.ON_SCREEN,
            )
            view = consented_view(
                self.record.intake,
                preview_consent,
                self.context.today(),
                settings=self._settings(),
                urgency=self._urgency(),
                contact=state.contact(),
                employer_name=state.employer_name,
            )
            advisor = state.advisor(self.stored_profile)
            if not advisor.is_complete:
                advisor = AdvisorProfile("-", "-")
            letter = build_letter(view, advisor, recipient, dutch_letter_format())
        except ConsentError:
            return {}
        return dict(letter.shared_values)

    # -- step 3: the employee's consent ------------------------------------------------------

    def _prepare_consent_page(self) -> None:
        from app.documents.referral_pdf import load_consent_bundle, render_consent_text

        state = self._collect()
        bundle = load_consent_bundle(self.context.shipped, state.language)
        self.bundle = bundle
        shown = render_consent_text(
            bundle,
            recipient=state.recipient(self.rules).name,
            purpose=state.purpose.strip(),
            fields=state.fields,
            expires_on=default_expiry(self.context.today()),
        )
        self.consent_step.show_text(
            shown, question=bundle.question, yes=bundle.yes, no=bundle.no, rtl=bundle.right_to_left
        )

    def agree(self) -> None:
        """The employee said yes: record exactly what was shown, then go to the letter."""
        state = self._collect()
        method = ConsentMethod.SIGNED_ON_PAPER if state.signed_on_paper else ConsentMethod.ON_SCREEN
        try:
            self.referrals.save_advisor_profile(state.advisor(self.stored_profile))
            consent = new_consent(
                case_code=self.record.case_code,
                recipient_id=state.route_id,
                recipient_name=state.recipient(self.rules).name,
                purpose=state.purpose.strip(),
                fields=state.fields,
                text=self.bundle.text,
                given_at=self._now(),
                method=method,
            )
            state.consent = self.referrals.record_consent(self.record.id, consent)
        except ConsentError as error:
            self.banner.show_error(str(error))
            return
        self._discard_draft()  # the consent is recorded now; the draft has done its work
        self._show(Step.LETTER)

    def decline(self) -> None:
        self.state.consent = None
        self._discard_draft()  # "no" keeps nothing: not even the draft
        self._show(Step.DECLINED)

    @property
    def consent(self):
        """The consent recorded in this flow (after "yes"), or None."""
        return self.state.consent

    @property
    def referral_id(self) -> int | None:
        return self.state.referral_id

    # -- step 4: the letter ------------------------------------------------------------------

    def _build_job(self, encrypt: bool, employee_sends: bool, folder: Path) -> LetterJob:
        state = self._collect()
        if state.consent is None:
            raise ConsentError(
                N_(
                    "Er is geen toestemming vastgelegd. Zonder toestemming van de medewerker "
                    "kan Vindplaats geen verwijsbrief maken."
                )
            )
        return LetterJob(
            intake=self.record.intake,
            consent=state.consent,
            advisor=state.advisor(self.stored_profile),
            recipient=state.recipient(self.rules),
            today=self.context.today(),
            settings=self._settings(),
            urgency=self._urgency(),
            contact=state.contact() if "contact" in state.consent.fields else None,
            employer_name=state.employer_name.strip(),
            encrypt=encrypt,
            employee_sends=employee_sends,
            folder=folder,
            shipped=self.context.shipped,
        )

    def _letter_made(self, job: LetterJob, result: LetterResult) -> None:
        state = self.state
        assert state.consent is not None
        if state.referral_id is None:
            state.referral_id = self.referrals.create_referral(
                self.record.id,
                state.consent,
                recipient_name=job.recipient.name,
                crisis=result.crisis,
                deadline=result.deadline,
                contact=job.contact,
                today=job.today,
                employee_sends=job.employee_sends,
            )
        self.referrals.mark_produced(state.referral_id, today=job.today, encrypted=job.encrypt)
        if self.record.status is not IntakeStatus.REFERRED:
            self.intakes.set_status(self.record.id, IntakeStatus.REFERRED)
        self.close_button.setText(_("&Klaar"))

    # -- navigation --------------------------------------------------------------------------

    def _show(self, step: int) -> None:
        self.banner.clear_message()
        if step == Step.FIELDS:
            self._refresh_previews()  # the purpose, sender or recipient may have changed
        if step == Step.CONSENT:
            self._prepare_consent_page()
        self.stack.setCurrentIndex(step)
        self.state.step = Step(step)
        self.back_button.setVisible(step in (Step.FIELDS, Step.CONSENT))
        self.next_button.setVisible(step in (Step.RECIPIENT, Step.FIELDS))
        if step in (Step.LETTER, Step.DECLINED):
            self.close_button.setText(_("&Sluiten"))

    def next(self) -> None:
        step = self.stack.currentIndex()
        state = self._collect()
        if step == Step.RECIPIENT:
            problem = state.recipient_problem()
            if problem:
                self.banner.show_error(problem)
                return
            self._show(Step.FIELDS)
        elif step == Step.FIELDS:
            problem = state.fields_problem()
            if problem:
                self.banner.show_error(problem)
                return
            self._show(Step.CONSENT)
        self.save_work()

    def back(self) -> None:
        step = self.stack.currentIndex()
        if step in (Step.FIELDS, Step.CONSENT):
            self._show(step - 1)
        self.save_work()

    def reject(self) -> None:
        if self.maker.is_busy():
            return
        self.save_work()  # closing halfway keeps the draft for the next time
        self.maker.forget_password()
        super().reject()

    def current_step(self) -> int:
        return self.stack.currentIndex()
