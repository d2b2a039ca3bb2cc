"""Small things of the advisor's day: the route by name, a disabled field that looks it,
and the names rule explained where a name is asked."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.core.intake import Intake
from app.core.routes import advise
from app.store.intakes import IntakeRepository, IntakeStatus


def test_the_case_list_names_the_advised_route(qtbot, unlocked) -> None:
    area = unlocked.main_area
    context = area.context
    rules, _problem = context.shipped.routes
    repository = IntakeRepository(context.session.connection, clock=context.clock)
    today = context.today()
    record = repository.create(Intake(), today=today)
    advice = advise(Intake(), rules, today)
    repository.store_advice(record.id, advice.to_dict(), today=today)
    repository.set_status(record.id, IntakeStatus.OPEN)
    area.show_section("gesprekken")
    page = area.section("gesprekken").list_page
    page.reload()
    shown = page.table.item(0, 4).text()
    assert shown == rules.route(advice.routes[0].route_id).name
    assert "advies gevolgd" not in shown


def test_the_reason_field_looks_disabled_until_another_route_is_chosen(qtbot, unlocked) -> None:
    view = unlocked.main_area.section("gesprekken").flow.advice_view
    assert not view.reason.isEnabled()
    assert "andere route" in view.reason.placeholderText()
    assert ":disabled" in view.reason.styleSheet()
    view.route_choice.setCurrentIndex(1)
    assert view.reason.isEnabled()
    assert "Waarom deze route" in view.reason.placeholderText()


def test_names_are_explained(qtbot, unlocked) -> None:
    page = unlocked.main_area.section("gesprekken").list_page
    texts = " ".join(label.text() for label in page.findChildren(QLabel))
    assert "verwijzingsbrief" in texts and "toestemming" in texts


def test_presenting_keeps_a_case_chooser_and_gives_the_menu_room(qtbot, unlocked) -> None:
    area = unlocked.main_area
    area.show_section("training")
    training = area.section("training")
    training.set_presentation(True)
    try:
        assert not area.nav.isVisible(), "the projector shows the training, not the menu"
        chooser = training.present_case
        assert chooser.isVisible() and chooser.count() == training.case_list.count()
        chooser.setCurrentIndex(2)
        assert training.case_list.currentRow() == 2
    finally:
        training.set_presentation(False)
    assert area.nav.isVisible() and not training.present_case.isVisible()


def test_the_auto_lock_unit_follows_the_number(qtbot, unlocked) -> None:
    spin = unlocked.main_area.section("instellingen").idle_minutes
    spin.setValue(1)
    assert spin.text() == "1 minuut"
    spin.setValue(5)
    assert spin.text() == "5 minuten"
