"""Read a referral letter as the municipality receives it, and prove what it holds.

:func:`read_referral` opens the PDF (pikepdf; AES-256 with the password given separately),
checks that every stream in it can be read, takes out the one machine-readable attachment
(``verwijzing.json``), and checks, in this order: its size and JSON shape (bounded), its
document kind and schema version, its checksum (``content_sha256``), the published attachment
schema, the DDAS v1.0 JSON Schema for the ``ddas`` part, and the recorded consent: the letter
was made while the consent was valid, the consent text is one that ships with the app, and
every field present in the attachment is a field the employee agreed to share.

Anything that fails raises :class:`ReferralRefused` with one Dutch line. What is true of a
sound letter but needs the reader's attention (the consent has since expired, an older consent
text) is returned in :attr:`ReadReferral.problems`.

The checksum shows an accidental edit; it is no signature: someone who edits on purpose can
recompute it. That is why the consent check runs on every field, whatever the checksum says.

This is also the reader the app's own tests use, so every letter the app makes is proven
readable by it.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.concepts.threats import LETTER_LABELS as THREAT_LABELS
from app.core.consent import METHOD_LETTER_LABELS as METHOD_LABELS
from app.core.consent import ConsentError, ConsentRecord, consent_from_json, shareable_field
from app.core.referral.attachment import (
    ATTACHMENT_NAME,
    ATTACHMENT_SCHEMA_VERSION,
    attachment_checksum,
    attachment_fields,
)
from app.core.referral.status import legal_term_end
from app.core.route_settings import WgsTerms
from app.i18n import N_, _, ngettext
from app.i18n.messages import TranslatableError

if TYPE_CHECKING:
    from app.shipped import ShippedData

DOCUMENT_KIND = "vindplaats-verwijzing"
DDAS_SUPPLIER_CODE = "VINDPLAATS"  # DDAS codeGegevensleverancier of a document we write

# Limits for what an arriving file may make us read. A letter made by the app is about
# 60-120 KB with an attachment of 2-6 KB.
MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 256 * 1024
MAX_STREAM_BYTES = 16 * 1024 * 1024  # one decoded stream (fonts are the largest, ~700 KB)
MAX_DECODED_BYTES = 64 * 1024 * 1024  # all decoded streams together
# Local guard for the attachment's JSON; to be replaced by the shared bounded JSON reader
# (app/core/bounded.py) once that is merged.
MAX_JSON_DEPTH = 16
MAX_NUMBER_DIGITS = 15


class ReferralRefused(TranslatableError, ValueError):
    """The file is not a sound Vindplaats letter: one marked Dutch line, translated by
    ``str(error)`` when shown (app.i18n.messages)."""


@dataclass(frozen=True)
class ReadReferral:
    attachment: dict[str, Any]
    consent: ConsentRecord
    fields_present: frozenset[str]
    encrypted: bool
    problems: tuple[str, ...]

    @property
    def created_on(self) -> dt.date:
        return dt.date.fromisoformat(self.attachment["created_on"])

    def ddas_document(self, delivered_at: dt.datetime | None = None) -> dict[str, Any]:
        """The ``ddas`` part as a complete DDAS v1.0 Uitwisselmodel document."""
        return ddas_document(self.attachment, delivered_at)


def ddas_document(
    attachment: Mapping[str, Any], delivered_at: dt.datetime | None = None
) -> dict[str, Any]:
    """One levering with one schuldhulptraject; the recipient is the delivering organisation
    (the municipality or debt-help organisation that received the letter)."""
    day = attachment["created_on"]
    moment = delivered_at or dt.datetime.fromisoformat(day + "T00:00:00+00:00")
    return {
        "startdatumLevering": day,
        "einddatumLevering": day,
        "aanleverdatumEnTijd": moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "codeGegevensleverancier": DDAS_SUPPLIER_CODE,
        "leveringen": [
            {
                "teller": 1,
                "aanleverende_organisatie": {"(Statutaire) Naam": attachment["recipient"]["name"]},
                "schuldhulptrajecten": [attachment["ddas"]],
            }
        ],
    }


# --- schemas (shipped in resources/schemas/, handed in as ShippedData) -----------------------


def _first_error(validator: Any, instance: Any) -> str | None:
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    where = "/".join(str(part) for part in errors[0].absolute_path)
    return where or "/"


# --- bounded JSON ---------------------------------------------------------------------------


def _bounded_json(data: bytes) -> Any:
    """The shared bounded reader; its InputError is a ValueError, as the callers expect."""
    from app.core.bounded import loads_json

    return loads_json(data, max_depth=MAX_JSON_DEPTH, max_digits=MAX_NUMBER_DIGITS)


# --- the PDF -------------------------------------------------------------------------------


def _decoded(stream: Any, budget: int) -> bytes:
    """A stream's data, bounded: Flate is inflated by us with a limit, not all at once."""
    import pikepdf

    filters = stream.get("/Filter")
    if filters is None:
        names: list[str] = []
    elif isinstance(filters, pikepdf.Array):
        names = [str(name) for name in filters]
    else:
        names = [str(filters)]
    raw = stream.read_raw_bytes()
    if not names:
        return raw
    if names != ["/FlateDecode"] or "/DecodeParms" in stream:
        return b""  # images and the like: qpdf checked their structure while parsing
    limit = min(MAX_STREAM_BYTES, budget)
    inflater = zlib.decompressobj()
    out = inflater.decompress(raw, limit + 1)
    if len(out) > limit:
        raise ReferralRefused(N_("de brief is te groot om veilig te lezen"))
    if not inflater.eof:
        raise zlib.error("truncated")
    return out


