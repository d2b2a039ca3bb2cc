"""The advice cards show what the advise JSON carries: pilot, term source, SUNZ instrument."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QLabel

from app.core.intake import Arrear, ArrearKind, ContractType, Household, Intake, Threat
from app.core.routes import advise, load_rules
from app.core.yaml_text import safe_load
from app.paths import resource_path
from app.ui.intake.advice_view import route_card

RULES = load_rules(safe_load(resource_path("routes.yaml").read_text("utf-8")))
MONDAY = date(2026, 11, 30)


def card_for(qtbot, intake, route_id):
    advice = advise(intake, RULES, MONDAY)
    route = next(route for route in advice.routes if route.route_id == route_id)
    card = route_card(route)
    qtbot.addWidget(card)
    return card


def label(card, name):
    found = card.findChildren(QLabel, name)
    return found[0].text() if found else None


def test_pilot_card_says_pilot_to_confirm_and_has_no_term(qtbot):
    young = Intake(age_years=22, arrears=[Arrear(ArrearKind.DUO, Decimal(3000))])
    card = card_for(qtbot, young, "jpf")
    assert label(card, "pilot") == "Pilot, te bevestigen"
    assert label(card, "deadline") is None and label(card, "termSource") is None


def test_term_says_whether_the_law_or_the_municipality_sets_it(qtbot):
    law = card_for(qtbot, Intake(threats=[Threat.EVICTION]), "shv-crisis")
    assert "Wet gemeentelijke schuldhulpverlening" in label(law, "termSource")
    zzp = Intake(contract=ContractType.SELF_EMPLOYED, threats=[Threat.BUSINESS_SEIZURE])
    municipal = card_for(qtbot, zzp, "shv-crisis")
    assert "keuze van de gemeente" in label(municipal, "termSource")
    entrepreneurs = card_for(qtbot, zzp, "ondernemers")
    assert label(entrepreneurs, "deadline") is None
    assert label(entrepreneurs, "pilot") is None


def test_sunz_card_says_which_instrument_fits(qtbot):
    family = Intake(household=Household.FAMILY, total_debt=Decimal(2300))
    card = card_for(qtbot, family, "sunz")
    text = label(card, "instrument")
    assert text.startswith("Past: een renteloze lening.")
    assert "vraag na hoeveel er per maand over is" in text
    assert "niet bevestigd" in text
    assert label(card, "helperOnly")
    single = card_for(qtbot, Intake(household=Household.SINGLE, total_debt=Decimal(1900)), "sunz")
    assert label(single, "instrument").startswith("Past: een eenmalige gift.")
