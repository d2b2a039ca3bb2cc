"""``vindplaats self-test``: does this installation work on this computer?

For IT support on a laptop that misbehaves, and for CI on the frozen build. Every check uses
the app's own code paths on fictional data in a fresh temporary folder, which is removed
afterwards; the advisor's own vault and preferences are never opened. One line per check with
its time in milliseconds; the exit code is 0 only when every check passed.

The test vault uses cheap Argon2id parameters (``keyslots.TEST_KDF``), acceptable only
because it holds nothing and lives for a second. The production parameters are checked
separately (``argon2id``), which also shows how long an unlock takes on this machine.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.i18n import _, ngettext

if TYPE_CHECKING:
    from app.shipped import ShippedData

PASSPHRASE = "zelftest fictieve kluis met een lange zin"  # noqa: S105 - throwaway test vault
QT_LANGUAGES = ("nl", "tr", "pl", "ar")  # Qt ships no real English catalog (source texts)
WINDOW_TIMEOUT_S = 30.0


class CheckFailed(Exception):
    """A check found a problem; the text (one line) says which."""


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    ms: float

    def line(self) -> str:
        status = "ok  " if self.ok else "FOUT"
        return f"{status}  {self.name:<15} {self.ms:7.0f} ms  {self.detail}"


@dataclass
class _State:
    folder: Path
    shipped: ShippedData
    vault: Any = None
    session: Any = None
    qt_app: Any = None
    previous_handler: Any = None


# --- the checks ------------------------------------------------------------------------------


def check_argon2id(state: _State) -> str:
    import secrets

    from app.store.keyslots import PRODUCTION_MINIMUM, derive_key

    key = derive_key(b"zelftest", secrets.token_bytes(16), PRODUCTION_MINIMUM)
    if len(key) != 32:
        raise CheckFailed(_("Argon2id gaf een sleutel van de verkeerde lengte."))
    p = PRODUCTION_MINIMUM
    return _("minimale instellingen ({mib} MiB, t={t}, p={p}) werken").format(
        mib=p.memory_kib // 1024, t=p.time_cost, p=p.parallelism
    )


def check_vault(state: _State) -> str:
    from app.store.keyslots import TEST_KDF
    from app.store.vault import UnlockThrottle, Vault

    state.vault = Vault(state.folder / "kluis", kdf=TEST_KDF, throttle=UnlockThrottle())
    state.vault.create(PASSPHRASE)
    state.session = state.vault.unlock(PASSPHRASE)
    return _("nieuwe kluis in een tijdelijke map gemaakt en geopend (goedkope Argon2id-test)")


def _connection(state: _State):
    if state.session is None:
        raise CheckFailed(_("geen kluis: de controle 'kluis' is mislukt"))
    return state.session.connection


def check_cipher_version(state: _State) -> str:
    row = _connection(state).execute("PRAGMA cipher_version").fetchone()
    version = str(row[0]) if row and row[0] else ""
    if not version.startswith("4."):
        raise CheckFailed(_("SQLCipher {version} gevonden, 4.x nodig").format(version=version))
    provider = _connection(state).execute("PRAGMA cipher_provider").fetchone()
    return f"SQLCipher {version}" + (f" ({provider[0]})" if provider and provider[0] else "")


def check_settings(state: _State) -> str:
    from app.store.db import REQUIRED_SETTINGS, read_settings

    values = read_settings(_connection(state))
    wrong = [name for name, expected in REQUIRED_SETTINGS.items() if values.get(name) != expected]
    shown = ", ".join(f"{name}={values.get(name)}" for name in REQUIRED_SETTINGS)
    if wrong:
        raise CheckFailed(
            _("verkeerde instelling: {names} ({shown})").format(names=", ".join(wrong), shown=shown)
        )
    return shown


def check_write_read(state: _State) -> str:
    import secrets

    from app.store import audit
    from app.store.layout import DB_NAME

    marker = "zelftest-" + secrets.token_hex(8)
    audit.record(_connection(state), "selftest.row", marker)
    # Read back on a second connection: the row reached the file and the key opens it again.
    with contextlib.closing(state.session.connect()) as other:
        found = [event.detail for event in audit.list_events(other, event="selftest.row")]
    if marker not in found:
        raise CheckFailed(_("de geschreven regel is niet teruggelezen"))
    with (state.vault.data_dir / DB_NAME).open("rb") as handle:
        if handle.read(16) == b"SQLite format 3\x00":
            raise CheckFailed(_("het kluisbestand is niet versleuteld"))
    return _("regel geschreven en via een tweede verbinding teruggelezen; bestand versleuteld")


def check_integrity(state: _State) -> str:
    _connection(state)
    report = state.session.check()  # cipher_integrity_check, integrity_check, foreign keys
    if not report.healthy:
        raise CheckFailed("; ".join(report.problems))
    return "; ".join(report.lines)


def check_pdf(state: _State) -> str:
    from app.core.consent import FIELD_KEYS, ConsentMethod, new_consent
    from app.core.intake import Intake
    from app.core.referral.view import AdvisorProfile, ContactDetails, recipient_for
    from app.documents.pdf_text import pdf_text_lines
    from app.documents.referral_pdf import load_consent_bundle, produce_referral

    shipped = state.shipped
    scenario = shipped.scenario("01-crisis-afsluiting-stroom.json")
    today = date.fromisoformat(scenario["today"])
    rules, problem = shipped.routes
    if rules is None:
        raise CheckFailed(str(problem))
    recipient = recipient_for(rules.route("shv"), "shv", "")
    bundle = load_consent_bundle(shipped, "ar")  # the employee's copy in Arabic: shaping and RTL
    consent = new_consent(
        case_code="G-2026-0001",
        recipient_id="shv",
        recipient_name=recipient.name,
        purpose="Aanmelding voor schuldhulpverlening",
        fields=FIELD_KEYS,
        text=bundle.text,
        given_at=datetime(today.year, today.month, today.day, 10, 0, tzinfo=UTC),
        method=ConsentMethod.ON_SCREEN,
    )
    documents = produce_referral(
        Intake.from_dict(scenario["intake"]),
        consent,
        AdvisorProfile("Test Persoon", "Vertrouwenspersoon", "Fictief B.V."),
        recipient,
        today,
        settings=rules.settings,
        contact=ContactDetails("Test Persoon", "06-00000000", ""),
        shipped=shipped,
    )
    letter = pdf_text_lines(documents.letter_pdf)
    if not any(recipient.name in line for line in letter):
        raise CheckFailed(_("de naam van de ontvanger staat niet in de teruggelezen brief"))
    copy = pdf_text_lines(documents.copy_pdf)
    arabic = _shaped_line(copy, bundle.copy.title)
    if arabic is None:
        raise CheckFailed(_("de Arabische titel staat niet (gevormd) in de teruggelezen kopie"))
    missing = _missing_glyphs(arabic, shipped.fonts.bold)
    if missing:
        raise CheckFailed(_("het lettertype mist tekens: {chars}").format(chars=" ".join(missing)))
    return _("brief {letter} kB en Arabische kopie {copy} kB teruggelezen; vormen aanwezig").format(
        letter=len(documents.letter_pdf) // 1024, copy=len(documents.copy_pdf) // 1024
    )


def _shaped_line(lines: Sequence[str], logical: str) -> str | None:
    """The drawn line that is ``logical`` shaped (presentation forms) and in visual order.

    Undoing both (reverse, NFKC folds the forms back to plain letters) must give the text
    back; and at least one letter must be in a presentation form, else nothing was shaped.
    """
    for line in lines:
        if unicodedata.normalize("NFKC", line[::-1]) == logical and any(
            0xFB50 <= ord(char) <= 0xFEFF for char in line
        ):
            return line
    return None


def _missing_glyphs(text: str, font: Path) -> list[str]:
    """Characters of ``text`` that the bundled font has no glyph for (would print as boxes)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    face = TTFontFile(str(font))
    return sorted(
        {f"U+{ord(c):04X}" for c in text if not c.isspace() and ord(c) not in face.charToGlyph}
    )