def _open_pdf(data: bytes, password: str | None) -> Any:
    import pikepdf

    if len(data) > MAX_PDF_BYTES:
        raise ReferralRefused(N_("het bestand is te groot voor een verwijsbrief"))
    if b"%PDF-" not in data[:1024]:
        raise ReferralRefused(N_("dit is geen PDF-bestand"))
    try:
        return pikepdf.open(io.BytesIO(data), password=password or "", attempt_recovery=False)
    except pikepdf.PasswordError:
        if password is None:
            raise ReferralRefused(
                N_("de brief is versleuteld: geef het wachtwoord met --password-stdin")
            ) from None
        raise ReferralRefused(N_("het wachtwoord klopt niet voor deze brief")) from None
    except (pikepdf.PdfError, ValueError, RuntimeError):
        raise ReferralRefused(N_("de PDF is beschadigd of onvolledig")) from None


def _attachment_bytes(pdf: Any) -> bytes:
    import pikepdf

    try:
        if len(pdf.pages) < 1:
            raise ReferralRefused(N_("de PDF is beschadigd of onvolledig"))
        budget = MAX_DECODED_BYTES
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                budget -= len(_decoded(obj, budget))
        names = list(pdf.attachments)
    except (pikepdf.PdfError, zlib.error, ValueError, RuntimeError, KeyError, TypeError):
        raise ReferralRefused(N_("de PDF is beschadigd of onvolledig")) from None
    if ATTACHMENT_NAME not in names:
        raise ReferralRefused(
            N_("dit is geen verwijsbrief van Vindplaats (de bijlage {name} ontbreekt)"),
            name=ATTACHMENT_NAME,
        )
    if len(names) != 1:
        raise ReferralRefused(
            N_("de brief bevat andere bijlagen dan {name}: er is iets toegevoegd"),
            name=ATTACHMENT_NAME,
        )
    try:
        stream = pdf.attachments[ATTACHMENT_NAME].get_file().obj
        if len(stream.read_raw_bytes()) > MAX_ATTACHMENT_BYTES:
            raise ReferralRefused(N_("de bijlage {name} is te groot"), name=ATTACHMENT_NAME)
        data = _decoded(stream, MAX_ATTACHMENT_BYTES)
    except ReferralRefused:
        raise
    except (pikepdf.PdfError, zlib.error, ValueError, RuntimeError, KeyError, AttributeError):
        raise ReferralRefused(N_("de bijlage {name} is beschadigd"), name=ATTACHMENT_NAME) from None
    if not data:
        raise ReferralRefused(N_("de bijlage {name} is beschadigd"), name=ATTACHMENT_NAME)
    return data


# --- the checks ----------------------------------------------------------------------------


def _field_labels(keys: frozenset[str] | set[str]) -> str:
    from app.core.consent import FIELD_KEYS

    return ", ".join(shareable_field(key).label for key in FIELD_KEYS if key in keys)


