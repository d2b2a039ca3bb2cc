"""Step 1: recipient, purpose, language of the employee, and the sender (the advisor)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from app.core.consent import MAX_PURPOSE, MAX_RECIPIENT_NAME
from app.core.localized import active_language
from app.core.referral.view import AdvisorProfile, Recipient
from app.core.routes import RuleSet
from app.i18n import _, isolate
from app.store.intakes import IntakeRecord
from app.ui.referral import texts
from app.ui.referral.flow_state import OTHER_RECIPIENT, FlowState, resolve_recipient
from app.ui.widgets import bounded_line_edit, heading, plain_label


class RecipientStep(QWidget):
    changed = Signal()
    recipient_changed = Signal()  # another recipient: the fields step applies its minimum

    def __init__(
        self,
        record: IntakeRecord,
        rules: RuleSet | None,
        profile: AdvisorProfile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rules = rules
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Naar wie gaat de verwijzing?"), level=2))
        form = QFormLayout()
        self.recipient = QComboBox()
        self.recipient.setObjectName("recipientBox")
        advised = [
            str(route.get("id"))
            for route in (record.advice or {}).get("routes", [])
            if isinstance(route, dict) and route.get("id")
        ]
        ordered: list[str] = []
        for route_id in [record.chosen_route, *advised]:
            if route_id and route_id not in ordered:
                ordered.append(route_id)
        routes = {route.id: route for route in (rules.routes if rules else ())}
        for route_id in ordered:
            route = routes.get(route_id)
            language = active_language()  # the letter itself names the Dutch organisation
            name = route.text_in("organisation", language) if route else route_id
            self.recipient.addItem(_("{name} (advies)").format(name=isolate(name)), route_id)
        for route_id, route in routes.items():
            if route_id not in ordered and route.enabled:
                shown = route.localized(active_language())
                self.recipient.addItem(shown.organisation + " – " + shown.name, route_id)
        self.recipient.addItem(_("Andere organisatie…"), OTHER_RECIPIENT)
        self.recipient.currentIndexChanged.connect(self.refresh)
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
        reach = [part for part in (profile.phone, profile.email) if part]
        self.reach_note = plain_label(
            _("De ontvanger bereikt u via: {reach}. Aanpassen kan in Instellingen.").format(
                reach=isolate(", ".join(reach))
            )
            if reach
            else _(
                "Er staat nog geen telefoonnummer of e-mailadres van u in de brief. Vul die "
                "één keer in bij Instellingen > Uw gegevens in verwijsbrieven."
            )
        )
        self.reach_note.setObjectName("advisorReachNote")
        sender_form.addRow(self.reach_note)
        layout.addWidget(sender)
        layout.addStretch(1)

        self.recipient.currentIndexChanged.connect(self.changed)
        self.language.currentIndexChanged.connect(self.changed)
        for line in (
            self.other_name,
            self.purpose,
            self.advisor_name,
            self.advisor_function,
            self.employer_name,
        ):
            line.textChanged.connect(self.changed)

    def route_id(self) -> str:
        return str(self.recipient.currentData())

    def route_ids(self) -> set[str]:
        return {str(self.recipient.itemData(i)) for i in range(self.recipient.count())}

    def language_codes(self) -> set[str]:
        return {str(self.language.itemData(i)) for i in range(self.language.count())}

    def current_recipient(self) -> Recipient:
        return resolve_recipient(self.rules, self.route_id(), self.other_name.text())

    def refresh(self) -> None:
        """Another recipient: its default purpose, the organisation field, the helper note."""
        other = self.route_id() == OTHER_RECIPIENT
        self.other_name.setVisible(other)
        self.other_label.setVisible(other)
        settings = self.rules.settings if self.rules else None
        self.purpose.setText(settings.default_purpose(self.route_id()) if settings else "")
        recipient = self.current_recipient()
        route = self.rules.route(self.route_id()) if self.rules else None
        # On screen in the UI language; the letter names the organisation in Dutch.
        shown_name = route.text_in("organisation", active_language()) if route else recipient.name
        self.helper_note.setVisible(recipient.needs_helper_signature)
        self.helper_note.setText(
            _(
                "Let op: {name} neemt een aanvraag alleen aan via een hulpverlener, zoals "
                "maatschappelijk werk. Een vertrouwenspersoon van de werkgever telt daarvoor "
                "niet. De brief krijgt daarom ook een handtekeningblok voor de hulpverlener."
            ).format(name=isolate(shown_name))
        )
        self.recipient_changed.emit()

    def load(self, state: FlowState) -> None:
        """Show ``state`` (the recipient first: choosing one fills in its default purpose)."""
        index = self.recipient.findData(state.route_id)
        if index >= 0:
            self.recipient.setCurrentIndex(index)
        index = self.language.findData(state.language)
        if index >= 0:
            self.language.setCurrentIndex(index)
        for name in (
            "other_name",
            "purpose",
            "advisor_name",
            "advisor_function",
            "employer_name",
        ):
            getattr(self, name).setText(getattr(state, name))

    def store(self, state: FlowState) -> None:
        state.route_id = self.route_id()
        state.language = str(self.language.currentData())
        state.other_name = self.other_name.text()
        state.purpose = self.purpose.text()
        state.advisor_name = self.advisor_name.text()
        state.advisor_function = self.advisor_function.text()
        state.employer_name = self.employer_name.text()
