"""The largest accepted referral: how long the letter and the employee copy take to render.

Run by hand: ``.venv/bin/python tests/perf/bench_worst_referral.py``. Every text at the limit of
intake.schema.json / consent.schema.json (help question and tried-already 2000 characters,
purpose 300, names 200, 50 arrears, every field shared), in five text styles (one unbreakable
word, markup characters, line breaks, Arabic, plain words) and five languages. Reports CPU
seconds per render (process time, so a busy shared machine does not inflate it); the target is
under one second for any accepted input. Fictional data only.
"""

from __future__ import annotations

import time
from datetime import date

from app.cli.intake_cmd import load_rules_file
from app.core.consent import (
    FIELD_KEYS,
    MAX_PURPOSE,
    MAX_RECIPIENT_NAME,
    consent_from_json,
)
from app.core.intake import Intake
from app.core.intake_codec import MAX_AMOUNT, MAX_LIST_ITEMS, MAX_TEXT_LENGTH
from app.core.referral.view import AdvisorProfile, recipient_for
from app.documents.referral_pdf import load_consent_bundle, produce_referral

STYLES = ("W", "&", "<br/>", "x\n", "مرحبا ", "a b ")
LANGUAGES = ("nl", "ar", "tr", "pl", "en")


from app.shipped import load_shipped  # noqa: E402

SHIPPED = load_shipped()


def fill(style: str, length: int, first: str = "") -> str:
    return (first + style * length)[:length]


def main() -> None:
    rules = load_rules_file(None, SHIPPED)
    amount = float(MAX_AMOUNT)
    worst = (0.0, "")
    produce = None
    for language in LANGUAGES:
        bundle = load_consent_bundle(SHIPPED, language)
        for style in STYLES:
            one_line = style.replace("\n", " ")
            intake = Intake.from_dict(
                {
                    "schema_version": "1.0",
                    "household": "gezin",
                    "household_size": 30,
                    "age_years": 25,
                    "contract": "zzp",
                    "total_debt": amount,
                    "creditor_count": 1000,
                    "bailiff": True,
                    "wage_garnishment": True,
                    "arrears": [{"kind": "energie", "amount": amount}] * MAX_LIST_ITEMS,
                    "threats": ["ontruiming", "afsluiting_gas", "beslag_bedrijf"],
                    "life_areas": ["stress", "wonen", "taal"],
                    "preferred_contact": "telefoon",
                    "help_question": fill(style, MAX_TEXT_LENGTH),
                    "tried_already": fill(style, MAX_TEXT_LENGTH),
                }
            )
            consent = consent_from_json(
                {
                    "schema_version": "1.0",
                    "case_code": "C" * 64,
                    "recipient": {
                        "id": "shv-crisis",
                        "name": fill(one_line, MAX_RECIPIENT_NAME, "R"),
                    },
                    "purpose": fill(one_line, MAX_PURPOSE, "P"),
                    "fields": list(FIELD_KEYS),
                    "language": language,
                    "text_version": bundle.text.version,
                    "text_sha256": bundle.text.sha256,
                    "given_at": "2026-11-27T10:15:00+01:00",
                    "method": "op_scherm",
                    "expires_on": "2027-02-27",
                }
            )
            recipient = recipient_for(
                rules.route("shv-crisis"), "shv-crisis", consent.recipient_name
            )
            advisor = AdvisorProfile("N" * 200, "F" * 200, "E" * 200)
            if produce is None:  # warm-up: fonts and PDF libraries load once per process
                produce_referral(
                    intake,
                    consent,
                    advisor,
                    recipient,
                    date(2026, 12, 1),
                    settings=rules.settings,
                    shipped=SHIPPED,
                )
                produce = produce_referral
            started = time.process_time()
            produce(
                intake,
                consent,
                advisor,
                recipient,
                date(2026, 12, 1),
                settings=rules.settings,
                employer_name="E",
            )
            seconds = time.process_time() - started
            print(f"{language} {style!r:10} {seconds:.2f} s", flush=True)
            worst = max(worst, (seconds, f"{language} {style!r}"))
    print(f"worst: {worst[0]:.2f} s CPU ({worst[1]})")


if __name__ == "__main__":
    main()
