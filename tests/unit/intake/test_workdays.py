from datetime import date

from app.core.workdays import add_working_days, next_working_day, wgs_deadline

WGS = {"crisis_working_days": 3, "regular_weeks": 4}  # the Wgs terms as routes.yaml ships them


def test_easter_2027_is_skipped():
    # Good Friday 26 March and Easter Monday 29 March 2027 are public holidays.
    assert wgs_deadline(date(2027, 3, 25), crisis=True, **WGS) == date(2027, 4, 1)
    assert wgs_deadline(date(2027, 3, 26), crisis=True, **WGS) == date(2027, 4, 1)
    assert wgs_deadline(date(2027, 3, 1), crisis=False, **WGS) == date(2027, 3, 30)


def test_weekend_and_kingsday():
    assert add_working_days(date(2026, 12, 4), 1) == date(2026, 12, 7)  # Friday -> Monday
    assert next_working_day(date(2027, 4, 27)) == date(2027, 4, 28)  # Koningsdag
    assert wgs_deadline(date(2026, 11, 30), crisis=False, **WGS) == date(2026, 12, 28)
