"""New intake facts: living with parents, unclaimed regelingen, the threat date; and reading
what older versions stored."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
import yaml

from app.core.concepts.household import Household
from app.core.concepts.schemes import Scheme
from app.core.concepts.threats import Threat, ThreatEvent, threat_event
from app.core.intake import UNKNOWN, Intake
from app.core.intake_codec import IntakeFormatError, intake_from_stored
from app.core.routes import advise, intake_facts, load_rules
from app.core.threat_date import before_term
from app.paths import resource_path

RULES = load_rules(yaml.safe_load(resource_path("routes.yaml").read_text("utf-8")))
MONDAY = date(2026, 11, 30)


def test_with_parents_counts_as_single_for_the_sunz_limit():
    assert Household.WITH_PARENTS.is_single and Household.WITH_PARENTS.default_size == 1
    # 2200: above the gift (2000) and the single loan (1750), within the family loan (2500)
    intake = Intake(household=Household.WITH_PARENTS, total_debt=Decimal(2200), threats=[])
    assert "schuld_boven_sunz_grens" in intake_facts(intake, RULES)
    assert intake.people == 1
    family = Intake(household=Household.FAMILY, total_debt=Decimal(2200), threats=[])
    assert "sunz_lening_past" in intake_facts(family, RULES)


@pytest.mark.parametrize(
    ("schemes", "fact"),
    [([Scheme.ZOETERMEERPAS], True), ([], False), (UNKNOWN, False), (None, False)],
)
def test_unclaimed_regelingen_are_a_fact_of_their_own(schemes, fact):
    intake = Intake(unclaimed_schemes=schemes, threats=[], arrears=[])
    assert ("regelingen_niet_aangevraagd" in intake_facts(intake, RULES)) is fact
    ids = advise(intake, RULES, MONDAY).route_ids
    assert ("formulierenbrigade" in ids) is fact


def test_the_threat_date_belongs_to_a_threat():
    assert Intake(threats=[], threat_date=MONDAY).known_threat_date is None
    assert Intake(threats=[Threat.EVICTION], threat_date=UNKNOWN).known_threat_date is None
    assert Intake(threats=[Threat.EVICTION], threat_date=MONDAY).known_threat_date == MONDAY


def test_threat_event_and_before_term():
    assert threat_event([Threat.CUT_OFF_GAS, Threat.CUT_OFF_WATER]) is ThreatEvent.CUT_OFF
    assert threat_event([Threat.EVICTION]) is ThreatEvent.EVICTION
    assert threat_event([Threat.HEALTH_INSURANCE_CANCELLED]) is ThreatEvent.CANCELLATION
    assert threat_event([Threat.EVICTION, Threat.CUT_OFF_GAS]) is ThreatEvent.THREAT
    term_end = date(2026, 12, 3)
    assert before_term(date(2026, 12, 2), term_end)
    assert not before_term(term_end, term_end)
    assert not before_term(None, term_end) and not before_term(date(2026, 12, 2), None)


def test_new_fields_round_trip_through_json():
    intake = Intake(
        household=Household.WITH_PARENTS,
        threats=[Threat.CUT_OFF_ELECTRICITY],
        threat_date=date(2028, 2, 29),
        unclaimed_schemes=[Scheme.TAX_REMISSION, Scheme.SPECIAL_ASSISTANCE],
    )
    data = json.loads(json.dumps(intake.to_dict()))
    assert data["threat_date"] == "2028-02-29"
    assert data["unclaimed_schemes"] == ["kwijtschelding", "bijzondere_bijstand"]
    assert Intake.from_dict(data) == intake


def test_what_older_versions_stored_still_opens():
    old = {"schema_version": "1.0", "household_size": 0, "threats": ["ontruiming"] * 2}
    with pytest.raises(IntakeFormatError):
        Intake.from_dict(old)
    intake = intake_from_stored(old)
    assert intake.household_size is None and intake.threats == [Threat.EVICTION]
    with pytest.raises(IntakeFormatError):  # anything else is still refused
        intake_from_stored({**old, "household_size": -1})
