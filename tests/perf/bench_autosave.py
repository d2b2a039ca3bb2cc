"""How long one intake autosave takes on the GUI thread (not part of the test run).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/perf/bench_autosave.py

An intake with every field filled (every income, cost and arrear kind, texts at their 2,000
character limit) in a real vault with production pragmas (WAL, synchronous FULL). Prints the
median and 95th percentile in ms of: the whole save as the screen does it (read the form,
encode, write, commit), and the store part alone (``IntakeRepository.autosave``).
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RUNS = 200


def full_intake():
    from app.core.concepts.arrears import ArrearKind
    from app.core.concepts.costs import CostKind
    from app.core.concepts.income import IncomeKind
    from app.core.concepts.life_areas import LifeArea
    from app.core.concepts.threats import Threat
    from app.core.intake import Arrear, FixedCost, IncomeSource, Intake

    text = ("Test Persoon wil overzicht. " * 80)[:2000]
    return Intake.from_dict(
        Intake(
            income=[IncomeSource(kind, Decimal("123.45")) for kind in IncomeKind],
            fixed_costs=[FixedCost(kind, Decimal("67.89")) for kind in CostKind],
            arrears=[Arrear(kind, Decimal("250.00")) for kind in ArrearKind],
            threats=list(Threat),
            life_areas=list(LifeArea),
            help_question=text,
            tried_already=text,
        ).to_dict()
        | {
            "household": "gezin",
            "household_size": 4,
            "age_band": "28_45",
            "age_years": 38,
            "contract": "vast",
            "hours_per_week": 32,
            "own_business": True,
            "food_shortage": True,
            "creditor_count": 12,
            "total_debt": 8450,
            "business_debt": False,
            "collection_agency": True,
            "bailiff": True,
            "wage_garnishment": False,
            "bank_garnishment": False,
            "preferred_contact": "telefoon",
        }
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from app.preferences import Preferences
    from app.store.intakes import IntakeRepository
    from app.store.keyslots import TEST_KDF
    from app.store.vault import Vault
    from app.ui.context import AppContext
    from app.ui.intake.section import IntakeSection

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        vault = Vault(Path(folder) / "data", kdf=TEST_KDF)
        vault.create("fictieve kluis lamp wolk")
        session = vault.unlock("fictieve kluis lamp wolk")
        context = AppContext(session=session, preferences=Preferences(), data_dir=Path(folder))
        section = IntakeSection(context)
        section.new_intake()
        flow = section.flow
        intake = full_intake()
        flow.form.set_intake(intake)
        assert flow.form.to_intake() == intake
        app.processEvents()
        screen, store = [], []
        repository = IntakeRepository(session.connection)
        for _run in range(RUNS):
            flow.autosave.changed()
            start = time.perf_counter()
            assert flow.autosave.flush()
            screen.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            repository.autosave(flow.record.id, intake, step=3)
            store.append((time.perf_counter() - start) * 1000)
        size = len(json.dumps(intake.to_dict(), ensure_ascii=False))
        session.close()
    print(
        json.dumps(
            {
                "intake_json_chars": size,
                "runs": RUNS,
                "screen_save_ms_median": round(statistics.median(screen), 2),
                "screen_save_ms_p95": round(percentile(screen, 0.95), 2),
                "store_save_ms_median": round(statistics.median(store), 2),
                "store_save_ms_p95": round(percentile(store, 0.95), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
