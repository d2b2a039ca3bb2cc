"""The advice cards show what the advise JSON carries: pilot, term source, SUNZ instrument."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel

from app.core.intake import Intake
from app.core.routes import advise, load_rules
from app.core.yaml_text import safe_load
from app.paths import resource_path
from app.ui.intake.advice_view import route_card

RULES = load_rules(safe_load(resource_path("routes.yaml").read_text("utf-8")))
MONDAY = date(2026, 11, 30)


def intake(**answers):
    # built from JSON values, as a saved conversation is
    return Intake.from_dict({"schema_version": "1.0", **answers})


def card_for(qtbot, conversation, route_id):
    advice = advise(conversation, RULES, MONDAY)
    route = next(route for route in advice.routes if route.route_id == route_id)
    card = route_card(route)
    qtbot.addWidget(card)
    return card


def label(card, name):
    found = card.findChildren(QLabel, name)
    return found[0].text() if found else None


def test_pilot_card_says_pilot_to_confirm_and_has_no_term(qtbot):
    young = intake(age_years=22, arrears=[{"kind": "duo", "amount": 3000}])
    card = card_for(qtbot, young, "jpf")
    assert label(card, "pilot") == "Pilot, te bevestigen"
    assert label(card, "deadline") is None and label(card, "termSource") is None


def test_term_says_whether_the_law_or_the_municipality_sets_it(qtbot):
    law = card_for(qtbot, intake(threats=["ontruiming"]), "shv-crisis")
    assert "Wet gemeentelijke schuldhulpverlening" in label(law, "termSource")
    zzp = intake(contract="zzp", threats=["beslag_bedrijf"])
    municipal = card_for(qtbot, zzp, "shv-crisis")
    assert "keuze van de gemeente" in label(municipal, "termSource")
    entrepreneurs = card_for(qtbot, zzp, "ondernemers")
    assert label(entrepreneurs, "deadline") is None
    assert label(entrepreneurs, "pilot") is None


def test_sunz_card_says_which_instrument_fits(qtbot):
    family = intake(household="gezin", total_debt=2300)
    card = card_for(qtbot, family, "sunz")
    text = label(card, "instrument")
    assert text.startswith("Past: een renteloze lening.")
    assert "vraag na hoeveel er per maand over is" in text
    assert "niet bevestigd" in text
    assert label(card, "helperOnly")
    single = card_for(qtbot, intake(household="alleenstaand", total_debt=1900), "sunz")
    assert label(single, "instrument").startswith("Past: een eenmalige gift.")
