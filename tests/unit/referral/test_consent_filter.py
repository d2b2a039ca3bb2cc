"""Property: whatever the employee chose, nothing else reaches the letter or the attachment."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.consent import FIELD_KEYS
from app.core.referral.letter import build_letter
from app.core.referral.view import ContactDetails, consented_view
from app.documents.referral_pdf import dutch_letter_format
from tests.unit.referral.factories import (
    ADVISOR,
    SETTINGS,
    SHV,
    TODAY,
    make_consent,
    make_intake,
)

# a distinct marker in every free-text or identifying input, by consent field
MARKERS = {
    "help_question": "MARKHULPVRAAG",
    "tried": "MARKGEPROBEERD",
    "contact": "MARKNAAM",
    "employer_name": "MARKWERKGEVER",
}
INTAKE = make_intake(
    help_question=MARKERS["help_question"] + " vraag",
    tried_already=MARKERS["tried"] + " stap",
)
CONTACT = ContactDetails(MARKERS["contact"], "06-00000000", "")
FMT = dutch_letter_format()
ALL_VALUES = build_letter(
    consented_view(
        INTAKE,
        make_consent(FIELD_KEYS),
        TODAY,
        settings=SETTINGS,
        contact=CONTACT,
        employer_name=MARKERS["employer_name"],
    ),
    ADVISOR.__class__(ADVISOR.name, ADVISOR.function),
    SHV,
    FMT,
).shared_values


def letter_text(letter) -> str:
    parts = [*letter.sender_lines, *letter.recipient_lines, letter.intro, letter.handover]
    for block in letter.blocks:
        parts += [block.heading, *block.paragraphs]
    parts += [*letter.consent_statement, *letter.closing]
    return "\n".join(parts)


@settings(max_examples=150, deadline=None)
@given(st.frozensets(st.sampled_from(FIELD_KEYS), min_size=1))
def test_only_chosen_fields_leave(fields):
    view = consented_view(
        INTAKE,
        make_consent(fields),
        TODAY,
        settings=SETTINGS,
        contact=CONTACT,
        employer_name=MARKERS["employer_name"],
    )
    letter = build_letter(view, ADVISOR.__class__(ADVISOR.name, ADVISOR.function), SHV, FMT)
    text = letter_text(letter)
    attachment = json.dumps(letter.attachment, ensure_ascii=False)
    assert set(letter.shared_values) <= set(fields)
    for key, marker in MARKERS.items():
        if key in fields:
            assert marker in text
        else:
            assert marker not in text and marker not in attachment
    for key, value in ALL_VALUES.items():
        if key not in fields:
            # the exact sentence a field would produce is absent when it is not chosen
            assert all(part not in text for part in value.split("; ") if len(part) > 12), key
