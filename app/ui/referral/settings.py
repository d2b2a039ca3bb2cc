"""Instellingen > Verwijsbrieven: the sender of every letter, set once and kept in the vault.

The municipality is asked to contact the advisor; the letter therefore carries the advisor's
name, function, phone and e-mail (work details of the vertrouwenspersoon, not of an employee).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.core.referral.view import AdvisorProfile
from app.i18n import _
from app.store.referrals import ReferralRepository
from app.ui.context import AppContext
from app.ui.widgets import MessageBanner, bounded_line_edit, plain_label

MAX_PHONE = 40
MAX_EMAIL = 200


class ReferralSettingsGroup(QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Uw gegevens in verwijsbrieven"), parent)
        self.setObjectName("referralSettings")
        self.context = context
        self.repository = ReferralRepository(context.session.connection, clock=context.clock)
        profile = self.repository.advisor_profile() or AdvisorProfile("", "")
        form = QFormLayout(self)
        form.addRow(
            plain_label(
                _(
                    "Deze gegevens staan als afzender in elke verwijsbrief, zodat de ontvanger "
                    "u kan bereiken. Ze blijven in de versleutelde kluis."
                )
            )
        )
        self.name = bounded_line_edit(max_length=200)
        self.name.setObjectName("profileName")
        self.function = bounded_line_edit(max_length=200)
        self.function.setObjectName("profileFunction")
        self.employer = bounded_line_edit(max_length=200)
        self.employer.setObjectName("profileEmployer")
        self.phone = bounded_line_edit(max_length=MAX_PHONE)
        self.phone.setObjectName("profilePhone")
        self.email = bounded_line_edit(max_length=MAX_EMAIL)
        self.email.setObjectName("profileEmail")
        for field, value in (
            (self.name, profile.name),
            (self.function, profile.function),
            (self.employer, profile.employer_name),
            (self.phone, profile.phone),
            (self.email, profile.email),
        ):
            field.setText(value)
        for text, field in (
            (_("Uw n&aam:"), self.name),
            (_("Uw &functie:"), self.function),
            (_("Naam &werkgever:"), self.employer),
            (_("&Telefoon (werk):"), self.phone),
            (_("&E-mail (werk):"), self.email),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("Gegevens &opslaan"))
        self.save_button.setObjectName("saveProfile")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        row.addStretch(1)
        form.addRow(row)
        self.message = MessageBanner()
        form.addRow(self.message)

    def profile(self) -> AdvisorProfile:
        return AdvisorProfile(
            self.name.text().strip(),
            self.function.text().strip(),
            self.employer.text().strip(),
            self.phone.text().strip(),
            self.email.text().strip(),
        )

    def problem(self) -> str | None:
        profile = self.profile()
        if not profile.is_complete:
            return _("Vul uw naam en functie in; die staan als afzender in de brief.")
        if profile.email and ("@" not in profile.email or " " in profile.email):
            return _("Het e-mailadres lijkt niet te kloppen. Controleer het en probeer opnieuw.")
        if not (profile.phone or profile.email):
            return _("Vul een telefoonnummer of e-mailadres in, zodat de ontvanger u kan bereiken.")
        return None

    def save(self) -> bool:
        problem = self.problem()
        if problem is not None:
            self.message.show_error(problem)
            return False
        self.repository.save_advisor_profile(self.profile())
        self.message.show_info(_("Opgeslagen. De volgende verwijsbrief gebruikt deze gegevens."))
        return True

    def save_work(self) -> bool:
        """Leaving Instellingen: keep a complete, changed profile; never nag about an empty one."""
        stored = self.repository.advisor_profile() or AdvisorProfile("", "")
        current = self.profile()
        if current == stored or self.problem() is not None:
            return True
        return self.save()