def check_catalogs(state: _State) -> str:
    from babel.messages.pofile import read_po

    from app.i18n import LANGUAGES
    from app.i18n.catalogs import configure_cache, load_translations, po_path
    from app.i18n.formatting import format_date, format_money

    configure_cache(state.folder / "catalogs")  # never the user's own cache folder
    counts = []
    for code in LANGUAGES:
        with po_path(code).open("rb") as handle:
            catalog = read_po(handle)
        translated = [
            m
            for m in catalog
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy and not m.context
        ]
        if code != "nl":
            if not translated:
                raise CheckFailed(_("de catalogus {code} is leeg").format(code=code))
            sample = translated[-1]
            assert isinstance(sample.id, str)
            if load_translations(code).gettext(sample.id) != sample.string:
                raise CheckFailed(_("de catalogus {code} laadt niet").format(code=code))
        counts.append(f"{code} {len(translated) if code != 'nl' else len(catalog)}")
        # Babel's locale data for this language (a bundle ships only the locales used).
        if not format_date(date(2026, 12, 1), language=code).strip():
            raise CheckFailed(_("geen datumnotatie voor {code}").format(code=code))
        if "1" not in format_money(1234, language=code):
            raise CheckFailed(_("geen geldnotatie voor {code}").format(code=code))
    return _(
        "catalogi en datum- en geldnotatie geladen (vertaalde teksten; nl: brontaal, alle "
        "teksten): {counts}"
    ).format(counts=", ".join(counts))


