"""Leak scan: one full workflow through the real services with a marker in every free-text
field, then every file the app wrote or touched is searched for the markers.

HOME, TMPDIR, the XDG folders and the data folder point at fresh temp folders, so "every file"
is simply every file below them: the vault (+ -wal, -shm), the key slots, the log, the
preferences, temp files, the letter and the employee's copy, the signal exports, the backup,
the case export. Each file is searched as raw bytes (UTF-8 and UTF-16), in every zlib stream
found in it (PDF streams), and a PDF also as its text and its decoded streams after
decryption with the password the app showed. The only files that may hold a marker are the
consented letter (with the employee's copy, which holds the same data) - and only the markers
of consented fields - and the case export the user asked for.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.clock import FixedClock

# Obviously fictional; one marker per free-text field (fixed width: none is part of another).
MARKERS = {
    "help_question": "LEKMARKER01HULPVRAAG",
    "tried_already": "LEKMARKER02GEPROBEERD",
    "override_reason": "LEKMARKER03ANDEREROUTE",
    "contact_name": "LEKMARKER04FENNAFICTIEF",
    "contact_email": "lekmarker05@example.org",
    "contact_phone": "06-99887766",
    "purpose": "LEKMARKER07DOEL",
    "recipient_name": "LEKMARKER08ONTVANGER",
    "advisor_name": "LEKMARKER09TESTPERSOON",
    "advisor_function": "LEKMARKER10FUNCTIE",
    "employer_name": "LEKMARKER11FICTIEFBV",
    "draft": "LEKMARKER12CONCEPTNOTITIE",
    "exception": "LEKMARKER13FOUTMELDING",
}
CONSENTED = {"help_question", "crisis", "debt_band", "creditors_band", "contact"}
# What the letter may say: the consented fields, the consent itself, its sender and recipient.
LETTER_MAY_HOLD = {
    "help_question",
    "contact_name",
    "contact_email",
    "contact_phone",
    "purpose",
    "recipient_name",
    "advisor_name",
    "advisor_function",
}  # not employer_name: that is a consent field of its own, not given here
# The case export holds everything about the case (not work-in-progress drafts, not logs).
CASE_EXPORT_MAY_HOLD = set(MARKERS) - {"draft", "exception", "advisor_function", "employer_name"}
PASSPHRASE = "fictieve kluis lamp wolk lek"
TODAY = date(2026, 11, 27)


@dataclass
class ScanReport:
    files: int = 0
    bytes: int = 0
    views: int = 0
    hits: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class Workflow:
    roots: dict[str, Path]
    letter: Path | None = None
    copy: Path | None = None
    case_pdf: Path | None = None
    case_json: Path | None = None
    passwords: list[str] = field(default_factory=list)
    open_scan: ScanReport | None = None
    open_names: set[str] = field(default_factory=set)
    cli_output: str = ""


def _folders(tmp_path: Path, monkeypatch) -> dict[str, Path]:
    roots = {name: tmp_path / name for name in ("home", "tmp", "data", "uit", "usb")}
    for folder in roots.values():
        folder.mkdir()
    home = roots["home"]
    for name, value in {
        "HOME": home,
        "USERPROFILE": home,
        "TMPDIR": roots["tmp"],
        "TEMP": roots["tmp"],
        "TMP": roots["tmp"],
        "XDG_DATA_HOME": home / ".local" / "share",
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "XDG_STATE_HOME": home / ".local" / "state",
        "LOCALAPPDATA": home / "AppData" / "Local",
        "APPDATA": home / "AppData" / "Roaming",
    }.items():
        monkeypatch.setenv(name, str(value))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    assert tempfile.gettempdir() == str(roots["tmp"])
    return roots


def _run_workflow(roots: dict[str, Path]) -> Workflow:
    from app.core.referral.status import ReferralStatus
    from app.core.referral.view import AdvisorProfile, ContactDetails, Recipient
    from app.core.routes import advise
    from app.core.signals import IsoWeek, Signal, Source
    from app.documents.case_export import save_case_export
    from app.documents.referral_pdf import produce_referral
    from app.documents.signal_export import prepare_export, write_export
    from app.logging_setup import close_log_files, setup_logging
    from app.preferences import Preferences, PreferencesStore
    from app.store import backup
    from app.store.case_export import case_export_document
    from app.store.drafts import DraftStore
    from app.store.export_inputs import read_export_inputs
    from app.store.intakes import IntakeRepository
    from app.store.keyslots import TEST_KDF
    from app.store.referrals import ReferralRepository
    from app.store.signals import SignalRepository
    from app.store.vault import UnlockThrottle, Vault
    from app.ui.context import AppContext
    from tests.unit.referral.factories import RULES, SHIPPED, make_consent, make_intake

    data = roots["data"]
    out = roots["uit"]
    clock = FixedClock(datetime(2026, 11, 27, 9, 30, tzinfo=UTC), today=TODAY)
    flow = Workflow(roots)
    log_path = setup_logging(data)
    assert log_path is not None
    try:
        vault = Vault(data, kdf=TEST_KDF, sleep=lambda _s: None, throttle=UnlockThrottle())
        vault.create(PASSPHRASE)
        session = vault.unlock(PASSPHRASE)
        preferences_store = PreferencesStore(data)
        context = AppContext(
            session=session,
            preferences=Preferences(),
            data_dir=data,
            preferences_store=preferences_store,
            vault=vault,
            clock=clock,
            shipped=SHIPPED,
        )
        context.save_preferences()
        files = context.user_files()
        connection = session.connection

        # intake, advice, an overridden route with its reason, a follow-up
        intakes = IntakeRepository(connection, clock=clock)
        intake = make_intake(
            help_question=f"{MARKERS['help_question']} wil hulp met de huur.",
            tried_already=f"{MARKERS['tried_already']} zelf gebeld.",
        )
        record = intakes.create(intake, today=TODAY)
        intakes.save_draft(record.id, intake, step=3)
        intakes.store_advice(record.id, advise(intake, RULES, TODAY).to_dict(), today=TODAY)
        intakes.choose_route(record.id, "sunz", MARKERS["override_reason"])
        intakes.set_follow_up(record.id, date(2026, 12, 10))
        DraftStore(connection, clock=clock).save(
            "referral", {"note": MARKERS["draft"]}, ref=record.id, intake_id=record.id
        )

        # signals (no free text there) and their export in three formats
        signals = SignalRepository(connection)
        signals.add_many(
            [Signal("loonbeslag", 2026, w, Source.ADMINISTRATION) for w in range(1, 30)] * 6,
            logged_in=IsoWeek(2026, 48),
        )
        document = prepare_export(
            read_export_inputs(connection, date(2026, 1, 1), date(2026, 6, 30)),
            today=TODAY,
            catalogue=SHIPPED.catalogue,
        )
        for fmt in ("json", "csv", "pdf"):
            write_export(document, fmt, out / f"signalen.{fmt}", SHIPPED.catalogue, files=files)

        # consent, referral, the letter and the employee's copy (encrypted: the default)
        referrals = ReferralRepository(connection, clock=clock)
        advisor = AdvisorProfile(
            MARKERS["advisor_name"], MARKERS["advisor_function"], MARKERS["employer_name"]
        )
        referrals.save_advisor_profile(advisor)
        consent = referrals.record_consent(
            record.id,
            make_consent(
                CONSENTED,
                case_code=record.case_code,
                purpose=MARKERS["purpose"],
                recipient_name=MARKERS["recipient_name"],
            ),
        )
        contact = ContactDetails(
            MARKERS["contact_name"], MARKERS["contact_phone"], MARKERS["contact_email"]
        )
        referral_id = referrals.create_referral(
            record.id,
            consent,
            recipient_name=MARKERS["recipient_name"],
            crisis=True,
            deadline=date(2026, 12, 2),
            contact=contact,
            today=TODAY,
        )
        recipient = Recipient("shv", MARKERS["recipient_name"], ("Postbus 15", "2700 AA Stad"))
        documents = produce_referral(
            intakes.load(record.id).intake,
            consent,
            advisor,
            recipient,
            TODAY,
            settings=RULES.settings,
            contact=contact,
            employer_name=advisor.employer_name,
            encrypt=True,
            shipped=SHIPPED,
        )
        assert documents.password
        flow.passwords.append(documents.password)
        flow.letter, flow.copy = out / "verwijzing.pdf", out / "kopie-medewerker.pdf"
        documents.save(flow.letter, flow.copy, files=files)
        referrals.mark_produced(referral_id, today=TODAY, encrypted=True)
        referrals.set_status(referral_id, ReferralStatus.SENT, TODAY)

        # a backup on the "USB stick"
        backup.make_backup(session, roots["usb"] / "kopie.vpbackup", clock=clock)

        # the case export the user asked for (PDF encrypted by default, JSON)
        export = case_export_document(
            connection, record.case_code, today=TODAY, terms=RULES.settings.terms, clock=clock
        )
        flow.case_pdf, flow.case_json = out / "gegevens.pdf", out / "gegevens.json"
        result = save_case_export(
            export, files=files, pdf_path=flow.case_pdf, json_path=flow.case_json
        )
        assert result.password
        flow.passwords.append(result.password)

        # an exception whose message carries user text, logged the way the app logs errors
        try:
            raise ValueError(f"kon {MARKERS['exception']} niet lezen")
        except ValueError:
            logging.getLogger("app.leaktest").exception("workflow step failed")
        try:
            try:
                raise KeyError(MARKERS["exception"])
            except KeyError as inner:
                raise RuntimeError(f"verder: {MARKERS['exception']}") from inner
        except RuntimeError:
            logging.getLogger("app.leaktest").error("chained", exc_info=True)
        # while the vault is open: its -wal and -shm are there, scan them too
        flow.open_scan = _scan(roots, flow.passwords)
        flow.open_names = {p.name for p in data.iterdir()}
        session.close()
        _cli_case_export(flow, record.case_code, clock)
    finally:
        close_log_files()
    assert log_path.exists() and "workflow step failed" in log_path.read_text("utf-8")
    return flow


def _cli_case_export(flow: Workflow, code: str, clock) -> None:
    """The same export from the command line: its output names files, never the data."""
    import contextlib
    import sys

    from app.cli import main
    from app.store import keyslots

    out = flow.roots["uit"]
    saved = sys.stdin, keyslots.PRODUCTION_MINIMUM
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        sys.stdin = io.StringIO(PASSPHRASE + "\n")
        keyslots.PRODUCTION_MINIMUM = keyslots.TEST_KDF  # the test vault's cheap KDF
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            args = ["case", "export", code, "--data-dir", str(flow.roots["data"])]
            code_ = main([*args, "--pdf", str(out / "cli.pdf"), "--json", str(out / "cli.json")])
    finally:
        sys.stdin, keyslots.PRODUCTION_MINIMUM = saved
    assert code_ == 0, stderr.getvalue()
    flow.passwords.append(stdout.getvalue().strip())
    flow.cli_output = stdout.getvalue() + stderr.getvalue()


# --- scanning --------------------------------------------------------------------------------


def _zlib_streams(data: bytes) -> list[bytes]:
    """Every zlib stream that decompresses from some offset (PDF FlateDecode, PNG, ...)."""
    found = []
    start = 0
    while True:
        index = data.find(b"\x78", start)
        if index < 0 or index + 2 > len(data):
            return found
        start = index + 1
        if data[index + 1] not in (0x01, 0x5E, 0x9C, 0xDA):
            continue
        decompressor = zlib.decompressobj()
        try:
            chunk = decompressor.decompress(data[index:], 50_000_000)
        except zlib.error:
            continue
        if chunk:
            found.append(chunk)


def _pdf_views(data: bytes, passwords: list[str]) -> list[bytes]:
    """A PDF's text and its decoded streams (after decryption, when a password opens it)."""
    import pikepdf
    from pypdf import PdfReader

    views = []
    for password in ["", *passwords]:
        try:
            pdf = pikepdf.open(io.BytesIO(data), password=password)
        except pikepdf.PasswordError:
            continue
        with pdf:
            plain = io.BytesIO()
            pdf.save(
                plain,
                compress_streams=False,
                stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
            )
            views.append(plain.getvalue())
            for name, spec in pdf.attachments.items():
                views.append(name.encode() + spec.get_file().read_bytes())
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt(password)
        views.append("\n".join(p.extract_text() or "" for p in reader.pages).encode("utf-8"))
        break
    return views


