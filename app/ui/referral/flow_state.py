"""The referral flow's state: a plain dataclass, no Qt (see app.ui.referral.flow).

The step widgets (app.ui.referral.steps) write what is typed into one :class:`FlowState`;
the dialog reads it for the checks, the previews, the consent and the letter. Its draft form
(:meth:`FlowState.to_draft`) is what the vault keeps of a half-filled flow (never a consent).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from app.core.consent import ConsentRecord
from app.core.referral.view import AdvisorProfile, ContactDetails, Recipient, recipient_for
from app.core.routes import RuleSet
from app.i18n import _

OTHER_RECIPIENT = "anders"

# The text fields of the draft (same names in FlowState).
DRAFT_TEXTS = (
    "other_name",
    "purpose",
    "advisor_name",
    "advisor_function",
    "employer_name",
    "contact_name",
    "contact_phone",
    "contact_email",
)


class Step(IntEnum):
    """The pages of the flow, in order (the index in the dialog's stack)."""

    RECIPIENT = 0
    FIELDS = 1
    CONSENT = 2
    LETTER = 3
    DECLINED = 4


DRAFTING_STEPS = (Step.RECIPIENT, Step.FIELDS, Step.CONSENT)


def resolve_recipient(rules: RuleSet | None, route_id: str, other_name: str) -> Recipient:
    """The recipient for ``route_id``: a shipped route, or the organisation typed in."""
    route = rules.route(route_id) if (rules and route_id != OTHER_RECIPIENT) else None
    name = other_name.strip() if route is None else route.organisation
    return recipient_for(route, route_id, name)


@dataclass
class FlowState:
    """Everything the advisor chose so far, and the consent once the employee said yes."""

    step: Step = Step.RECIPIENT
    route_id: str = ""
    other_name: str = ""
    purpose: str = ""
    language: str = "nl"
    advisor_name: str = ""
    advisor_function: str = ""
    employer_name: str = ""
    fields: set[str] = field(default_factory=set)
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    signed_on_paper: bool = False
    consent: ConsentRecord | None = None
    referral_id: int | None = None

    @property
    def drafting(self) -> bool:
        """Steps 1-3: the fields are a draft in the vault until the employee says yes or no."""
        return self.step in DRAFTING_STEPS

    def advisor(self, stored: AdvisorProfile | None = None) -> AdvisorProfile:
        """The sender as typed in step 1; phone and e-mail come from ``stored`` (the profile
        set in Instellingen)."""
        return AdvisorProfile(
            self.advisor_name.strip(),
            self.advisor_function.strip(),
            self.employer_name.strip(),
            stored.phone if stored else "",
            stored.email if stored else "",
        )

    def contact(self) -> ContactDetails:
        return ContactDetails(
            self.contact_name.strip(), self.contact_phone.strip(), self.contact_email.strip()
        )

    def recipient(self, rules: RuleSet | None) -> Recipient:
        return resolve_recipient(rules, self.route_id, self.other_name)

    def recipient_problem(self) -> str | None:
        """Why step 1 is not complete yet (one sentence), or None."""
        if self.route_id == OTHER_RECIPIENT and not self.other_name.strip():
            return _("Vul de naam van de organisatie in.")
        if not self.purpose.strip():
            return _("Vul het doel van de verwijzing in.")
        if not self.advisor().is_complete:
            return _("Vul uw naam en functie in; die staan als afzender in de brief.")
        return None

    def fields_problem(self) -> str | None:
        if not self.fields:
            return _("Kies minstens één gegeven, of sluit zonder te delen.")
        return None

    # -- the draft ---------------------------------------------------------------------------

    def to_draft(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "step": int(min(self.step, Step.CONSENT)),
            "recipient": self.route_id,
            "language": self.language,
            "fields": sorted(self.fields),
            "signed_on_paper": self.signed_on_paper,
        }
        data.update({name: getattr(self, name) for name in DRAFT_TEXTS})
        return {key: data[key] for key in _DRAFT_ORDER}

    def apply_draft(self, data: Mapping[str, Any], *, routes: set[str], languages: set[str]):
        """Take over what a stored draft holds, value by value; unknown values are skipped.

        ``routes`` and ``languages`` are the choices the screens offer. The step is returned
        (FIELDS or CONSENT when the draft was further than step 1), or None.
        """
        if data.get("recipient") in routes:
            self.route_id = str(data["recipient"])
        if data.get("language") in languages:
            self.language = str(data["language"])
        for name in DRAFT_TEXTS:
            value = data.get(name)
            if isinstance(value, str):
                setattr(self, name, value)
        fields = data.get("fields")
        if isinstance(fields, list):
            self.fields = {key for key in fields if isinstance(key, str)}
        if data.get("signed_on_paper") is True:
            self.signed_on_paper = True
        step = data.get("step")
        return Step(step) if step in (Step.FIELDS, Step.CONSENT) else None


_DRAFT_ORDER = (
    "step",
    "recipient",
    "other_name",
    "purpose",
    "language",
    "advisor_name",
    "advisor_function",
    "employer_name",
    "fields",
    "contact_name",
    "contact_phone",
    "contact_email",
    "signed_on_paper",
)