def check_attachment(
    attachment: Any,
    *,
    today: dt.date,
    known_texts: Mapping[tuple[str, str], str],
    shipped: ShippedData,
) -> tuple[ConsentRecord, frozenset[str], tuple[str, ...]]:
    """Check a parsed attachment; returns the consent, the fields present and any problems."""
    if not isinstance(attachment, dict) or attachment.get("document") != DOCUMENT_KIND:
        raise ReferralRefused(N_("dit is geen verwijsbrief van Vindplaats (onbekende bijlage)"))
    if attachment.get("schema_version") != ATTACHMENT_SCHEMA_VERSION:
        raise ReferralRefused(
            N_("deze versie van de bijlage kent Vindplaats niet (verwacht: {version})"),
            version=ATTACHMENT_SCHEMA_VERSION,
        )
    if attachment.get("content_sha256") != attachment_checksum(attachment):
        raise ReferralRefused(
            N_("de controlesom van de bijlage klopt niet: de bijlage is na het maken veranderd")
        )
    where = _first_error(shipped.validator("referral"), attachment)
    if where is not None:
        raise ReferralRefused(
            N_("de bijlage past niet bij het formaat van Vindplaats (bij {where})"), where=where
        )
    where = _first_error(shipped.validator("ddas"), ddas_document(attachment))
    if where is not None:
        raise ReferralRefused(
            N_("het DDAS-deel van de bijlage klopt niet met DDAS v1.0 (bij {where})"), where=where
        )
    record = dict(attachment["consent"])
    record.update(
        case_code=attachment["case_code"],
        recipient=attachment["recipient"],
        purpose=attachment["purpose"],
    )
    try:
        consent = consent_from_json(record)
    except ConsentError:
        raise ReferralRefused(N_("de toestemming in de bijlage is onvolledig of onjuist")) from None
    created = dt.date.fromisoformat(attachment["created_on"])
    if created < consent.given_on:
        raise ReferralRefused(N_("de brief is gemaakt vóór de toestemming werd gegeven"))
    if consent.is_expired(created):
        raise ReferralRefused(N_("de brief is gemaakt nadat de toestemming was verlopen"))
    if not consent.fields:
        raise ReferralRefused(N_("de toestemming noemt geen gegevens om te delen"))
    present, unknown = attachment_fields(attachment)
    if unknown:
        raise ReferralRefused(N_("de bijlage bevat gegevens die Vindplaats niet kent"))
    outside = present - consent.fields
    if outside:
        raise ReferralRefused(
            N_("de bijlage bevat gegevens zonder toestemming: {fields}"),
            fields=_field_labels(outside),
        )
    problems: list[str] = []
    expected = known_texts.get((consent.language, consent.text_version))
    if expected is None:
        problems.append(
            _("De toestemmingstekst (versie {version}) is onbekend in deze Vindplaats.").format(
                version=consent.text_version
            )
        )
    elif expected != consent.text_sha256:
        raise ReferralRefused(
            N_("de vingerafdruk van de toestemmingstekst klopt niet met de tekst van Vindplaats")
        )
    if consent.is_expired(today):
        from app.i18n.formatting import format_date

        problems.append(
            _(
                "De toestemming is verlopen op {date}: gebruik de gegevens niet voor nieuwe "
                "stappen en vraag zo nodig opnieuw toestemming."
            ).format(date=format_date(consent.expires_on))
        )
    return consent, present, tuple(problems)


def read_referral(
    data: bytes, *, password: str | None = None, today: dt.date, shipped: ShippedData
) -> ReadReferral:
    """Open, extract and check one letter. Raises ReferralRefused (one Dutch line)."""
    from app.documents.referral_pdf import known_text_hashes

    pdf = _open_pdf(data, password)
    with pdf:
        encrypted = bool(pdf.is_encrypted)
        raw = _attachment_bytes(pdf)
    try:
        attachment = _bounded_json(raw)
    except (ValueError, RecursionError):
        raise ReferralRefused(
            N_("de bijlage {name} is geen geldige of veilige JSON"), name=ATTACHMENT_NAME
        ) from None
    consent, present, problems = check_attachment(
        attachment, today=today, known_texts=known_text_hashes(shipped), shipped=shipped
    )
    return ReadReferral(attachment, consent, present, encrypted, problems)


