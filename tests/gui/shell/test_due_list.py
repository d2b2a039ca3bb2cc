"""The Start page lists what is due today and this week, crisis deadlines first, by the one
clock: follow-ups, crisis deadlines of conversations and the legal term of sent referrals."""

from __future__ import annotations

from datetime import date

from app.clock import FixedClock
from app.core.intake import Intake
from app.core.referral.status import ReferralStatus
from app.core.routes import advise
from app.preferences import Preferences
from app.shipped import load_shipped
from app.store.intakes import IntakeRepository, IntakeStatus
from app.store.referrals import ReferralRepository
from app.ui.context import AppContext
from app.ui.main_window import HomeSection
from tests.unit.referral.factories import make_consent

TUESDAY = date(2026, 12, 1)  # ISO week 49: Monday 30 November – Sunday 6 December
SHIPPED = load_shipped()


def _home(qtbot, vault_session, clock) -> HomeSection:
    context = AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=vault_session.data_dir,
        clock=clock,
        shipped=SHIPPED,
    )
    home = HomeSection(context, [], [])
    qtbot.addWidget(home)
    home.show()
    home.refresh()
    return home


def _conversation(repo: IntakeRepository, today: date, **answers):
    intake = Intake.from_dict({"schema_version": "1.0", **answers})
    record = repo.create(intake, today=today)
    stored = advise(intake, SHIPPED.rules, today).to_dict()
    repo.store_advice(record.id, stored, today=today)
    repo.set_status(record.id, IntakeStatus.OPEN)
    return record


def test_nothing_due_is_said_calmly(qtbot, vault_session):
    home = _home(qtbot, vault_session, FixedClock(today=TUESDAY))
    assert home.due_list.lines() == []
    assert "Geen termijnen of vervolggesprekken deze week" in home.due_list.text()


def test_crisis_deadlines_come_first_then_follow_ups_of_this_week(qtbot, vault_session):
    intakes = IntakeRepository(vault_session.connection)
    calm = intakes.create(today=TUESDAY)
    intakes.set_follow_up(calm.id, TUESDAY)  # today
    later = intakes.create(today=TUESDAY)
    intakes.set_follow_up(later.id, date(2026, 12, 4))  # Friday
    next_week = intakes.create(today=TUESDAY)
    intakes.set_follow_up(next_week.id, date(2026, 12, 8))  # not this week
    crisis = _conversation(intakes, TUESDAY, threats=["afsluiting_elektriciteit"])

    home = _home(qtbot, vault_session, FixedClock(today=TUESDAY))
    lines = home.due_list.lines()
    assert len(lines) == 3
    assert lines[0] == (
        f"Crisis – {crisis.case_code}: eerste gesprek bij de gemeente uiterlijk vrijdag "
        "4 december 2026"
    )
    assert lines[1] == f"{calm.case_code}: vervolggesprek vandaag"
    assert lines[2] == f"{later.case_code}: vervolggesprek vrijdag 4 december 2026"
    assert next_week.case_code not in home.due_list.text()
    # the week moves on with the clock: next Tuesday the Monday-8 follow-up is listed
    home.context.clock.set(today=date(2026, 12, 8))
    home.refresh()
    text = home.due_list.text()
    assert f"{next_week.case_code}: vervolggesprek vandaag" in text
    assert f"{later.case_code}: vervolggesprek vrijdag 4 december 2026 (over de datum)" in text
    assert text.index("Crisis") < text.index(next_week.case_code)


def test_a_sent_crisis_referral_shows_its_legal_term_instead_of_the_advice(qtbot, vault_session):
    intakes = IntakeRepository(vault_session.connection)
    crisis = _conversation(intakes, TUESDAY, threats=["ontruiming"])
    referrals = ReferralRepository(vault_session.connection)
    consent = referrals.record_consent(
        crisis.id, make_consent({"help_question", "crisis"}, given=TUESDAY)
    )
    referral_id = referrals.create_referral(
        crisis.id,
        consent,
        recipient_name="Gemeente Zoetermeer, schuldhulpverlening",
        crisis=True,
        deadline=date(2026, 12, 4),
        contact=None,
        today=TUESDAY,
    )
    referrals.set_status(referral_id, ReferralStatus.SENT, TUESDAY)
    home = _home(qtbot, vault_session, FixedClock(today=date(2026, 12, 3)))
    assert home.due_list.lines() == [
        f"Crisis – {crisis.case_code}: Gemeente Zoetermeer, schuldhulpverlening moet uiterlijk "
        "vrijdag 4 december 2026 reageren (wettelijke termijn)"
    ]
    assert home.due_list.body.item(0).foreground().color().name() == "#8a1c1c"


def test_a_line_opens_its_conversation_by_click_and_by_enter(qtbot, vault_session):
    from PySide6.QtCore import Qt

    from app.ui.main_window import MainArea

    intakes = IntakeRepository(vault_session.connection)
    first = intakes.create(today=TUESDAY)
    intakes.set_follow_up(first.id, TUESDAY)
    second = intakes.create(today=TUESDAY)
    intakes.set_follow_up(second.id, date(2026, 12, 3))
    context = AppContext(
        session=vault_session,
        preferences=Preferences(),
        data_dir=vault_session.data_dir,
        clock=FixedClock(today=TUESDAY),
        shipped=SHIPPED,
    )
    area = MainArea(context)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    area.show_section("start")
    area.home.refresh()
    listed = area.home.due_list.body
    assert listed.count() == 2
    intakes_section = area.section("gesprekken")

    rect = listed.visualItemRect(listed.item(1))
    qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert area.current_key() == "gesprekken"
    assert intakes_section.stack.currentWidget() is intakes_section.flow
    assert intakes_section.flow.record.id == second.id

    intakes_section.show_list()
    area.show_section("start")
    listed.setFocus()
    listed.setCurrentRow(0)
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert area.current_key() == "gesprekken"
    assert intakes_section.flow.record.id == first.id