def _needles(marker: str) -> list[bytes]:
    forms = {marker, marker.lower(), marker.upper()}
    return [form.encode(codec) for form in forms for codec in ("utf-8", "utf-16-le", "utf-16-be")]


def _hits(blobs: list[bytes]) -> set[str]:
    return {
        key
        for key, marker in MARKERS.items()
        if any(needle in blob for blob in blobs for needle in _needles(marker))
    }


def _scan(roots: dict[str, Path], passwords: list[str]) -> ScanReport:
    report = ScanReport()
    for root in roots.values():
        for path in sorted(root.rglob("*")):
            if path.is_symlink() or not path.is_file():
                continue
            data = path.read_bytes()
            blobs = [data, *_zlib_streams(data)]
            if data.startswith(b"%PDF"):
                views = _pdf_views(data, passwords)
                assert views, f"{path.name}: no password opens it"
                blobs += views
                for view in views:
                    blobs += _zlib_streams(view)
            report.files += 1
            report.bytes += len(data)
            report.views += len(blobs)
            found = _hits(blobs)
            if found:
                report.hits[str(path.relative_to(root.parent))] = found
    return report


def test_no_marker_leaves_the_vault_except_where_consent_or_the_user_allows(tmp_path, monkeypatch):
    roots = _folders(tmp_path, monkeypatch)
    flow = _run_workflow(roots)
    closed = _scan(roots, flow.passwords)
    opened = flow.open_scan
    assert opened is not None
    assert {"vault.db-wal", "vault.db-shm"} <= flow.open_names
    for report in (opened, closed):
        print(  # the figures for the report (pytest -s)
            f"leak scan: {report.files} files, {report.bytes} bytes, {report.views} views, "
            f"{len(MARKERS)} markers; allowed hits: {report.hits}"
        )
    assert opened.hits.keys() <= closed.hits.keys() | set()
    report = ScanReport(
        files=opened.files + closed.files,
        bytes=opened.bytes + closed.bytes,
        views=opened.views + closed.views,
        hits={**opened.hits, **closed.hits},
    )
    names = {p.name for root in roots.values() for p in root.rglob("*") if p.is_file()}
    # the scan really saw the files it is about
    for expected in (
        "vault.db",
        "keyslots.json",
        "voorkeuren.json",
        "vindplaats.log",
        "kopie.vpbackup",
        "signalen.pdf",
    ):
        assert expected in names, expected
    out_folder = roots["uit"]
    allowed = {
        f"uit/{flow.letter.name}": LETTER_MAY_HOLD,
        f"uit/{flow.copy.name}": LETTER_MAY_HOLD,
        f"uit/{flow.case_pdf.name}": CASE_EXPORT_MAY_HOLD,
        f"uit/{flow.case_json.name}": CASE_EXPORT_MAY_HOLD,
        "uit/cli.pdf": CASE_EXPORT_MAY_HOLD,
        "uit/cli.json": CASE_EXPORT_MAY_HOLD,
    }
    leaks = {
        path: sorted(found - allowed.get(path, set()))
        for path, found in report.hits.items()
        if found - allowed.get(path, set())
    }
    assert leaks == {}
    # the scan can see a marker where one belongs (else it proves nothing)
    assert "help_question" in report.hits[f"uit/{flow.letter.name}"]
    assert "help_question" in report.hits[f"uit/{flow.copy.name}"]
    assert report.hits[f"uit/{flow.case_json.name}"] >= {
        "help_question",
        "tried_already",
        "override_reason",
        "contact_name",
        "purpose",
    }
    assert "tried_already" in report.hits[f"uit/{flow.case_pdf.name}"]
    assert report.hits["uit/cli.json"] == report.hits[f"uit/{flow.case_json.name}"]
    assert "Opgeslagen" in flow.cli_output and not _hits([flow.cli_output.encode()])
    # the encrypted files hold nothing readable without their password
    for name in (flow.letter, flow.copy, flow.case_pdf, out_folder / "cli.pdf"):
        assert not _hits([name.read_bytes(), *_zlib_streams(name.read_bytes())])
    assert opened.files >= 12 and closed.files >= 14 and report.bytes > 100_000


