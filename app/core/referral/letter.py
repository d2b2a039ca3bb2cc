"""The Dutch letter to the recipient and the employee's copy, from the consent-filtered view.

The letter is always Dutch (it goes to a Dutch organisation), so its sentences are plain Dutch
here and deliberately not passed through the screen translations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.core.concepts.age import LETTER_LABELS as AGE_BAND_LABELS
from app.core.concepts.arrears import LETTER_LABELS as ARREAR_LABELS
from app.core.concepts.contact import LETTER_LABELS as CONTACT_PREFERENCE_LABELS
from app.core.concepts.debt import LIMITS as DEBT_BAND_LIMITS
from app.core.concepts.debt import DebtBand
from app.core.concepts.household import LETTER_LABELS as HOUSEHOLD_LABELS
from app.core.concepts.life_areas import LETTER_LABELS as LIFE_AREA_LABELS
from app.core.concepts.threats import LETTER_LABELS as THREAT_LABELS
from app.core.concepts.threats import Threat, threat_event
from app.core.consent import ConsentMethod
from app.core.referral.attachment import ATTACHMENT_NAME, build_attachment
from app.core.referral.view import CREDITORS_LETTER_LABELS as CREDITORS_LABELS
from app.core.referral.view import AdvisorProfile, ConsentedView, Recipient, Urgency
from app.core.threat_date import before_term


@dataclass(frozen=True)
class LetterFormat:
    """Locale formatting the caller provides (Babel in the documents layer)."""

    date: Callable[[date], str]
    money: Callable[[int], str]  # whole euros


def debt_band_label(band: DebtBand, fmt: LetterFormat) -> str:
    low, high = DEBT_BAND_LIMITS[band]
    if band is DebtBand.NONE:
        return "geen schulden"
    if band is DebtBand.UNKNOWN or (low is None and high is None):
        return "onbekend"
    if low is None and high is not None:
        return "tot " + fmt.money(high)
    if high is None and low is not None:
        return "meer dan " + fmt.money(low)
    assert low is not None and high is not None
    return fmt.money(low) + " tot " + fmt.money(high)


def deadline_sentence(urgency: Urgency, fmt: LetterFormat) -> str:
    """ "binnen 3 werkdagen, uiterlijk 2 december 2026"."""
    parts = []
    if urgency.working_days is not None:
        unit = "werkdag" if urgency.working_days == 1 else "werkdagen"
        parts.append(f"binnen {urgency.working_days} {unit}")
    if urgency.deadline is not None:
        parts.append("uiterlijk " + fmt.date(urgency.deadline))
    return ", ".join(parts)


def threat_date_lines(
    threats: tuple[Threat, ...],
    threat_date: date | None,
    urgency: Urgency,
    fmt: LetterFormat,
    note: Callable[[str, str], str] = lambda _key, text: text,
) -> list[str]:
    """ "Datum van de afsluiting: 2 december 2026." and, when that is before the end of the
    term, "Let op: de afsluiting is eerder dan de termijn van 3 werkdagen." """
    if threat_date is None:
        return []
    event = threat_event(threats).value
    lines = [note("crisis", f"Datum van de {event}: {fmt.date(threat_date)}.")]
    if before_term(threat_date, urgency.deadline):
        days = urgency.working_days
        if days is None:
            term = "de termijn"
        else:
            term = f"de termijn van {days} " + ("werkdag" if days == 1 else "werkdagen")
        lines.append(
            note(
                "crisis",
                f"Let op: de {event} is eerder dan {term}. Neem vandaag nog contact op.",
            )
        )
    return lines


def check_number(sha256_hex: str) -> str:
    """The first 16 hex digits of a SHA-256 as ``1A2B-3C4D-5E6F-7A8B``: short enough to read
    out, long enough to tell two consent texts apart."""
    digits = sha256_hex[:16].upper()
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def advisor_reach_lines(advisor: AdvisorProfile) -> list[str]:
    """ "Telefoon: …", "E-mail: …" of the advisor (empty when not filled in)."""
    lines = []
    if advisor.phone.strip():
        lines.append("Telefoon: " + advisor.phone.strip())
    if advisor.email.strip():
        lines.append("E-mail: " + advisor.email.strip())
    return lines


def _reach_text(advisor: AdvisorProfile) -> str:
    parts = []
    if advisor.phone.strip():
        parts.append("telefoon " + advisor.phone.strip())
    if advisor.email.strip():
        parts.append("e-mail " + advisor.email.strip())
    return " of ".join(parts)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return "onbekend"
    return "ja" if value else "nee"


# --- the letter -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterBlock:
    heading: str
    paragraphs: tuple[str, ...]
    field_key: str | None = None  # the consent field it comes from; None = always in the letter


@dataclass(frozen=True)
class SignatureBlock:
    caption: str
    lines: tuple[str, ...]  # e.g. "Naam", "Datum"


@dataclass(frozen=True)
class ReferralLetter:
    sender_lines: tuple[str, ...]
    recipient_lines: tuple[str, ...]
    place_date: str
    subject: str
    urgent: str | None
    salutation: str
    intro: str
    blocks: tuple[LetterBlock, ...]
    handover: str
    consent_statement: tuple[str, ...]
    closing: tuple[str, ...]
    signatures: tuple[SignatureBlock, ...]
    attachment: Mapping[str, Any]
    shared_values: Mapping[str, str]  # consent field -> the text as it appears in the letter
    attachment_name: str = ATTACHMENT_NAME


def build_letter(
    view: ConsentedView,
    advisor: AdvisorProfile,
    recipient: Recipient,
    fmt: LetterFormat,
) -> ReferralLetter:
    """The Dutch letter to the recipient, from the consent-filtered view only."""
    consent = view.consent
    sender = [advisor.name.strip(), advisor.function.strip()]
    reach = advisor_reach_lines(advisor)
    blocks: list[LetterBlock] = []
    urgent: str | None = None
    sent: dict[str, list[str]] = {}

    def note(key: str, text: str) -> str:
        sent.setdefault(key, []).append(text)
        return text

    if view.employer_name:
        sender.append(note("employer_name", view.employer_name))
    sender += reach

    if view.help_question is not None:
        blocks.append(
            LetterBlock(
                "Hulpvraag in eigen woorden",
                (note("help_question", view.help_question),),
                "help_question",
            )
        )
    if view.threats is not None:
        if view.threats:
            lines = ["Er is sprake van een dreigende situatie:"]
            lines += ["- " + note("crisis", THREAT_LABELS[threat]) for threat in view.threats]
            urgency = view.urgency or Urgency()
            term = deadline_sentence(urgency, fmt)
            if term:
                lines.append("Volgens de Wgs is hulp nodig " + note("crisis", term) + ".")
                urgent = "Spoed: dreigende situatie – " + term
            else:
                urgent = "Spoed: dreigende situatie"
            lines += threat_date_lines(view.threats, view.threat_date, urgency, fmt, note)
            blocks.append(LetterBlock("Dreigende situatie", tuple(lines), "crisis"))
        else:
            blocks.append(
                LetterBlock(
                    "Dreigende situatie",
                    (
                        note(
                            "crisis",
                            "Er is op dit moment geen dreigende situatie bekend "
                            "(geen ontruiming, afsluiting of opzegging van de zorgverzekering).",
                        ),
                    ),
                    "crisis",
                )
            )

    situation: list[str] = []
    if view.debt_band is not None:
        label = note("debt_band", debt_band_label(view.debt_band, fmt))
        situation.append("Totale schuld (globaal): " + label)
    if view.creditors_band is not None:
        label = note("creditors_band", CREDITORS_LABELS[view.creditors_band])
        situation.append("Aantal schuldeisers: " + label)
    if view.arrears is not None:
        kinds = ", ".join(ARREAR_LABELS[kind] for kind in view.arrears) or "geen"
        situation.append("Soorten achterstanden: " + note("arrears", kinds))
    if situation:
        blocks.append(LetterBlock("Financiële situatie", tuple(situation)))

    if view.garnishment is not None:
        g = view.garnishment
        lines = [
            note("garnishment", "Loonbeslag: " + _yes_no(g.wage)),
            note("garnishment", "Beslag op de bankrekening: " + _yes_no(g.bank)),
            note("garnishment", "Contact met een deurwaarder: " + _yes_no(g.bailiff)),
            note("garnishment", "Contact met een incassobureau: " + _yes_no(g.collection_agency)),
        ]
        if g.any_garnishment:
            lines.append(
                "Wilt u nagaan of de beslagvrije voet juist is vastgesteld? "
                "Een te lage beslagvrije voet maakt de situatie snel erger."
            )
        blocks.append(LetterBlock("Beslag en incasso", tuple(lines), "garnishment"))

    personal: list[str] = []
    if view.household is not None or view.household_size is not None:
        text = HOUSEHOLD_LABELS[view.household] if view.household is not None else "onbekend"
        if view.household_size is not None:
            if view.household_size == 1:
                text += " (1 persoon leeft van dit inkomen)"
            else:
                text += f" ({view.household_size} personen leven van dit inkomen)"
        personal.append("Huishouden: " + note("household", text))
    if view.age_band is not None:
        personal.append("Leeftijd: " + note("age_band", AGE_BAND_LABELS[view.age_band]))
    if "self_employed" in view.shared:
        personal.append(
            note("self_employed", "Zelfstandig ondernemer (zzp): " + _yes_no(view.self_employed))
        )
        if view.business_debt is not None:
            personal.append(
                note("self_employed", "Zakelijke schulden: " + _yes_no(view.business_debt))
            )
    if view.life_areas:
        areas = ", ".join(LIFE_AREA_LABELS[area] for area in view.life_areas)
        personal.append("Speelt ook mee: " + note("life_areas", areas))
    if personal:
        blocks.append(LetterBlock("Over de medewerker", tuple(personal)))

    if view.tried is not None:
        blocks.append(LetterBlock("Wat al geprobeerd is", (note("tried", view.tried),), "tried"))

    contact_lines: list[str] = []
    if view.contact is not None:
        c = view.contact
        if c.name:
            contact_lines.append("Naam: " + note("contact", c.name))
        if c.phone:
            contact_lines.append("Telefoon: " + note("contact", c.phone))
        if c.email:
            contact_lines.append("E-mail: " + note("contact", c.email))
    if view.contact is None and "contact" in view.shared:
        contact_lines += ["Naam: ______________________", "Telefoon: ______________________"]
    if view.contact_preference is not None:
        preference = CONTACT_PREFERENCE_LABELS[view.contact_preference]
        contact_lines.append("Voorkeur voor contact: " + note("contact_preference", preference))
    if contact_lines:
        blocks.append(LetterBlock("Contact", tuple(contact_lines)))

    handover = (
        "Graag vragen wij om een warme overdracht: wilt u contact opnemen met de medewerker "
        "(of met mij, als de medewerker dat wil), zodat de medewerker niet opnieuw zelf de "
        "eerste stap hoeft te zetten?"
    )
    if reach:
        handover += (
            " U bereikt mij, " + advisor.name.strip() + ", via " + _reach_text(advisor) + "."
        )

    on_screen = consent.method is ConsentMethod.ON_SCREEN
    if on_screen:
        how = (
            "Toestemming vastgelegd op "
            + fmt.date(consent.given_on)
            + ", met een bevestiging op het scherm: de medewerker heeft de toestemmingstekst "
            "in Vindplaats gelezen en bevestigd, in het gesprek met de vertrouwenspersoon."
        )
        if recipient.needs_helper_signature:
            how += (
                " De aanvraag vraagt daarnaast een handtekening van de medewerker en van de "
                "hulpverlener: die staan onderaan."
            )
        else:
            how += " Daarom staat er geen handtekening van de medewerker onder deze brief."
    else:
        how = (
            "Toestemming vastgelegd op "
            + fmt.date(consent.given_on)
            + ", met een toestemmingsformulier dat de medewerker op papier heeft ondertekend."
        )
    consent_statement = (
        "De medewerker heeft toestemming gegeven om alleen de gegevens in deze brief te delen "
        "met " + consent.recipient_name + ", voor dit doel: " + consent.purpose + ".",
        how + " De toestemming is geldig tot en met " + fmt.date(consent.expires_on) + ".",
        "Controlenummer van de toestemmingstekst: "
        + check_number(consent.text_sha256)
        + " (versie "
        + consent.text_version
        + "). Met dit nummer kan de vertrouwenspersoon laten zien welke tekst de medewerker "
        "precies heeft gezien.",
        "De medewerker kan de toestemming altijd intrekken, bij de vertrouwenspersoon of bij u. "
        "Gebruik de gegevens dan niet meer voor nieuwe stappen.",
        "Deze brief is niet bedoeld voor de werkgever. De werkgever krijgt geen kopie.",
    )

    # A signature of the employee only where the consent was on paper or the recipient's
    # procedure asks for one next to the helper's (SUNZ); consent on screen is recorded.
    signatures = []
    if not on_screen or recipient.needs_helper_signature:
        signatures.append(
            SignatureBlock("Handtekening medewerker", ("Naam", "Datum", "Handtekening"))
        )
    if recipient.needs_helper_signature:
        signatures.append(
            SignatureBlock(
                "Handtekening hulpverlener",
                ("Naam", "Organisatie", "Datum", "Handtekening"),
            )
        )

    return ReferralLetter(
        sender_lines=tuple(line for line in sender if line),
        recipient_lines=(recipient.name, *recipient.address_lines),
        place_date=fmt.date(view.today),
        subject="Verwijzing met toestemming – dossiercode " + consent.case_code,
        urgent=urgent,
        salutation="Geachte heer, mevrouw,",
        intro=(
            "Ik ben vertrouwenspersoon en heb met een medewerker gesproken over geldzorgen. "
            "De medewerker wil graag hulp van u en heeft toestemming gegeven om de gegevens "
            "hieronder met u te delen."
        ),
        blocks=tuple(blocks),
        handover=handover,
        consent_statement=consent_statement,
        closing=(
            "Met vriendelijke groet,",
            advisor.name.strip(),
            advisor.function.strip(),
        ),
        signatures=tuple(signatures),
        attachment=build_attachment(view, advisor, recipient),
        shared_values={key: "; ".join(texts) for key, texts in sent.items()},
    )


# --- the employee's copy ----------------------------------------------------------------------


@dataclass(frozen=True)
class EmployeeCopyTexts:
    """Fixed sentences of the copy in one language (from resources/consent/<lang>.yaml)."""

    language: str
    title: str
    intro: str
    shared_with: str
    purpose: str
    given_on: str
    valid_until: str
    how_given: Mapping[str, str]
    shared_heading: str
    values_note: str
    withdraw_heading: str
    withdraw_text: str
    employer_note: str
    field_labels: Mapping[str, str]


@dataclass(frozen=True)
class EmployeeCopy:
    language: str
    right_to_left: bool
    title: str
    intro: str
    facts: tuple[tuple[str, str], ...]
    shared_heading: str
    values_note: str
    shared: tuple[tuple[str, str], ...]  # (label in the employee's language, value as sent)
    withdraw_heading: str
    withdraw_text: str
    employer_note: str


def build_employee_copy(
    view: ConsentedView,
    letter: ReferralLetter,
    texts: EmployeeCopyTexts,
    date_format: Callable[[date], str],
) -> EmployeeCopy:
    """What was shared, with whom, and how to withdraw, in the employee's language."""
    consent = view.consent
    shared: list[tuple[str, str]] = []
    for key in view.shared:
        label = texts.field_labels.get(key, key)
        shared.append((label, letter.shared_values.get(key, "-")))
    facts = (
        (texts.shared_with, consent.recipient_name),
        (texts.purpose, consent.purpose),
        (texts.given_on, date_format(consent.given_on)),
        (texts.valid_until, date_format(consent.expires_on)),
        ("", texts.how_given.get(consent.method.value, consent.method.value)),
    )
    return EmployeeCopy(
        language=texts.language,
        right_to_left=texts.language == "ar",
        title=texts.title,
        intro=texts.intro,
        facts=tuple(fact for fact in facts if fact[1]),
        shared_heading=texts.shared_heading,
        values_note=texts.values_note,
        shared=tuple(shared),
        withdraw_heading=texts.withdraw_heading,
        withdraw_text=texts.withdraw_text,
        employer_note=texts.employer_note,
    )
