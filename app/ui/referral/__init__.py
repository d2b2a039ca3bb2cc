"""Consent and referral screens: the consent flow and the Verwijzingen section."""

from __future__ import annotations


def __getattr__(name: str):
    # `from app.ui.referral import ReferralsSection` loads the section only then: importing
    # the flow or the texts stays cheap.
    if name == "ReferralsSection":
        from app.ui.referral.section import ReferralsSection

        return ReferralsSection
    raise AttributeError(name)