def check_licences(state: _State) -> str:
    from app.licences import APP_DISTRIBUTION, components, normalise

    found = components(state.shipped)
    names = {normalise(component.name) for component in found}
    missing = [
        name for name in (APP_DISTRIBUTION, "pyside6-essentials", "sqlcipher3") if name not in names
    ]
    if missing:
        # a frozen build without the metadata: "Over Vindplaats" would miss these
        raise CheckFailed(_("geen gegevens over: {names}").format(names=", ".join(missing)))
    unknown = [c.name for c in found if not (c.licence or c.licence_files)]
    if unknown:
        raise CheckFailed(_("licentie onbekend: {names}").format(names=", ".join(unknown)))
    return ngettext(
        "{count} onderdeel met de licentie (voor 'Over Vindplaats')",
        "{count} onderdelen met hun licentie (voor 'Over Vindplaats')",
        len(found),
    ).format(count=len(found))


def _qt_application(state: _State):
    if state.qt_app is None:
        if "QT_QPA_PLATFORM" not in os.environ and _no_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import qInstallMessageHandler
        from PySide6.QtWidgets import QApplication

        from app.ui.application import VindplaatsApplication

        # Qt's own warnings (the offscreen plugin has a few) would interleave with our lines;
        # each check judges the result itself.
        state.previous_handler = qInstallMessageHandler(lambda *_args: None)
        state.qt_app = QApplication.instance() or VindplaatsApplication(sys.argv[:1])
    return state.qt_app


def _no_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def check_qt_translations(state: _State) -> str:
    from PySide6.QtCore import QTranslator

    from app.ui.i18n_qt import qt_translations_dir

    _qt_application(state)
    loaded = []
    for code in QT_LANGUAGES:
        translator = QTranslator()
        if not translator.load(f"qtbase_{code}", qt_translations_dir()) or translator.isEmpty():
            raise CheckFailed(_("qtbase_{code}.qm ontbreekt").format(code=code))
        loaded.append(code)
    dutch = QTranslator()
    dutch.load("qtbase_nl", qt_translations_dir())
    cancel = dutch.translate("QPlatformTheme", "Cancel")
    if not cancel:
        raise CheckFailed(_("qtbase_nl.qm vertaalt 'Cancel' niet"))
    return _("qtbase geladen voor {codes}; 'Cancel' wordt '{cancel}'").format(
        codes=", ".join(loaded), cancel=cancel
    )