def test_the_log_keeps_no_marker_after_an_exception(tmp_path, monkeypatch):
    """Also the excepthook path of the app: the type and the place, never the message."""
    import sys

    from app.logging_setup import close_log_files, setup_logging

    roots = _folders(tmp_path, monkeypatch)
    log_path = setup_logging(roots["data"])
    assert log_path is not None
    try:
        try:
            raise OSError(2, f"{MARKERS['exception']}: bestand", f"/x/{MARKERS['contact_name']}")
        except OSError:
            logging.getLogger("app").exception("opening failed")
            logging.getLogger("app").error("in the hook", exc_info=sys.exc_info())
            logging.getLogger("app").warning("with stack", stack_info=True)
    finally:
        close_log_files()
    text = log_path.read_bytes()
    assert b"opening failed" in text and b"FileNotFoundError" in text
    assert _hits([text]) == set()
    assert os.stat(log_path).st_mode & 0o077 == 0


@pytest.fixture(autouse=True)
def _root_logger_level_restored():
    root = logging.getLogger()
    level = root.level
    yield
    root.setLevel(level)


def test_the_scanner_finds_what_it_looks_for(tmp_path):
    """A scan that cannot see a marker proves nothing: compressed, UTF-16, in a PDF's text."""
    from app.documents.referral_pdf import encrypt_pdf

    roots = {"a": tmp_path / "a"}
    roots["a"].mkdir()
    marker = MARKERS["tried_already"]
    (roots["a"] / "plain.bin").write_bytes(b"x" * 100 + zlib.compress(marker.encode() * 3))
    (roots["a"] / "wide.txt").write_bytes(marker.encode("utf-16-le"))
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(100, 700, marker)
    page.save()
    (roots["a"] / "locked.pdf").write_bytes(encrypt_pdf(buffer.getvalue(), "GEHEIM-WACHTWOORD"))
    report = _scan(roots, ["GEHEIM-WACHTWOORD"])
    assert report.files == 3
    assert set(report.hits) == {"a/plain.bin", "a/wide.txt", "a/locked.pdf"}
    assert not _hits([(roots["a"] / "locked.pdf").read_bytes()])
