"""In English, the error banners of core and store errors are English: the errors carry marked
Dutch msgids (app.i18n.messages) and the screens translate them when they show them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.i18n import translator
from app.store.keyslots import TEST_KDF
from app.store.referrals import ReferralRepository
from app.store.vault import Vault
from app.ui.i18n_qt import apply_language
from app.ui.referral.section import ReferralsSection
from app.ui.run import build_gui
from app.ui.signals.settings import SignalSettingsGroup
from tests.gui.referral.test_referral_screens import (  # noqa: F401 - fixtures
    _release_parents,
    clock,
    context,
    intake_id,
    make_referral_through_flow,
)
from tests.unit.referral.factories import TODAY

CONSENT_WITHDRAWN = (
    "De medewerker heeft de toestemming ingetrokken. Er kan geen verwijsbrief meer worden gemaakt."
)
STATUS_TEMPLATE = "Een verwijzing met status '{current}' kan niet naar '{new}'."


def _needs_english(msgid: str) -> None:
    """New msgids reach the en catalog when the catalogs are re-extracted (translations/)."""
    if translator("en").gettext(msgid) == msgid:
        pytest.skip(f"the en catalog has no translation of {msgid!r} yet")


@pytest.fixture
def english(qapp):
    apply_language(qapp, "en", notify=False)
    yield
    apply_language(qapp, "nl", notify=False)


def test_consent_and_status_error_banners_are_english(qtbot, context, intake_id, tmp_path, qapp):  # noqa: F811
    make_referral_through_flow(qtbot, context, intake_id, tmp_path)
    referral_id = ReferralRepository(context.session.connection).list_referrals()[0].id
    ReferralRepository(context.session.connection).withdraw(referral_id, TODAY)
    apply_language(qapp, "en", notify=False)
    try:
        section = ReferralsSection(context)
        qtbot.addWidget(section)
        section.show()
        section.table.selectRow(0)

        # Withdrawing twice: a StatusError; its status labels are parameters, translated too.
        section._withdraw(referral_id)
        text = section.banner.text()
        assert section.banner.isVisible() and "'withdrawn'" in text and "ingetrokken" not in text
        # A letter on withdrawn consent: a ConsentError.
        section.table.selectRow(0)
        section.remake_letter()
        consent_text = section.banner.text()

        _needs_english(STATUS_TEMPLATE)
        assert text == "A referral with status 'withdrawn' cannot change to 'withdrawn'."
        _needs_english(CONSENT_WITHDRAWN)
        assert consent_text == translator("en").gettext(CONSENT_WITHDRAWN)
        assert "withdrawn" in consent_text
    finally:
        apply_language(qapp, "nl", notify=False)


def test_signal_error_banner_is_english(qtbot, vault_session, tmp_path, english):
    from tests.gui.signals.test_signals_gui import make_context

    group = SignalSettingsGroup(make_context(vault_session, tmp_path))
    qtbot.addWidget(group)
    group.show()
    group.new_department.setText("   ")
    group.add_department()  # validate_department_name raises SignalError
    assert group.banner.text() == "Give the department a name."


def test_vault_error_banner_is_english(tmp_path, qtbot, english):
    data_dir = tmp_path / "data"
    Vault(data_dir, kdf=TEST_KDF).create("fictieve kluis lamp wolk")
    vault = Vault(data_dir, kdf=TEST_KDF, sleep=lambda _s: None)
    _app, window = build_gui(data_dir, language="en", vault=vault)
    qtbot.addWidget(window)
    window.show()
    screen = window.lock_screen
    qtbot.keyClicks(screen.secret, "dit is niet de goede zin")
    qtbot.keyClick(screen.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: screen.message.isVisible() and not screen.busy.isVisible(), timeout=10000
    )
    # WrongPassphrase is raised by the store in a worker thread, translated when shown.
    # (the wording is the English catalog's; .ci/check_translations.py keeps en complete)
    from app.i18n import _
    from app.store.errors import WrongPassphrase

    assert screen.message.text() == _(WrongPassphrase.default_message)
    assert not window.is_unlocked


def test_an_error_made_in_dutch_is_shown_in_the_language_of_the_moment(english):
    from app.core.signals import SignalError, validate_department_name
    from app.i18n import set_language
    from app.store.errors import VaultError

    set_language("nl")
    error = VaultError()
    with pytest.raises(SignalError) as caught:
        validate_department_name("")
    set_language("en")
    assert str(error) == "Something went wrong with the vault."
    assert str(caught.value) == "Give the department a name."
