"""Arabic labels are laid out right to left, also when they start with a Latin name."""

from __future__ import annotations

from app.i18n import directed


def test_directed_lays_arabic_labels_out_right_to_left():
    assert directed("Vindplaats مقفل", "ar") == "\u200fVindplaats مقفل"
    # no Arabic letter: isolated left to right, so its full stop stays at its end
    assert directed("Humanitas Zoetermeer.", "ar") == "\u200f\u2066Humanitas Zoetermeer.\u2069"
    assert directed("Vindplaats is vergrendeld", "nl") == "Vindplaats is vergrendeld"
    assert directed("", "ar") == ""
