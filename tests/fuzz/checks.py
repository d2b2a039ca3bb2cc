"""One check per parser of outside input: run it and allow only its documented error.

Each check takes the raw bytes of a file, as a user could hand it to Vindplaats, and fails the
test with the traceback if anything but the parser's own one-line error comes out. The fuzz
tests and the corpus of crashing inputs (``corpus/<parser>/``) share these checks.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
from collections.abc import Callable
from functools import cache

from app.core.bounded import InputError, loads_json
from app.core.consent import ConsentError, consent_from_json, require_valid
from app.core.intake import Intake
from app.core.intake_codec import IntakeFormatError
from app.core.intake_scenarios import Scenario, ScenarioError, rules_from_yaml, run_scenario
from app.core.routes import RulesError, RuleSet, advise
from app.core.signal_import import decode_csv, parse_signal_csv
from app.core.signals import IsoWeek, SignalError
from app.documents.merge import merge_documents
from app.documents.signal_export import ExportInvalid, parse_document
from app.paths import resource_path
from app.shipped import load_shipped

SHIPPED = load_shipped()
EXPORT_SCHEMA = SHIPPED.schema("signal-export")

TODAY = dt.date(2026, 12, 1)


@cache
def catalogue():
    return SHIPPED.catalogue


@cache
def rules() -> RuleSet:
    return rules_from_yaml(resource_path("routes.yaml").read_text("utf-8"))


_COUNT_FILE = os.environ.get("FUZZ_COUNT_FILE")  # the long run notes its progress here
_counts: dict[str, int] = {}


def _write_counts() -> None:
    if _COUNT_FILE and _counts:
        with open(_COUNT_FILE, "w", encoding="utf-8") as stream:
            stream.write(repr(_counts) + "\n")


def counted(name: str) -> None:
    """Count one input for ``name``; every 500 inputs, and at exit (also after Ctrl-C or
    ``timeout -s INT``), the totals go to FUZZ_COUNT_FILE."""
    if not _COUNT_FILE:
        return
    if not _counts:
        atexit.register(_write_counts)
    _counts[name] = _counts.get(name, 0) + 1
    if _counts[name] % 500 == 0:
        _write_counts()


def one_line(error: Exception) -> None:
    text = str(error)
    assert text.strip(), f"{type(error).__name__} without a message"
    assert "\n" not in text and "\r" not in text, f"more than one line: {text[:200]!r}"


def _text(data: bytes | str) -> str:
    return data if isinstance(data, str) else data.decode("utf-8", "replace")


def check_json(data: bytes | str) -> None:
    counted("json")
    try:
        loads_json(data)
    except InputError as error:
        one_line(error)


def check_signal_csv(data: bytes | str) -> None:
    counted("signal_csv")
    text = decode_csv(data) if isinstance(data, bytes) else data
    preview = parse_signal_csv(
        text,
        catalogue(),
        departments=["Schoonmaak", "Productie"],
        current_week=IsoWeek(2026, 48),
    )
    for line in preview.report_lines():
        assert "\n" not in line and "\r" not in line, repr(line[:200])


def check_isoweek(data: bytes | str) -> None:
    counted("isoweek")
    try:
        IsoWeek.parse(_text(data))
    except SignalError as error:
        one_line(error)


def check_intake_document(document: object) -> None:
    """What ``advise`` and ``referral render`` do with a parsed intake file."""
    counted("intake_document")
    from app.cli.intake_cmd import _intake_schema_errors

    for problem in _intake_schema_errors(document, SHIPPED):
        assert "\n" not in problem, repr(problem[:200])
    try:
        intake = Intake.from_dict(document)  # type: ignore[arg-type]
    except IntakeFormatError as error:
        one_line(error)
        return
    advice = advise(intake, rules(), TODAY)
    advice.to_dict()
    assert Intake.from_dict(intake.to_dict()) == intake


def check_intake(data: bytes | str) -> None:
    counted("intake_file")
    try:
        document = loads_json(data, max_bytes=256_000)
    except InputError as error:
        one_line(error)
        return
    check_intake_document(document)


def check_consent_document(document: object) -> None:
    counted("consent_document")
    from app.cli.referral_cmd import consent_schema_problem

    problem = consent_schema_problem(document, SHIPPED)
    if problem:
        assert "\n" not in problem, repr(problem[:200])
        return
    try:
        consent = consent_from_json(document)  # type: ignore[arg-type]
        require_valid(consent, TODAY)
    except ConsentError as error:
        one_line(error)


def check_consent(data: bytes | str) -> None:
    counted("consent_file")
    try:
        document = loads_json(data, max_bytes=256_000)
    except InputError as error:
        one_line(error)
        return
    check_consent_document(document)


def check_rules(data: bytes | str) -> None:
    counted("rules")
    try:
        ruleset = rules_from_yaml(_text(data))
    except RulesError as error:
        one_line(error)
        return
    advise(Intake(), ruleset, TODAY)


def check_scenario_document(document: object) -> None:
    counted("scenario_document")
    try:
        scenario = Scenario.from_dict(document)
    except ScenarioError as error:
        one_line(error)
        return
    for problem in run_scenario(scenario, rules(), TODAY).problems:
        assert "\n" not in problem, repr(problem[:200])


def check_scenario(data: bytes | str) -> None:
    counted("scenario_file")
    try:
        document = loads_json(data, max_bytes=256_000)
    except InputError as error:
        one_line(error)
        return
    check_scenario_document(document)


def check_export(data: bytes | str) -> None:
    counted("export")
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    try:
        document = parse_document(schema=EXPORT_SCHEMA, data=raw)
    except ExportInvalid as error:
        one_line(error)
        return
    merge_documents([document], catalogue(), k=10, created=TODAY)


def _raw(data: bytes | str) -> bytes:
    return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data


def check_keyslots(data: bytes | str) -> None:
    """The vault's key slot file (keyslots.json), as unlock and restore read it."""
    counted("keyslots")
    from app.store.errors import KeySlotFileDamaged
    from app.store.keyslots import KeySlotFile, passphrase_secret, unwrap

    try:
        slot_file = KeySlotFile.from_bytes(_raw(data))
    except KeySlotFileDamaged as error:
        one_line(error)
        return
    assert KeySlotFile.from_bytes(slot_file.to_bytes()) == slot_file
    for slot in slot_file.slots.values():
        if slot.kdf.memory_kib <= 1024 and slot.kdf.time_cost <= 2:  # cheap: try a wrong one
            assert unwrap(slot, passphrase_secret("fout"), slot_file.vault_id) is None


