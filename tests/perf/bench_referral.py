"""Referral letter benchmark: ``run(workdir) -> dict`` (called by tests/perf/bench.py).

- ``referral_pdf_cold_ms`` (target <= 300): the first letter in a fresh process – font
  registration, the consent text check, the deadline, rendering the letter and the employee
  copy, embedding the attachment, AES-256 encryption and the atomic write. The libraries are
  imported first and reported on their own (``referral_pdf_import_ms``): the app loads the PDF
  stack in the background when the referral dialog opens, and the holiday calendar is already
  loaded by the route advice the referral flow starts from.
- ``referral_pdf_warm_ms`` (target <= 100): the same in a process that already made a letter.

Medians of several fresh processes / runs. Fictional data only.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COLD_RUNS = 5
WARM_RUNS = 20

SETUP = """
import sys, time
from datetime import UTC, date, datetime
from pathlib import Path
sys.path.insert(0, {root!r})
t_import = time.perf_counter()
# what the app has loaded before the first letter: the PDF stack (warm_up() when the referral
# dialog opens) and the holiday calendar (already used by the route advice the flow starts from)
import reportlab.platypus, pikepdf, holidays.countries
import_ms = (time.perf_counter() - t_import) * 1000
from app.core.consent import ConsentMethod, ConsentText, new_consent
from app.core.intake import Intake
from app.core.referral.view import AdvisorProfile, ContactDetails, Recipient
from app.documents import referral_pdf
from app.fileio import UserFiles

INTAKE = Intake.from_dict({{
    "household": "eenoudergezin", "household_size": 3, "age_band": "28_45", "contract": "vast",
    "arrears": [{{"kind": "huur_hypotheek", "amount": 1200}}, {{"kind": "energie", "amount": 300}}],
    "creditor_count": 4, "total_debt": 6500, "wage_garnishment": True, "bailiff": True,
    "threats": ["afsluiting_elektriciteit"],
    "help_question": "Ik wil overzicht en hulp met de energierekening.",
    "tried_already": "Zelf gebeld.", "preferred_contact": "telefoon",
}})
ADVISOR = AdvisorProfile("Test Persoon", "Vertrouwenspersoon", "Fictief Schoonmaak B.V.")
RECIPIENT = Recipient("shv-crisis", "Gemeente Zoetermeer, schuldhulpverlening")
TODAY = date(2026, 11, 27)
from app.shipped import load_shipped  # noqa: E402

SHIPPED = load_shipped()
SETTINGS = SHIPPED.rules.settings

def consent(text):
    return new_consent(
        case_code="GC-2026-TEST", recipient_id="shv-crisis",
        recipient_name=RECIPIENT.name, purpose="Aanmelding voor schuldhulpverlening",
        fields=SETTINGS.minimum_fields("shv") | {{"arrears", "garnishment", "household"}},
        text=text,
        given_at=datetime(2026, 11, 27, 10, 0, tzinfo=UTC), method=ConsentMethod.ON_SCREEN,
    )


def make(out: Path, text):
    documents = referral_pdf.produce_referral(
        INTAKE, consent(text), ADVISOR, RECIPIENT, TODAY, settings=SETTINGS,
        contact=ContactDetails("Test Medewerker", "06-12345678"), encrypt=True, shipped=SHIPPED,
    )
    documents.save(out / "brief.pdf", out / "kopie.pdf", files=UserFiles())
"""

COLD = """
# the consent text as it was shown in the consent step, read before the letter is made
import yaml
path = referral_pdf.resource_path("consent", "tr.yaml")
text_data = yaml.safe_load(Path(path).read_text("utf-8"))
TEXT = ConsentText("tr", str(text_data["version"]), text_data["consent_text"])
out = Path(sys.argv[1])
t0 = time.perf_counter()
make(out, TEXT)
cold_ms = (time.perf_counter() - t0) * 1000
print(import_ms, cold_ms)
"""

WARM = """
TEXT = referral_pdf.load_consent_bundle(SHIPPED, "tr").text
out = Path(sys.argv[1])
make(out, TEXT)
times = []
for _ in range({runs}):
    t0 = time.perf_counter()
    make(out, TEXT)
    times.append((time.perf_counter() - t0) * 1000)
times.sort()
print(times[len(times) // 2])
"""


def _python(code: str, workdir: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, str(workdir)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return done.stdout.strip()


def run(workdir: Path) -> dict[str, float]:
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    setup = SETUP.format(root=str(ROOT))
    imports, colds = [], []
    _python(setup + COLD, workdir)  # disk cache warm-up, not counted
    for _ in range(COLD_RUNS):
        import_ms, cold_ms = (float(x) for x in _python(setup + COLD, workdir).split())
        imports.append(import_ms)
        colds.append(cold_ms)
    warm = float(_python(setup + WARM.format(runs=WARM_RUNS), workdir))
    return {
        "referral_pdf_import_ms": round(statistics.median(imports), 1),
        "referral_pdf_cold_ms": round(statistics.median(colds), 1),
        "referral_pdf_warm_ms": round(warm, 1),
    }


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="vindplaats-bench-referral-") as tmp:
        print(json.dumps(run(Path(tmp)), indent=2))
