"""Consent and referral screens: the consent flow and the Verwijzingen section."""

from __future__ import annotations


def __getattr__(name: str):
    # The main window imports "app.ui.referral:ReferralsSection"; load it only then.
    if name == "ReferralsSection":
        from app.ui.referral.section import ReferralsSection

        return ReferralsSection
    raise AttributeError(name)