def check_backup(data: bytes | str) -> None:
    """A backup file (.vpbackup) as restore reads it: container, manifest, key slots."""
    counted("backup")
    from app.store.backup import BackupRefused, parse_container
    from app.store.errors import KeySlotFileDamaged
    from app.store.keyslots import KeySlotFile

    try:
        contents = parse_container(_raw(data))
    except BackupRefused as error:
        one_line(error)
        return
    contents.manifest.to_json()
    try:
        KeySlotFile.from_bytes(contents.keyslots)
    except KeySlotFileDamaged as error:
        one_line(error)


def check_referral_attachment(data: bytes | str) -> None:
    """The attachment verwijzing.json of a letter, as ``referral read`` checks it."""
    counted("referral_attachment")
    from app.documents.referral_pdf import known_text_hashes
    from app.documents.referral_reader import ReferralRefused, _bounded_json, check_attachment

    try:
        attachment = _bounded_json(_raw(data))
    except (ValueError, RecursionError) as error:  # what read_referral turns into one line
        one_line(error)
        return
    try:
        check_attachment(
            attachment, today=TODAY, known_texts=known_text_hashes(SHIPPED), shipped=SHIPPED
        )
    except ReferralRefused as error:
        one_line(error)


def check_referral_pdf(data: bytes | str, password: str | None = None) -> None:
    """A whole letter (PDF, maybe encrypted) as ``referral read`` opens it."""
    counted("referral_pdf")
    from app.documents.referral_reader import ReferralRefused, read_referral, summary_lines

    try:
        read = read_referral(_raw(data), password=password, today=TODAY, shipped=SHIPPED)
    except ReferralRefused as error:
        one_line(error)
        return
    for line in summary_lines(read, SHIPPED.rules.settings.terms):
        assert "\n" not in line, repr(line[:200])
    read.ddas_document()


CHECKS: dict[str, Callable[[bytes | str], None]] = {
    "json": check_json,
    "signal_csv": check_signal_csv,
    "isoweek": check_isoweek,
    "intake": check_intake,
    "consent": check_consent,
    "rules": check_rules,
    "scenario": check_scenario,
    "export": check_export,
    "keyslots": check_keyslots,
    "backup": check_backup,
    "referral_attachment": check_referral_attachment,
    "referral_pdf": check_referral_pdf,
}
