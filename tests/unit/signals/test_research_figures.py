"""Geldclinic figures in the export: counted from the intake and referral tables, suppressed."""

from __future__ import annotations

import datetime as dt
import json

from app.documents.signal_export import prepare_export
from app.shipped import load_shipped
from app.store.export_inputs import read_export_inputs
from app.store.research_figures import clinic_counts

SHIPPED = load_shipped()

NOW = "2026-11-01T10:00:00+00:00"


def add_intake(
    conn,
    n,
    *,
    age="18_27",
    contract="oproep",
    date="2026-03-10",
    status="open",
    routes=("gemeente-schuldhulp",),
):
    advice = json.dumps({"schema_version": "1", "routes": [{"id": r} for r in routes]})
    cursor = conn.execute(
        "INSERT INTO intake (case_code, status, data, conversation_date, advice, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            f"GC-2026-{n:04d}",
            status,
            json.dumps({"age_band": age, "contract": contract}),
            date,
            advice,
            NOW,
            NOW,
        ),
    )
    return cursor.lastrowid


def test_counts_and_suppression(vault_session):
    conn = vault_session.connection
    for n in range(12):
        add_intake(conn, n, routes=("gemeente-schuldhulp", "geldfit"))
    add_intake(conn, 50, age="unknown", contract="zzp")
    add_intake(conn, 51, status="concept")  # a draft is not a conversation held
    add_intake(conn, 52, date="2025-12-01")  # outside the period
    conn.commit()
    counts = clinic_counts(conn, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert counts["intakes_by_age_band"] == {"18_27": 12, "onbekend": 1}
    assert counts["intakes_by_contract_type"] == {"oproep": 12, "zzp": 1}
    assert counts["routes_advised"] == {"gemeente-schuldhulp": 13, "geldfit": 12}
    assert counts["letters_by_outcome"] == {}

    document = prepare_export(
        read_export_inputs(conn, dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        catalogue=SHIPPED.catalogue,
        today=dt.date(2026, 11, 29),
    )
    clinic = document["geldclinic"]
    assert clinic["available"] is True
    ages = clinic["tables"]["intakes_by_age_band"]
    shown = dict(zip(ages["keys"], ages["counts"], strict=True))
    assert shown["18_27"] is None and shown["onbekend"] is None  # 12 next to 1: both hidden
    assert ages["total"] == 13


def test_every_contract_answer_of_the_intake_reaches_the_export_under_its_own_category(
    vault_session,
):
    from app.core.concepts.contract import INTAKE_ANSWERS
    from app.core.intake import Intake
    from app.documents.signal_export import key_label
    from app.store.intakes import IntakeRepository, IntakeStatus

    conn = vault_session.connection
    repo = IntakeRepository(conn)
    for contract in INTAKE_ANSWERS:
        for _ in range(10):  # enough to pass the suppression threshold (k = 10)
            record = repo.create(Intake(contract=contract), today=dt.date(2026, 3, 10))
            repo.set_status(record.id, IntakeStatus.OPEN)

    counts = clinic_counts(conn, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert counts["intakes_by_contract_type"] == {c.value: 10 for c in INTAKE_ANSWERS}

    document = prepare_export(
        read_export_inputs(conn, dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
        catalogue=SHIPPED.catalogue,
        today=dt.date(2026, 11, 29),
    )
    table = document["geldclinic"]["tables"]["intakes_by_contract_type"]
    shown = dict(zip(table["keys"], table["counts"], strict=True))
    for contract in INTAKE_ANSWERS:
        assert shown[contract.value] == 10, contract
        assert key_label("intakes_by_contract_type", contract.value) != "Niet ingevuld"
    assert not shown.get("onbekend")
