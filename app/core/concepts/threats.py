"""Threatening situations (Wgs): they decide how fast help must come."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Final

from app.i18n import N_


class Threat(StrEnum):
    """Threatening situations (Wgs; the last two only for the self-employed)."""

    EVICTION = "ontruiming"
    CUT_OFF_GAS = "afsluiting_gas"
    CUT_OFF_WATER = "afsluiting_water"
    CUT_OFF_ELECTRICITY = "afsluiting_elektriciteit"
    CUT_OFF_DISTRICT_HEATING = "afsluiting_stadsverwarming"
    HEALTH_INSURANCE_CANCELLED = "opzegging_zorgverzekering"
    BUSINESS_SEIZURE = "beslag_bedrijf"
    BANK_CREDIT_CANCELLED = "bankkrediet_opgezegd"

    @property
    def self_employed_only(self) -> bool:
        return self in (Threat.BUSINESS_SEIZURE, Threat.BANK_CREDIT_CANCELLED)


LABELS: Final[Mapping[Threat, str]] = {
    Threat.EVICTION: N_("Brief over ontruiming van de woning"),
    Threat.CUT_OFF_GAS: N_("Brief dat het gas wordt afgesloten"),
    Threat.CUT_OFF_WATER: N_("Brief dat het water wordt afgesloten"),
    Threat.CUT_OFF_ELECTRICITY: N_("Brief dat de stroom wordt afgesloten"),
    Threat.CUT_OFF_DISTRICT_HEATING: N_("Brief dat de stadsverwarming wordt afgesloten"),
    Threat.HEALTH_INSURANCE_CANCELLED: N_("De zorgverzekering wordt opgezegd"),
    Threat.BUSINESS_SEIZURE: N_("Beslag dat het eigen bedrijf in gevaar brengt"),
    Threat.BANK_CREDIT_CANCELLED: N_("De bank zegt het krediet van het bedrijf op"),
}

LETTER_LABELS: Final[Mapping[Threat, str]] = {
    Threat.EVICTION: "dreigende huisuitzetting (ontruiming)",
    Threat.CUT_OFF_GAS: "dreigende afsluiting van gas",
    Threat.CUT_OFF_WATER: "dreigende afsluiting van water",
    Threat.CUT_OFF_ELECTRICITY: "dreigende afsluiting van elektriciteit",
    Threat.CUT_OFF_DISTRICT_HEATING: "dreigende afsluiting van stadsverwarming",
    Threat.HEALTH_INSURANCE_CANCELLED: "opzegging of ontbinding van de zorgverzekering",
    Threat.BUSINESS_SEIZURE: "beslag dat het voortbestaan van de onderneming bedreigt",
    Threat.BANK_CREDIT_CANCELLED: "opzegging van het bankkrediet van de onderneming",
}


class ThreatEvent(StrEnum):
    """What happens on the date, for one plain word in the sentence."""

    CUT_OFF = "afsluiting"
    EVICTION = "ontruiming"
    CANCELLATION = "opzegging"
    THREAT = "dreiging"  # several kinds, or a business threat


_EVENT: Final[Mapping[Threat, ThreatEvent]] = {
    Threat.EVICTION: ThreatEvent.EVICTION,
    Threat.CUT_OFF_GAS: ThreatEvent.CUT_OFF,
    Threat.CUT_OFF_WATER: ThreatEvent.CUT_OFF,
    Threat.CUT_OFF_ELECTRICITY: ThreatEvent.CUT_OFF,
    Threat.CUT_OFF_DISTRICT_HEATING: ThreatEvent.CUT_OFF,
    Threat.HEALTH_INSURANCE_CANCELLED: ThreatEvent.CANCELLATION,
    Threat.BANK_CREDIT_CANCELLED: ThreatEvent.CANCELLATION,
    Threat.BUSINESS_SEIZURE: ThreatEvent.THREAT,
}


def threat_event(threats: Iterable[Threat]) -> ThreatEvent:
    """ "afsluiting" when every threat is a cut-off, and so on; "dreiging" when they differ."""
    events = {_EVENT[threat] for threat in threats}
    return events.pop() if len(events) == 1 else ThreatEvent.THREAT