def check_main_window(state: _State) -> str:
    from PySide6.QtCore import QEventLoop, QTimer

    from app.ui.main_window import SECTIONS
    from app.ui.run import build_gui

    app = _qt_application(state)
    if state.vault is None:
        raise CheckFailed(_("geen kluis: de controle 'kluis' is mislukt"))
    _app, window = build_gui(
        state.vault.data_dir, language="nl", vault=state.vault, shipped=state.shipped
    )
    try:
        window.unlock_with_passphrase(PASSPHRASE)  # the real path: a worker thread unlocks
        deadline = time.monotonic() + WINDOW_TIMEOUT_S
        loop = QEventLoop()
        while not window.is_unlocked and time.monotonic() < deadline:
            QTimer.singleShot(20, loop.quit)
            loop.exec()
        if window.main_area is None:
            raise CheckFailed(_("het hoofdvenster ging niet open"))
        sections = window.main_area.sections
        built = [type(section) for section in sections]
        missing = [
            _(spec.title)
            for index, spec in enumerate(SECTIONS)
            if index >= len(built) or built[index] is not spec.load()
        ]
        if missing:
            raise CheckFailed(_("onderdelen ontbreken: {names}").format(names=", ".join(missing)))
        image = window.grab()  # paints every widget without showing the window
        if image.isNull():
            raise CheckFailed(_("het hoofdvenster kon niet getekend worden"))
        return ngettext(
            "{count} onderdeel gebouwd en getekend ({width}x{height}, platform {name})",
            "{count} onderdelen gebouwd en getekend ({width}x{height}, platform {name})",
            len(sections),
        ).format(
            count=len(sections), width=image.width(), height=image.height(), name=app.platformName()
        )
    finally:
        window.lock()
        window.close()
        window.deleteLater()
        app.processEvents()


CHECKS: tuple[tuple[str, Callable[[_State], str]], ...] = (
    ("argon2id", check_argon2id),
    ("kluis", check_vault),
    ("sqlcipher", check_cipher_version),
    ("instellingen", check_settings),
    ("schrijven-lezen", check_write_read),
    ("integriteit", check_integrity),
    ("pdf", check_pdf),
    ("vertalingen", check_catalogs),
    ("licenties", check_licences),
    ("qt-vertalingen", check_qt_translations),
    ("hoofdvenster", check_main_window),
)


_NEEDS_VAULT = frozenset(
    {"sqlcipher", "instellingen", "schrijven-lezen", "integriteit", "hoofdvenster"}
)


def run_self_test(
    write: Callable[[str], None] = print,
    *,
    shipped: ShippedData,
    only: Sequence[str] | None = None,
) -> list[CheckResult]:
    """Run the checks (all, or those named in ``only``) on the shipped data ``shipped``,
    writing one line per check."""
    if only:
        # The checks on the database and the window need the test vault made by "kluis".
        wanted = set(only) | ({"kluis"} if set(only) & _NEEDS_VAULT else set())
        only = [name for name, _check in CHECKS if name in wanted]
    results: list[CheckResult] = []
    folder = Path(tempfile.mkdtemp(prefix="vindplaats-zelftest-"))
    state = _State(folder, shipped)
    try:
        for name, check in CHECKS:
            if only and name not in only:
                continue
            started = time.perf_counter()
            try:
                detail, ok = check(state), True
            except CheckFailed as problem:
                detail, ok = str(problem), False
            except Exception as error:  # noqa: BLE001 - a self-test reports, it does not crash
                detail, ok = _one_line(error), False
            result = CheckResult(name, ok, detail, (time.perf_counter() - started) * 1000)
            results.append(result)
            write(result.line())
    finally:
        _clean_up(state)
    return results


def header() -> str:
    """Which Vindplaats on which system: the first thing IT support asks."""
    import platform

    from app import __version__

    build = _("bevroren build") if getattr(sys, "frozen", False) else _("vanuit Python")
    return _("Vindplaats {version} op {system} (Python {python}, {build})").format(
        version=__version__,
        system=platform.platform(terse=True),
        python=platform.python_version(),
        build=build,
    )


def summary(results: Sequence[CheckResult]) -> str:
    failed = [result.name for result in results if not result.ok]
    total_ms = sum(result.ms for result in results)
    if failed:
        return _("zelftest mislukt: {names}").format(names=", ".join(failed))
    return ngettext(
        "zelftest geslaagd: {count} controle in {ms} ms",
        "zelftest geslaagd: {count} controles in {ms} ms",
        len(results),
    ).format(count=len(results), ms=round(total_ms))


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}"[:300]


def _clean_up(state: _State) -> None:
    if state.session is not None:
        with contextlib.suppress(Exception):
            state.session.close()
    with contextlib.suppress(Exception):
        from app.logging_setup import close_log_files

        close_log_files()  # the window may have started logging into the temporary folder
    if state.qt_app is not None:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(state.previous_handler)
    shutil.rmtree(state.folder, ignore_errors=True)
