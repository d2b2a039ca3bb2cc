"""The debt total is offered from the arrears typed above; amounts line up."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QPushButton


def test_the_debt_total_is_offered_from_the_arrears(qtbot, unlocked) -> None:
    area = unlocked.main_area
    area.show_section("gesprekken")
    section = area.section("gesprekken")
    section.new_intake()
    flow = section.flow
    flow.steps.setCurrentRow(3)
    offer = flow.findChild(QPushButton, "offer_total_debt")
    assert not offer.isVisible()
    flow.findChild(QCheckBox, "arrear_huur_hypotheek").setChecked(True)
    qtbot.keyClicks(flow.findChild(QLineEdit, "arrear_amount_huur_hypotheek"), "1.250,50")
    flow.findChild(QCheckBox, "arrear_energie").setChecked(True)
    qtbot.keyClicks(flow.findChild(QLineEdit, "arrear_amount_energie"), "300")
    assert offer.isVisible()
    assert "1550,50" in offer.text()
    offer.click()
    total = flow.findChild(QLineEdit, "money_total_debt")
    assert total.text() == "1550,50"
    assert not offer.isVisible(), "nothing left to offer once taken"
    widths = {flow.findChild(QLineEdit, "arrear_amount_huur_hypotheek").width(), total.width()}
    assert len(widths) == 1, "every amount field has the same width"
    # the amount fields line up with each other
    huur = flow.findChild(QLineEdit, "arrear_amount_huur_hypotheek")
    energie = flow.findChild(QLineEdit, "arrear_amount_energie")
    assert (
        huur.mapTo(flow, huur.rect().topLeft()).x()
        == energie.mapTo(flow, energie.rect().topLeft()).x()
    )