def read_referral_file(
    path: Path, *, password: str | None = None, today: dt.date, shipped: ShippedData
) -> ReadReferral:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_PDF_BYTES + 1)
    except FileNotFoundError:
        raise ReferralRefused(N_("bestand niet gevonden: {path}"), path=path) from None
    except OSError:
        raise ReferralRefused(N_("het bestand is niet te lezen: {path}"), path=path) from None
    return read_referral(data, password=password, today=today, shipped=shipped)


# --- the summary ----------------------------------------------------------------------------


def _threat_date_lines(crisis: dict, terms: WgsTerms) -> list[str]:
    """The date the threat takes effect, and a warning when it is before the term's end."""
    try:
        day = dt.date.fromisoformat(str(crisis.get("threat_date") or ""))
    except ValueError:  # absent, or not a date (the schema only names the format)
        return []
    from app.i18n.formatting import format_date

    lines = [_("Datum waarop de dreiging ingaat: {date}").format(date=format_date(day))]
    try:
        end = dt.date.fromisoformat(str(crisis.get("deadline") or ""))
    except ValueError:
        return lines
    if day < end:
        given = crisis.get("working_days")
        days = given if isinstance(given, int) else terms.crisis_working_days
        lines.append(
            ngettext(
                "Let op: dat is eerder dan de termijn van {n} werkdag.",
                "Let op: dat is eerder dan de termijn van {n} werkdagen.",
                days,
            ).format(n=days)
        )
    return lines


def summary_lines(read: ReadReferral, terms: WgsTerms) -> list[str]:
    """A short Dutch summary for the intake clerk."""
    from app.core.concepts.threats import Threat
    from app.i18n.formatting import format_date

    attachment = read.attachment
    consent = read.consent
    lines = [
        _("Verwijsbrief van Vindplaats, dossiercode {code}, gemaakt op {date}").format(
            code=attachment["case_code"], date=format_date(read.created_on)
        ),
        _("Voor: {recipient}. Doel: {purpose}").format(
            recipient=attachment["recipient"]["name"], purpose=attachment["purpose"]
        ),
    ]
    crisis = attachment["situation"].get("crisis")
    if crisis is None:
        lines.append(_("Spoed: niet gedeeld (geen toestemming voor dreigende situaties)"))
    elif crisis["threats"]:
        threats = ", ".join(THREAT_LABELS[Threat(value)] for value in crisis["threats"])
        if crisis["deadline"]:
            lines.append(
                _(
                    "SPOED (crisisinterventie): {threats}. Eerste gesprek binnen {days} "
                    "werkdagen, uiterlijk {date} (Wgs)"
                ).format(
                    threats=threats,
                    days=crisis["working_days"],
                    date=format_date(dt.date.fromisoformat(crisis["deadline"])),
                )
            )
        else:
            lines.append(_("SPOED (crisisinterventie): {threats}").format(threats=threats))
        lines += _threat_date_lines(crisis, terms)
    else:
        end = legal_term_end(read.created_on, crisis=False, terms=terms)
        lines.append(
            ngettext(
                "Geen dreigende situatie. Eerste gesprek binnen {weeks} week, uiterlijk {date} "
                "(Wgs, gerekend vanaf de brief)",
                "Geen dreigende situatie. Eerste gesprek binnen {weeks} weken, uiterlijk {date} "
                "(Wgs, gerekend vanaf de brief)",
                terms.regular_weeks,
            ).format(weeks=terms.regular_weeks, date=format_date(end))
        )
    lines.append(
        _("Toestemming: gegeven op {given} ({method}), geldig tot en met {until}").format(
            given=format_date(consent.given_on),
            method=METHOD_LABELS[consent.method],
            until=format_date(consent.expires_on),
        )
    )
    lines.append(_("Toestemming voor: {fields}").format(fields=_field_labels(consent.fields)))
    lines.append(
        _("In de bijlage: {fields}").format(fields=_field_labels(read.fields_present) or "-")
    )
    lines.append(
        _(
            "Gecontroleerd: de controlesom klopt, het DDAS-deel is geldig (v1.0) en alle "
            "gegevens vallen onder de toestemming"
        )
    )
    lines += [_("Let op: {problem}").format(problem=problem) for problem in read.problems]
    return lines
