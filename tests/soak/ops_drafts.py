"""Soak operations for work in progress (``app.store.drafts``, ``IntakeRepository.autosave``).

Loaded by the worker and the harness whenever ``app.store.drafts`` exists
(:data:`tests.soak.harness.OPTIONAL_MODULES`):

- ``intake.autosave`` becomes the GUI's own entry point, ``IntakeRepository.autosave``
  (answers, step and sometimes the choice on the advice page, in one write); the older
  ``save_draft`` ("Opslaan als concept") stays as ``intake.save_draft``;
- ``draft.referral``: the consent flow's half-filled form (``DraftStore.save("referral", …)``),
  never a consent; ``draft.referral_discard`` ("nee" or done);
- ``draft.resume``: the place to come back to, saved at lock or close; ``draft.settings``:
  the signal settings form before "Opslaan";
- the snapshot reads every draft back (``draft:<kind>/<ref>``).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.soak import ops
from tests.soak.ops import TODAY, Step, World, digest, intake_form, key, operation


def draft_key(kind: str, ref: str | int = "") -> str:
    return key("draft", f"{kind}/{ref}")


def read_drafts(connection: Any) -> dict[str, str]:
    from app.store.drafts import DraftStore

    store = DraftStore(connection)
    result = {}
    for kind, ref in store.kinds():
        draft = store.load(kind, ref)
        result[draft_key(kind, ref)] = digest(None if draft is None else draft.data)
    return result


ops.SNAPSHOT_EXTENSIONS.append(read_drafts)

# The repository's save_draft is still the "Opslaan als concept" button.
ops.OPERATIONS["intake.save_draft"] = ops.Operation(
    "intake.save_draft", 1, ops.OPERATIONS["intake.autosave"].make
)


@operation("intake.autosave", weight=5)
def autosave_intake(world: World) -> Step | None:
    """``IntakeRepository.autosave``: what the wizard calls seconds after a change."""
    from app.store.intakes import AdviceChoice

    if not world.intake_ids:
        return None
    rng = world.rng
    intake_id = rng.choice(world.intake_ids)
    intake, step = ops._random_intake(rng), rng.randrange(0, 8)
    predicted = intake_form(world.intakes.load(intake_id)) | {
        "data": intake.to_dict(),
        "step": step,
    }
    choice = None
    if rng.random() < 0.3:
        route = rng.choice([None, "schuldhulp", " sunz "])
        reason = rng.choice([None, "  kent de hulpverlener al ", "Test Persoon belt zelf."])
        day = rng.choice([None, TODAY + timedelta(days=rng.randrange(1, 30))])
        choice = AdviceChoice(route, reason, day)
        stripped = route.strip() if route else None
        predicted |= {
            "chosen_route": stripped or None,
            "override_reason": ((reason or "").strip()[:2000] or None) if stripped else None,
            "follow_up": day.isoformat() if day else None,
        }

    def run() -> dict[str, str | None]:
        world.intakes.autosave(intake_id, intake, step=step, choice=choice)
        return {key("intake", intake_id): digest(intake_form(world.intakes.load(intake_id)))}

    name = key("intake", intake_id)
    return Step([name], run, expect={name: digest(predicted)})


@operation("draft.referral", weight=1.5)
def save_referral_draft(world: World) -> Step | None:
    """The consent flow's fields as typed so far: a draft, never a consent record."""
    from app.store.drafts import REFERRAL, DraftStore

    if not world.intake_ids:
        return None
    intake_id = world.rng.choice(world.intake_ids)
    data = {
        "step": world.rng.randrange(0, 5),
        "recipient": world.rng.choice(["shv", "sunz", "jpf"]),
        "fields": sorted(world.rng.sample(["inkomen", "schulden", "dreiging", "huishouden"], 2)),
        "purpose": "Aanmelding " + " ".join(world.rng.sample(ops.WORDS, 3)),
    }
    name = draft_key(REFERRAL, intake_id)

    def run() -> dict[str, str | None]:
        store = DraftStore(world.session.connection)
        store.save(REFERRAL, data, ref=intake_id, intake_id=intake_id)
        draft = store.load(REFERRAL, intake_id)
        return {name: digest(None if draft is None else draft.data)}

    return Step([name], run, expect={name: digest(data)})


@operation("draft.referral_discard", weight=0.4)
def discard_referral_draft(world: World) -> Step | None:
    from app.store.drafts import REFERRAL, DraftStore

    store = DraftStore(world.session.connection)
    refs = [ref for kind, ref in store.kinds() if kind == REFERRAL]
    if not refs:
        return None
    ref = world.rng.choice(refs)
    name = draft_key(REFERRAL, ref)

    def run() -> dict[str, str | None]:
        store.discard(REFERRAL, ref)
        return {name: None}

    return Step([name], run, expect={name: None})


@operation("draft.resume", weight=0.7)
def save_resume_point(world: World) -> Step:
    """Where the advisor was, saved at lock or close (``DraftStore.save_resume``)."""
    from app.store.drafts import RESUME, DraftStore, ResumePoint

    point = ResumePoint(
        world.rng.choice(["gesprekken", "signalen", "verwijzingen"]),
        intake_id=world.rng.choice([None, *world.intake_ids[-3:]]),
        step=world.rng.randrange(0, 8),
        field=world.rng.choice([None, "text_help_question", "total_debt"]),
        cursor=world.rng.randrange(0, 200),
        reason=world.rng.choice(["lock", "close"]),
    )
    name = draft_key(RESUME)

    def run() -> dict[str, str | None]:
        store = DraftStore(world.session.connection)
        store.save_resume(point)
        draft = store.load(RESUME)
        return {name: digest(None if draft is None else draft.data)}

    return Step([name], run, expect={name: digest(point.to_dict())})


@operation("draft.settings", weight=0.4)
def save_settings_draft(world: World) -> Step:
    """Instellingen' signal settings as typed so far, before "Opslaan" (a draft, not settings)."""
    from app.store.drafts import SIGNAL_SETTINGS, DraftStore

    data = {
        "departments": world.rng.sample(["Productie", "Schoonmaak", "Bezorging", "Kantoor"], 3),
        "k": world.rng.randrange(5, 16),
        "typing": " ".join(world.rng.sample(ops.WORDS, 2)),
    }
    name = draft_key(SIGNAL_SETTINGS)

    def run() -> dict[str, str | None]:
        store = DraftStore(world.session.connection)
        store.save(SIGNAL_SETTINGS, data)
        draft = store.load(SIGNAL_SETTINGS)
        return {name: digest(None if draft is None else draft.data)}

    return Step([name], run, expect={name: digest(data)})
