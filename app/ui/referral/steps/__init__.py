"""The pages of the referral flow (app.ui.referral.flow), one widget per step.

Each step shows part of a :class:`~app.ui.referral.flow_state.FlowState`: ``load(state)`` fills
its widgets, ``store(state)`` writes what was typed back, and ``changed`` says that something
was typed (for the draft). The dialog does the navigation and everything with the vault.
"""

from app.ui.referral.steps.consent import ConsentStep
from app.ui.referral.steps.declined import DeclinedStep
from app.ui.referral.steps.fields import FieldsStep
from app.ui.referral.steps.letter import LetterStep
from app.ui.referral.steps.recipient import RecipientStep

__all__ = ["ConsentStep", "DeclinedStep", "FieldsStep", "LetterStep", "RecipientStep"]
