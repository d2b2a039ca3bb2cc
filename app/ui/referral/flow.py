"""From the advice to a saved letter: recipient, what to share, consent, letter.

``start_referral_flow(parent, context, intake_id)`` is called from the intake's advice page.
Step 3 is for the employee: the consent text in their language (right to left for Arabic),
separate from everything else, with an equally easy "no". Only a "yes" stores anything.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.consent import (
    FIELD_KEYS,
    MAX_PURPOSE,
    MAX_RECIPIENT_NAME,
    ConsentError,
    ConsentMethod,
    ConsentRecord,
    default_expiry,
    minimum_fields,
    new_consent,
)
from app.core.referral import (
    AdvisorProfile,
    ContactDetails,
    Recipient,
    build_letter,
    consented_view,
    default_urgency,
    recipient_for,
)
from app.core.routes import RuleSet
from app.i18n import N_, _, isolate
from app.store.drafts import REFERRAL, DraftStore
from app.store.intakes import IntakeRecord, IntakeRepository, IntakeStatus
from app.store.referrals import ReferralRepository
from app.ui.autosave import Autosave
from app.ui.context import AppContext
from app.ui.referral import texts
from app.ui.referral.letter import LetterJob, LetterMaker, LetterResult
from app.ui.widgets import MessageBanner, bounded_line_edit, heading, plain_label

log = logging.getLogger(__name__)

OTHER_RECIPIENT = "anders"


def start_referral_flow(parent: QWidget, context: AppContext, intake_id: int) -> ReferralDialog:
    """Open the referral dialog for a stored conversation (non-blocking, window-modal).

    A draft of an earlier, unfinished flow for this conversation is filled in again.
    """
    dialog = ReferralDialog(context, intake_id, parent)
    dialog.open()
    return dialog


def _rules() -> RuleSet | None:
    from app.ui.intake.section import load_shipped_rules

    rules, _problem = load_shipped_rules()
    return rules


class ReferralDialog(QDialog):
    STEP_RECIPIENT, STEP_FIELDS, STEP_CONSENT, STEP_LETTER, STEP_DECLINED = range(5)

    def __init__(self, context: AppContext, intake_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("referralDialog")
        self.setWindowTitle(_("Verwijzing maken"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(760, 640)
        self.context = context
        self.intakes = IntakeRepository(context.session.connection)
        self.referrals = ReferralRepository(context.session.connection)
        self.record: IntakeRecord = self.intakes.load(intake_id)
        self.rules = _rules()
        self.consent: ConsentRecord | None = None
        self.referral_id: int | None = None

        self.stack = QStackedWidget()
        self.stack.addWidget(self._recipient_page())
        self.stack.addWidget(self._fields_page())
        self.stack.addWidget(self._consent_page())
        self.stack.addWidget(self._letter_page())
        self.stack.addWidget(self._declined_page())

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
        self._recipient_changed()
        self._show(self.STEP_RECIPIENT)
        self._warm_up()

        # The fields of steps 1-3 are a draft in the vault (never a consent) until the employee
        # says yes or no; saved a moment after each change, on each step and before a lock.
        self.drafts = DraftStore(context.session.connection)
        self.autosave = Autosave(self._save_draft, self._draft_report, self)
        self._restore_draft()
        for signal in (
            self.recipient.currentIndexChanged,
            self.other_name.textChanged,
            self.purpose.textChanged,
            self.language.currentIndexChanged,
            self.advisor_name.textChanged,
            self.advisor_function.textChanged,
            self.employer_name.textChanged,
            self.contact_name.textChanged,
            self.contact_phone.textChanged,
            self.contact_email.textChanged,
            self.method_paper.toggled,
        ):
            signal.connect(self.autosave.changed)
        for box in self.field_boxes.values():
            box.toggled.connect(self.autosave.changed)

    # -- the draft ---------------------------------------------------------------------------

    def draft_data(self) -> dict:
        return {
            "step": min(self.stack.currentIndex(), self.STEP_CONSENT),
            "recipient": self._route_id(),
            "other_name": self.other_name.text(),
            "purpose": self.purpose.text(),
            "language": str(self.language.currentData()),
            "advisor_name": self.advisor_name.text(),
            "advisor_function": self.advisor_function.text(),
            "employer_name": self.employer_name.text(),
            "fields": sorted(self._chosen_fields()),
            "contact_name": self.contact_name.text(),
            "contact_phone": self.contact_phone.text(),
            "contact_email": self.contact_email.text(),
            "signed_on_paper": self.method_paper.isChecked(),
        }

    def _drafting(self) -> bool:
        return self.stack.currentIndex() in (
            self.STEP_RECIPIENT,
            self.STEP_FIELDS,
            self.STEP_CONSENT,
        )

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
        data = draft.data
        with self.autosave.suspend():
            index = self.recipient.findData(data.get("recipient"))
            if index >= 0:
                self.recipient.setCurrentIndex(index)
            index = self.language.findData(data.get("language"))
            if index >= 0:
                self.language.setCurrentIndex(index)
            for name in (
                "other_name",
                "purpose",
                "advisor_name",
                "advisor_function",
                "employer_name",
                "contact_name",
                "contact_phone",
                "contact_email",
            ):
                value = data.get(name)
                if isinstance(value, str):
                    getattr(self, name).setText(value)
            fields = data.get("fields")
            if isinstance(fields, list):
                for key, box in self.field_boxes.items():
                    box.setChecked(key in fields)
            if data.get("signed_on_paper") is True:
                self.method_paper.setChecked(True)
            step = data.get("step")
            if step in (self.STEP_FIELDS, self.STEP_CONSENT):
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

    # -- step 1: recipient, purpose, language, sender --------------------------------------

    def _recipient_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading(_("Naar wie gaat de verwijzing?"), level=2))
        form = QFormLayout()
        self.recipient = QComboBox()
        self.recipient.setObjectName("recipientBox")
        advised = [
            str(route.get("id"))
            for route in (self.record.advice or {}).get("routes", [])
            if isinstance(route, dict) and route.get("id")
        ]
        chosen = self.record.chosen_route
        ordered: list[str] = []
        for route_id in [chosen, *advised]:
            if route_id and route_id not in ordered:
                ordered.append(route_id)
        routes = {route.id: route for route in (self.rules.routes if self.rules else ())}
        for route_id in ordered:
            route = routes.get(route_id)
            name = route.organisation if route else route_id
            self.recipient.addItem(_("{name} (advies)").format(name=isolate(name)), route_id)
        for route_id, route in routes.items():
            if route_id not in ordered and route.enabled:
                self.recipient.addItem(route.organisation + " – " + route.name, route_id)
        self.recipient.addItem(_("Andere organisatie…"), OTHER_RECIPIENT)
        self.recipient.currentIndexChanged.connect(self._recipient_changed)
        label = QLabel(_("&Ontvanger:"))
        label.setBuddy(self.recipient)
        form.addRow(label, self.recipient)

        self.other_name = bounded_line_edit(max_length=MAX_RECIPIENT_NAME)
        self.other_name.setObjectName("otherRecipientField")
        self.other_label = QLabel(_("&Naam organisatie:"))
        self.other_label.setBuddy(self.other_name)
        form.addRow(self.other_label, self.other_name)

        self.purpose = bounded_line_edit(max_length=MAX_PURPOSE)
        self.purpose.setObjectName("purposeField")
        label = QLabel(_("&Doel:"))
        label.setBuddy(self.purpose)
        form.addRow(label, self.purpose)

        self.language = QComboBox()
        self.language.setObjectName("languageBox")
        for code, name in texts.LANGUAGE_NAMES:
            self.language.addItem(name, code)
        label = QLabel(_("&Taal van de medewerker:"))
        label.setBuddy(self.language)
        form.addRow(label, self.language)
        layout.addLayout(form)
        self.helper_note = plain_label("")
        self.helper_note.setObjectName("helperNote")
        layout.addWidget(self.helper_note)

        sender = QGroupBox(_("Afzender (u)"))
        sender_form = QFormLayout(sender)
        profile = self.referrals.advisor_profile() or AdvisorProfile("", "", "")
        self.advisor_name = bounded_line_edit(max_length=200)
        self.advisor_name.setObjectName("advisorNameField")
        self.advisor_name.setText(profile.name)
        self.advisor_function = bounded_line_edit(max_length=200)
        self.advisor_function.setObjectName("advisorFunctionField")
        self.advisor_function.setText(profile.function)
        self.employer_name = bounded_line_edit(max_length=200)
        self.employer_name.setObjectName("employerNameField")
        self.employer_name.setText(profile.employer_name)
        for text, widget in (
            (_("Uw n&aam:"), self.advisor_name),
            (_("Uw &functie:"), self.advisor_function),
            (_("Naam &werkgever:"), self.employer_name),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            sender_form.addRow(label, widget)
        sender_form.addRow(
            plain_label(
                _(
                    "De naam van de werkgever komt alleen in de brief als de medewerker dat "
                    "goed vindt (volgende stap)."
                )
            )
        )
        layout.addWidget(sender)
        layout.addStretch(1)
        return page

    def _route_id(self) -> str:
        return str(self.recipient.currentData())

    def _recipient_changed(self) -> None:
        other = self._route_id() == OTHER_RECIPIENT
        self.other_name.setVisible(other)
        self.other_label.setVisible(other)
        self.purpose.setText(texts.default_purpose(self._route_id()))
        recipient = self._recipient()
        self.helper_note.setVisible(recipient.needs_helper_signature)
        self.helper_note.setText(
            _(
                "Let op: {name} neemt een aanvraag alleen aan via een hulpverlener, zoals "
                "maatschappelijk werk. Een vertrouwenspersoon van de werkgever telt daarvoor "
                "niet. De brief krijgt daarom ook een handtekeningblok voor de hulpverlener."
            ).format(name=isolate(recipient.name))
        )
        if hasattr(self, "field_boxes"):
            self._apply_minimum()

    def _recipient(self) -> Recipient:
        route_id = self._route_id()
        route = self.rules.route(route_id) if (self.rules and route_id != OTHER_RECIPIENT) else None
        name = self.other_name.text().strip() if route is None else route.organisation
        return recipient_for(route, route_id, name)

    def _advisor(self) -> AdvisorProfile:
        return AdvisorProfile(
            self.advisor_name.text().strip(),
            self.advisor_function.text().strip(),
            self.employer_name.text().strip(),
        )

    def _check_recipient_page(self) -> str | None:
        if self._route_id() == OTHER_RECIPIENT and not self.other_name.text().strip():
            return _("Vul de naam van de organisatie in.")
        if not self.purpose.text().strip():
            return _("Vul het doel van de verwijzing in.")
        if not self._advisor().is_complete:
            return _("Vul uw naam en functie in; die staan als afzender in de brief.")
        return None

    # -- step 2: what will be shared -------------------------------------------------------

    def _fields_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading(_("Wat wordt gedeeld?"), level=2))
        self.fields_intro = plain_label("")
        layout.addWidget(self.fields_intro)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        self.field_boxes: dict[str, QCheckBox] = {}
        self.field_previews: dict[str, QLabel] = {}
        for key in FIELD_KEYS:
            box = QCheckBox(texts.field_label(key))
            box.setObjectName(f"field_{key}")
            box.toggled.connect(self._fields_changed)
            preview = plain_label("")
            preview.setObjectName(f"preview_{key}")
            preview.setIndent(24)
            preview.setStyleSheet("color: #4a5a66;")
            self.field_boxes[key] = box
            self.field_previews[key] = preview
            inner_layout.addWidget(box)
            inner_layout.addWidget(preview)
            if key == "contact":
                self.contact_group = QWidget()
                contact_form = QFormLayout(self.contact_group)
                contact_form.setContentsMargins(24, 0, 0, 0)
                self.contact_name = bounded_line_edit(max_length=200)
                self.contact_name.setObjectName("contactNameField")
                self.contact_phone = bounded_line_edit(max_length=40)
                self.contact_phone.setObjectName("contactPhoneField")
                self.contact_email = bounded_line_edit(max_length=200)
                self.contact_email.setObjectName("contactEmailField")
                for text, widget in (
                    (_("Naam medewerker:"), self.contact_name),
                    (_("Telefoon:"), self.contact_phone),
                    (_("E-mail:"), self.contact_email),
                ):
                    label = QLabel(text)
                    label.setBuddy(widget)
                    contact_form.addRow(label, widget)
                    widget.textChanged.connect(self._fields_changed)
                inner_layout.addWidget(self.contact_group)
        inner_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        return page

    def _apply_minimum(self) -> None:
        minimum = minimum_fields(self._route_id())
        for key, box in self.field_boxes.items():
            box.setChecked(key in minimum)
        self.fields_intro.setText(
            _(
                "Aangevinkt is wat {recipient} minimaal nodig heeft. Al het andere staat uit. "
                "Bespreek elke regel met de medewerker: alleen wat aangevinkt is, komt in de "
                "brief, precies zoals het er grijs onder staat."
            ).format(recipient=isolate(self._recipient().name) or _("de ontvanger"))
        )
        self._fields_changed()

    def _chosen_fields(self) -> set[str]:
        return {key for key, box in self.field_boxes.items() if box.isChecked()}

    def _contact(self) -> ContactDetails:
        return ContactDetails(
            self.contact_name.text().strip(),
            self.contact_phone.text().strip(),
            self.contact_email.text().strip(),
        )

    def _fields_changed(self) -> None:
        self.contact_group.setVisible(self.field_boxes["contact"].isChecked())
        previews = self._preview_values()
        for key, label in self.field_previews.items():
            label.setText(previews.get(key, "") or _("(niets ingevuld)"))

    def _preview_values(self) -> dict[str, str]:
        """The exact letter text per field, from an in-memory preview consent (never stored)."""
        from app.documents.referral_pdf import dutch_letter_format, load_consent_bundle

        try:
            preview_consent = new_consent(
                case_code=self.record.case_code,
                recipient_id=self._route_id(),
                recipient_name=self._recipient().name or "-",
                purpose=self.purpose.text().strip() or "-",
                fields=FIELD_KEYS,
                text=load_consent_bundle("nl").text,
                given_at=self._now(),
                method=ConsentMethod.ON_SCREEN,
            )
            today = self.context.today()
            view = consented_view(
                self.record.intake,
                preview_consent,
                today,
                urgency=self._urgency(),
                contact=self._contact(),
                employer_name=self.employer_name.text(),
            )
            advisor = self._advisor()
            if not advisor.is_complete:
                advisor = AdvisorProfile("-", "-")
            letter = build_letter(view, advisor, self._recipient(), dutch_letter_format())
        except ConsentError:
            return {}
        return dict(letter.shared_values)

    def _urgency(self):
        days = self.rules.crisis_working_days if self.rules else 3
        return default_urgency(self.record.intake, self.context.today(), crisis_working_days=days)

    def _now(self) -> datetime:
        today = self.context.today()
        now = self.context.now().astimezone()
        if now.date() != today:  # a fixed "today" (tests, training): keep date and time apart
            now = now.replace(year=today.year, month=today.month, day=today.day)
        return now

    # -- step 3: the employee's consent ------------------------------------------------------

    def _consent_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.consent_heading = heading(_("Voor de medewerker"), level=2)
        layout.addWidget(self.consent_heading)
        layout.addWidget(
            plain_label(
                _(
                    "Draai het scherm naar de medewerker. Laat de tekst lezen of lees hem voor. "
                    "Nee zeggen mag en heeft geen gevolgen."
                )
            )
        )
        self.consent_text = QPlainTextEdit()
        self.consent_text.setObjectName("consentText")
        self.consent_text.setReadOnly(True)
        font = self.consent_text.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.consent_text.setFont(font)
        layout.addWidget(self.consent_text, 1)

        method_row = QHBoxLayout()
        method_row.addWidget(QLabel(_("Toestemming gegeven:")))
        self.method_screen = QRadioButton(_("op het sc&herm"))
        self.method_screen.setObjectName("methodScreen")
        self.method_screen.setChecked(True)
        self.method_paper = QRadioButton(_("op &papier getekend"))
        self.method_paper.setObjectName("methodPaper")
        group = QButtonGroup(page)
        group.addButton(self.method_screen)
        group.addButton(self.method_paper)
        method_row.addWidget(self.method_screen)
        method_row.addWidget(self.method_paper)
        method_row.addStretch(1)
        layout.addLayout(method_row)

        self.question = plain_label("")
        self.question.setObjectName("consentQuestion")
        font = self.question.font()
        font.setBold(True)
        self.question.setFont(font)
        layout.addWidget(self.question)
        answers = QHBoxLayout()
        self.no_button = QPushButton()
        self.no_button.setObjectName("declineButton")
        self.no_button.clicked.connect(self.decline)
        self.yes_button = QPushButton()
        self.yes_button.setObjectName("agreeButton")
        self.yes_button.clicked.connect(self.agree)
        answers.addWidget(self.no_button, 1)
        answers.addWidget(self.yes_button, 1)
        layout.addLayout(answers)
        return page

    def _prepare_consent_page(self) -> None:
        from app.documents.referral_pdf import load_consent_bundle, render_consent_text

        language = str(self.language.currentData())
        bundle = load_consent_bundle(language)
        self.bundle = bundle
        shown = render_consent_text(
            bundle,
            recipient=self._recipient().name,
            purpose=self.purpose.text().strip(),
            fields=self._chosen_fields(),
            expires_on=default_expiry(self.context.today()),
        )
        direction = (
            Qt.LayoutDirection.RightToLeft
            if bundle.right_to_left
            else Qt.LayoutDirection.LeftToRight
        )
        for widget in (self.consent_text, self.question, self.yes_button, self.no_button):
            widget.setLayoutDirection(direction)
        option = self.consent_text.document().defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(
            Qt.AlignmentFlag.AlignRight if bundle.right_to_left else Qt.AlignmentFlag.AlignLeft
        )
        self.consent_text.document().setDefaultTextOption(option)
        self.consent_text.setPlainText(shown)
        self.question.setText(bundle.question)
        self.question.setAlignment(Qt.AlignmentFlag.AlignLeading)
        self.yes_button.setText(bundle.yes)
        self.no_button.setText(bundle.no)

    def agree(self) -> None:
        """The employee said yes: record exactly what was shown, then go to the letter."""
        method = (
            ConsentMethod.SIGNED_ON_PAPER
            if self.method_paper.isChecked()
            else ConsentMethod.ON_SCREEN
        )
        try:
            advisor = self._advisor()
            self.referrals.save_advisor_profile(advisor)
            consent = new_consent(
                case_code=self.record.case_code,
                recipient_id=self._route_id(),
                recipient_name=self._recipient().name,
                purpose=self.purpose.text().strip(),
                fields=self._chosen_fields(),
                text=self.bundle.text,
                given_at=self._now(),
                method=method,
            )
            self.consent = self.referrals.record_consent(self.record.id, consent)
        except ConsentError as error:
            self.banner.show_error(str(error))
            return
        self._discard_draft()  # the consent is recorded now; the draft has done its work
        self._show(self.STEP_LETTER)

    def decline(self) -> None:
        self.consent = None
        self._discard_draft()  # "no" keeps nothing: not even the draft
        self._show(self.STEP_DECLINED)

    # -- step 4: the letter ------------------------------------------------------------------

    def _letter_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading(_("De brief maken"), level=2))
        self.letter_intro = plain_label(
            _(
                "De toestemming is vastgelegd. Maak nu de brief en de kopie voor de medewerker. "
                "Vindplaats verstuurt niets: u of de medewerker verstuurt of print de brief."
            )
        )
        layout.addWidget(self.letter_intro)
        self.maker = LetterMaker(self._build_job, files=self.context.user_files())
        self.maker.succeeded.connect(self._letter_made)
        layout.addWidget(self.maker, 1)
        return page

    def _build_job(self, encrypt: bool, employee_sends: bool, folder: Path) -> LetterJob:
        if self.consent is None:
            raise ConsentError(
                N_(
                    "Er is geen toestemming vastgelegd. Zonder toestemming van de medewerker "
                    "kan Vindplaats geen verwijsbrief maken."
                )
            )
        return LetterJob(
            intake=self.record.intake,
            consent=self.consent,
            advisor=self._advisor(),
            recipient=self._recipient(),
            today=self.context.today(),
            urgency=self._urgency(),
            contact=self._contact() if "contact" in self.consent.fields else None,
            employer_name=self.employer_name.text().strip(),
            encrypt=encrypt,
            employee_sends=employee_sends,
            folder=folder,
        )

    def _letter_made(self, job: LetterJob, result: LetterResult) -> None:
        assert self.consent is not None
        if self.referral_id is None:
            self.referral_id = self.referrals.create_referral(
                self.record.id,
                self.consent,
                recipient_name=job.recipient.name,
                crisis=result.crisis,
                deadline=result.deadline,
                contact=job.contact,
                today=job.today,
                employee_sends=job.employee_sends,
            )
        self.referrals.mark_produced(self.referral_id, today=job.today, encrypted=job.encrypt)
        if self.record.status is not IntakeStatus.REFERRED:
            self.intakes.set_status(self.record.id, IntakeStatus.REFERRED)
        self.close_button.setText(_("&Klaar"))

    # -- declined ----------------------------------------------------------------------------

    def _declined_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading(_("Niets gedeeld"), level=2))
        layout.addWidget(
            plain_label(
                _(
                    "De medewerker wil deze gegevens niet delen. Er is niets gedeeld en er is "
                    "geen toestemming bewaard. Dat heeft geen gevolgen voor het werk. U kunt "
                    "samen een andere route kiezen, zoals een anonieme eerste stap via Geldfit."
                )
            )
        )
        layout.addStretch(1)
        return page

    # -- navigation --------------------------------------------------------------------------

    def _show(self, step: int) -> None:
        self.banner.clear_message()
        if step == self.STEP_FIELDS:
            self._fields_changed()  # the purpose, sender or recipient may have changed
        if step == self.STEP_CONSENT:
            self._prepare_consent_page()
        self.stack.setCurrentIndex(step)
        self.back_button.setVisible(step in (self.STEP_FIELDS, self.STEP_CONSENT))
        self.next_button.setVisible(step in (self.STEP_RECIPIENT, self.STEP_FIELDS))
        if step in (self.STEP_LETTER, self.STEP_DECLINED):
            self.close_button.setText(_("&Sluiten"))

    def next(self) -> None:
        step = self.stack.currentIndex()
        if step == self.STEP_RECIPIENT:
            problem = self._check_recipient_page()
            if problem:
                self.banner.show_error(problem)
                return
            self._show(self.STEP_FIELDS)
        elif step == self.STEP_FIELDS:
            if not self._chosen_fields():
                self.banner.show_error(_("Kies minstens één gegeven, of sluit zonder te delen."))
                return
            self._show(self.STEP_CONSENT)
        self.save_work()

    def back(self) -> None:
        step = self.stack.currentIndex()
        if step in (self.STEP_FIELDS, self.STEP_CONSENT):
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
