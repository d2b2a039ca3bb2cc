"""The employee's own data of one conversation: a readable Dutch PDF and the JSON document.

The document comes from ``app.store.case_export.case_export_document`` (format:
``resources/schemas/case-export.schema.json``); this module only renders and saves it. The PDF
is built like the referral letter (DejaVu fonts from the shipped data, no metadata) and is
encrypted with AES-256 under a generated password unless the user chose otherwise. The JSON
file is for handing the data to another organisation (portability); it is plain text, which
the screen and the command line say.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.core.concepts import (
    age,
    arrears,
    contact,
    contract,
    costs,
    household,
    income,
    life_areas,
    schemes,
    threats,
)
from app.core.consent import METHOD_LETTER_LABELS as METHOD_LABELS
from app.core.consent import SHAREABLE_FIELDS
from app.core.referral.status import STATUS_LABELS
from app.fileio import UserFiles

UNKNOWN = "unknown"
NOT_ANSWERED = "niet ingevuld"
UNKNOWN_TEXT = "weet ik niet / wil ik niet zeggen"

_CONVERSATION_STATUS = {
    "concept": "concept (nog niet afgerond)",
    "open": "open",
    "verwezen": "verwezen",
    "afgesloten": "afgesloten",
}
_REMINDERS = {
    "vervolggesprek": "Vervolggesprek",
    "termijn_verstreken": "De ontvanger had al moeten reageren",
}
_FIELD_LABELS = {item.key: item.label for item in SHAREABLE_FIELDS}


def _money(value: Any) -> str:
    from app.i18n.formatting import format_money

    return format_money(Decimal(str(value)), language="nl")


def _date(value: Any) -> str:
    from app.i18n.formatting import format_date

    if not value:
        return NOT_ANSWERED
    return format_date(date.fromisoformat(str(value)[:10]), language="nl")


def _moment(value: Any) -> str:
    from app.i18n.formatting import format_datetime

    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is not None:  # stored in UTC; shown in local time
        moment = moment.astimezone().replace(tzinfo=None)
    return format_datetime(moment, language="nl")


def _yes_no(value: Any) -> str:
    return "ja" if value else "nee"


def _enum(table: Mapping[Any, str]) -> Callable[[Any], str]:
    return lambda value: table.get(value, str(value))  # StrEnum keys: a str finds them


def _joined(table: Mapping[Any, str]) -> Callable[[Any], str]:
    return lambda values: ", ".join(table.get(v, str(v)) for v in values) or "geen"


def _rows(kind_table: Mapping[Any, str], amount_key: str) -> Callable[[Any], str]:
    def text(rows: Any) -> str:
        parts = []
        for row in rows:
            amount = row.get(amount_key)
            name = kind_table.get(row.get("kind"), str(row.get("kind")))
            if amount is None:
                parts.append(name)
            elif amount == UNKNOWN:
                parts.append(f"{name}: bedrag onbekend")
            else:
                parts.append(f"{name}: {_money(amount)}")
        return "; ".join(parts) or "geen"

    return text


def _plain(value: Any) -> str:
    return str(value)


def _number(value: Any) -> str:
    return str(value).replace(".", ",")


# (key in the intake document, question in plain Dutch, how the answer reads)
INTAKE_QUESTIONS: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("household", "Huishouden", _enum(household.LABELS)),
    ("household_size", "Aantal mensen in het huishouden", _plain),
    ("age_band", "Leeftijdsgroep", _enum(age.LABELS)),
    ("age_years", "Leeftijd", _plain),
    ("contract", "Soort contract", _enum(contract.INTAKE_LABELS)),
    ("hours_per_week", "Uren per week", _number),
    ("own_business", "Ook een eigen bedrijf (zzp)", _yes_no),
    ("income", "Inkomsten per maand (netto)", _rows(income.LABELS, "net_per_month")),
    ("fixed_costs", "Vaste lasten per maand", _rows(costs.LABELS, "per_month")),
    ("food_shortage", "Soms niet genoeg geld voor eten", _yes_no),
    ("arrears", "Achterstanden", _rows(arrears.LABELS, "amount")),
    ("creditor_count", "Aantal schuldeisers", _plain),
    ("total_debt", "Schulden in totaal", _money),
    ("business_debt", "Schulden van het bedrijf", _yes_no),
    ("collection_agency", "Incassobureau", _yes_no),
    ("bailiff", "Deurwaarder", _yes_no),
    ("wage_garnishment", "Beslag op loon", _yes_no),
    ("bank_garnishment", "Beslag op bankrekening", _yes_no),
    ("threats", "Dreigende situaties", _joined(threats.LABELS)),
    ("threat_date", "Datum van de dreiging", _date),
    ("unclaimed_schemes", "Regelingen nog niet aangevraagd", _joined(schemes.LABELS)),
    ("help_question", "Hulpvraag in eigen woorden", _plain),
    ("tried_already", "Al geprobeerd", _plain),
    ("life_areas", "Andere levensgebieden", _joined(life_areas.LABELS)),
    ("preferred_contact", "Voorkeur voor contact", _enum(contact.LABELS)),
)


def _answer(value: Any, show: Callable[[Any], str]) -> str:
    if value is None:
        return NOT_ANSWERED
    if value == UNKNOWN:
        return UNKNOWN_TEXT
    try:
        return show(value)
    except (ValueError, TypeError, ArithmeticError, AttributeError):
        return str(value)


def case_export_json_bytes(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_case_export_pdf(document: Mapping[str, Any], password: str | None = None) -> bytes:
    """The document as plain Dutch text on A4; AES-256-encrypted with ``password``."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    from app.documents.referral_pdf import _doc_bytes, _finish, _para

    code = str(document["case_code"])
    story: list[Any] = [
        _para(f"Uw gegevens bij de geldhulp op het werk · gesprek {code}", "title"),
        _para(
            "Dit is alles wat over dit gesprek is bewaard in Vindplaats, het programma van uw "
            "vertrouwenspersoon. U hebt recht op deze gegevens (AVG: inzage en "
            "overdraagbaarheid). Het JSON-bestand met dezelfde gegevens kunt u aan een andere "
            "organisatie geven.",
            "body",
        ),
        _para(f"Gemaakt op {_date(document['exported_on'])}.", "small"),
    ]

    def facts(heading: str, pairs: list[tuple[str, str]]) -> None:
        """A heading and a two-column table: the question on the left, the answer right."""
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        rows = [[_para(label, "small"), _para(value, "body")] for label, value in pairs]
        table = Table(rows, colWidths=["38%", "62%"], repeatRows=0, splitByRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#d5dde3")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.append(KeepTogether([_para(heading, "heading"), Spacer(1, 1 * mm)]))
        story.append(table)

    conversation = document["conversation"]
    facts(
        "Het gesprek",
        [
            ("Code van het gesprek", code),
            ("Datum van het gesprek", _date(conversation["conversation_date"])),
            ("Stand", _CONVERSATION_STATUS.get(conversation["status"], conversation["status"])),
            (
                "Vervolggesprek",
                _date(conversation["follow_up"]) if conversation["follow_up"] else "geen",
            ),
            ("Aangemaakt", _moment(conversation["created_at"])),
            ("Laatst gewijzigd", _moment(conversation["updated_at"])),
        ],
    )

    intake = document["intake"]
    facts(
        "Uw antwoorden",
        [(question, _answer(intake.get(key), show)) for key, question, show in INTAKE_QUESTIONS],
    )

    chosen = document["advice"]
    advice = chosen.get("advice") or {}
    pairs: list[tuple[str, str]] = []
    if chosen.get("advice_date"):
        pairs.append(("Datum van het advies", _date(chosen["advice_date"])))
    if advice.get("crisis"):
        pairs.append(("Spoed", "ja: er dreigt iets, er is snel hulp nodig"))
    for number, route in enumerate(advice.get("routes", []), start=1):
        name = route.get("name") or route.get("id", "")
        reasons = "; ".join(str(reason) for reason in route.get("reasons", []))
        deadline = f". Uiterlijk: {_date(route['deadline'])}." if route.get("deadline") else ""
        pairs.append((f"Advies {number}: {name}", (reasons + deadline).strip() or "-"))
    if chosen.get("chosen_route"):
        name = chosen.get("chosen_route_name") or chosen["chosen_route"]
        pairs.append(("Andere route gekozen", str(name)))
        pairs.append(("Waarom", str(chosen.get("override_reason") or "-")))
    if not pairs:
        pairs.append(("Advies", "nog geen advies bewaard"))
    facts("Het advies", pairs)

    story.append(_para("Toestemmingen", "heading"))
    if not document["consents"]:
        story.append(_para("U hebt geen toestemming gegeven om gegevens te delen.", "body"))
    for item in document["consents"]:
        consent = item["consent"]
        shared = ", ".join(_FIELD_LABELS.get(key, key) for key in consent["fields"]) or "geen"
        method = METHOD_LABELS.get(consent["method"], consent["method"])
        withdrawn = consent.get("withdrawn_on")
        lines = [
            f"Aan: {consent['recipient']['name']}",
            f"Doel: {consent['purpose']}",
            f"Gegevens: {shared}",
            f"Gegeven op {_moment(consent['given_at'])}, {method}; geldig tot en met "
            f"{_date(consent['expires_on'])}.",
            f"Ingetrokken op {_date(withdrawn)}." if withdrawn else "Niet ingetrokken.",
            f"Tekst die u zag: versie {consent['text_version']} in taal "
            f"{consent['language']}, controlegetal (SHA-256) {consent['text_sha256']}.",
        ]
        story.append(KeepTogether([_para(line, "body") for line in lines] + [Spacer(1, 3 * mm)]))

    story.append(_para("Verwijzingen", "heading"))
    if not document["referrals"]:
        story.append(_para("Er is geen verwijzing gemaakt.", "body"))
    for referral in document["referrals"]:
        status = STATUS_LABELS.get(referral["status"], referral["status"])
        lines = [
            f"Naar: {referral['recipient']['name']}",
            f"Stand: {status} (sinds {_date(referral['status_since'])})",
            f"Aangemaakt op {_date(referral['created_on'])}"
            + (
                f"; brief gemaakt op {_date(referral['letter_made_on'])}."
                if referral.get("letter_made_on")
                else "; nog geen brief gemaakt."
            ),
        ]
        if referral.get("crisis"):
            lines.append(
                "Met spoed"
                + (
                    f", uiterlijk {_date(referral['deadline'])}."
                    if referral.get("deadline")
                    else "."
                )
            )
        person = referral.get("contact")
        if person:
            reach = ", ".join(v for v in (person["name"], person["phone"], person["email"]) if v)
            lines.append(f"Contactgegevens in de brief: {reach}")
        history = "; ".join(
            f"{_date(item['on'])}: {STATUS_LABELS.get(item['status'], item['status'])}"
            for item in referral["history"]
        )
        lines.append(f"Verloop: {history}")
        story.append(KeepTogether([_para(line, "body") for line in lines] + [Spacer(1, 3 * mm)]))

    story.append(_para("Herinneringen", "heading"))
    if not document["reminders"]:
        story.append(_para("Geen.", "body"))
    for reminder in document["reminders"]:
        label = _REMINDERS.get(reminder["kind"], reminder["kind"])
        story.append(_para(f"{_date(reminder['on'])}: {label}", "body"))

    story.append(Spacer(1, 6 * mm))
    story.append(
        _para(
            "Klopt er iets niet, of wilt u dat gegevens worden verwijderd? Zeg het tegen uw "
            "vertrouwenspersoon. Toestemming kunt u altijd intrekken.",
            "small",
        )
    )
    pdf = _doc_bytes(
        story,
        footer=lambda page, total: (
            f"Vertrouwelijk · uw gegevens · gesprek {code} · pagina {page} van {total}"
        ),
    )
    return _finish(pdf, password=password)


@dataclass(frozen=True)
class CaseExportResult:
    pdf_path: Path | None
    json_path: Path | None
    password: str | None  # shown once, never stored


def save_case_export(
    document: Mapping[str, Any],
    *,
    files: UserFiles,
    pdf_path: Path | None,
    json_path: Path | None,
    encrypt: bool = True,
) -> CaseExportResult:
    """Render and write the chosen files (both targets checked before either is written)."""
    from app.documents.referral_pdf import generate_password

    if pdf_path is None and json_path is None:
        raise ValueError("nothing to save")
    files.check(*(p for p in (pdf_path, json_path) if p is not None))
    password = generate_password() if encrypt and pdf_path is not None else None
    items: list[tuple[Path, bytes]] = []
    if pdf_path is not None:
        items.append((pdf_path, render_case_export_pdf(document, password)))
    if json_path is not None:
        items.append((json_path, case_export_json_bytes(document)))
    files.write_all(items)
    return CaseExportResult(pdf_path, json_path, password)


def default_stem(case_code: str, today: date) -> str:
    return f"gegevens-{case_code}-{today.isoformat()}"
