"""What the kill -9 soak does to a vault, and how it reads a vault back.

Every write goes through the app's own services (``app.store.intakes``, ``app.store.signals``,
``app.store.referrals``, ``app.store.vault.Vault``). Objects are named by keys such as
``"signal:17"``; their content is summarised by :func:`digest` of a canonical form read back
through the repositories (timestamps left out).

An **operation** is one small function ``op(world) -> Step | None`` registered with
:func:`operation`. It picks its target in ``world`` (the worker's view of the vault) and returns
a :class:`Step`:

- ``touch``: the keys it may change; ``"<kind>:new"`` for an object it creates;
- ``expect``: for the keys whose result it can predict, the digest afterwards (``None`` = gone);
- ``run()``: does the write (one committed transaction), updates ``world`` and returns the
  digests of the touched keys as read back afterwards (``None`` for a deleted key).

The worker prints the intent before ``run()`` and the acknowledgement after it. After a kill,
every acknowledged state must be in the vault; only the keys of the one operation in flight may
differ, and then only to what that operation would have written (see ``harness.reconcile``).
A new operation (backup, the GUI-free autosave entry point) is one more registered function.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

NEW = "new"
TODAY = date(2026, 11, 30)
WORDS = (
    "lamp wolk fiets regen tafel molen sterk bloem kaas boot vijver tulp haven brug zand "
    "appel duin kikker lepel mantel paraplu schelp trein vlieger wortel zeef"
).split()


def key(kind: str, ident: int | str) -> str:
    return f"{kind}:{ident}"


def kind_of(name: str) -> str:
    return name.split(":", 1)[0]


def digest(canonical: Any) -> str:
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def new_passphrase(rng: random.Random) -> str:
    """A fictional passphrase that passes the app's strength rule (zxcvbn score >= 3)."""
    return " ".join(rng.sample(WORDS, 4)) + f" {rng.randrange(100, 1000)}"


# --- canonical forms (read back through the repositories) --------------------------------


def signal_form(stored_signal: Any, logged_week_key: int) -> dict[str, Any]:
    s = stored_signal
    return {
        "category": s.category,
        "week": [s.iso_year, s.iso_week],
        "source": str(s.source),
        "department": s.department,
        "age_band": None if s.age_band is None else str(s.age_band),
        "contract_type": None if s.contract_type is None else str(s.contract_type),
        "conversation_offered": s.conversation_offered,
        "logged_week": logged_week_key,
    }


def intake_form(record: Any) -> dict[str, Any]:
    return {
        "case_code": record.case_code,
        "status": str(record.status),
        "data": record.intake.to_dict(),
        "step": record.step,
        "conversation_date": record.conversation_date.isoformat(),
        "follow_up": record.follow_up.isoformat() if record.follow_up else None,
        "advice": record.advice,
        "chosen_route": record.chosen_route,
        "override_reason": record.override_reason,
    }


def consent_form(consent: Any) -> dict[str, Any]:
    from app.core.consent import consent_to_json

    return consent_to_json(consent)


def referral_form(repo: Any, referral_id: int) -> dict[str, Any]:
    s = repo.load(referral_id)
    contact = repo.contact(referral_id)
    return {
        "intake_id": s.intake_id,
        "case_code": s.case_code,
        "consent_id": s.consent_id,
        "recipient_id": s.recipient_id,
        "recipient_name": s.recipient_name,
        "status": str(s.status),
        "status_since": s.status_since.isoformat(),
        "crisis": s.crisis,
        "deadline": s.deadline.isoformat() if s.deadline else None,
        "produced_on": s.produced_on.isoformat() if s.produced_on else None,
        "contact": None if contact is None else [contact.name, contact.phone, contact.email],
        "history": [[str(c.status), c.on.isoformat()] for c in repo.history(referral_id)],
    }


def snapshot(connection: Any) -> dict[str, str]:
    """Every object the soak writes, read back through the repositories: key -> digest."""
    from app.store.intakes import IntakeRepository
    from app.store.referrals import ReferralRepository
    from app.store.signals import SignalRepository

    result: dict[str, str] = {}
    signals = SignalRepository(connection)
    for stored in signals.list_signals(limit=10**9):
        result[key("signal", stored.id)] = digest(
            signal_form(stored.signal, stored.logged_week.key)
        )
    intakes = IntakeRepository(connection)
    referrals = ReferralRepository(connection)
    for case in intakes.list_cases(limit=10**9):
        result[key("intake", case.id)] = digest(intake_form(intakes.load(case.id)))
        for consent in referrals.consents_for_intake(case.id):
            result[key("consent", int(consent.record_id or 0))] = digest(consent_form(consent))
    for referral in referrals.list_referrals():
        result[key("referral", referral.id)] = digest(referral_form(referrals, referral.id))
    if connection.execute("SELECT 1 FROM settings WHERE key LIKE 'signals.%'").fetchone():
        from app.store.signals import load_settings

        result[SIGNAL_SETTINGS_KEY] = digest(signal_settings_form(load_settings(connection)))
    profile = referrals.advisor_profile()
    if profile is not None:
        result[PROFILE_KEY] = digest(profile_form(profile))
    for extend in SNAPSHOT_EXTENSIONS:
        result.update(extend(connection))
    return result


# Extra readers for objects that operations in other modules write: f(connection) -> {key: digest}.
SNAPSHOT_EXTENSIONS: list[Callable[[Any], dict[str, str]]] = []


# --- the worker's view ---------------------------------------------------------------------


@dataclass
class World:
    """What an operation may use: the open session, the repositories, targets to pick from."""

    vault: Any
    session: Any
    passphrase: str
    recovery_code: str
    rng: random.Random
    consent_text: Any  # app.core.consent.ConsentText, loaded once by the parent
    run_dir: Any = None  # the harness's folder (the vault is in run_dir/vault)
    intakes: Any = None
    signals: Any = None
    referrals: Any = None
    signal_ids: list[int] = field(default_factory=list)
    intake_ids: list[int] = field(default_factory=list)
    consent_ids: dict[int, int] = field(default_factory=dict)  # not withdrawn: -> intake id
    referral_ids: list[int] = field(default_factory=list)  # not final

    def load(self) -> None:
        from app.store.intakes import IntakeRepository
        from app.store.referrals import ReferralRepository
        from app.store.signals import SignalRepository

        connection = self.session.connection
        self.intakes = IntakeRepository(connection)
        self.signals = SignalRepository(connection)
        self.referrals = ReferralRepository(connection)
        self.signal_ids = [s.id for s in self.signals.list_signals(limit=10**9)]
        self.intake_ids = [s.id for s in self.intakes.list_cases(limit=10**9)]
        self.consent_ids = {}
        for intake_id in self.intake_ids:
            for consent in self.referrals.consents_for_intake(intake_id):
                if consent.withdrawn_on is None:
                    self.consent_ids[int(consent.record_id)] = intake_id
        self.referral_ids = [r.id for r in self.referrals.list_referrals() if not r.status.is_final]


@dataclass
class Step:
    touch: list[str]
    run: Callable[[], dict[str, str | None]]
    expect: dict[str, str | None] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # goes into the intent line
    after: dict[str, Any] = field(default_factory=dict)  # goes into the ack line


@dataclass(frozen=True)
class Operation:
    name: str
    weight: float
    make: Callable[[World], Step | None]


OPERATIONS: dict[str, Operation] = {}


def operation(name: str, weight: float) -> Callable[[Callable[[World], Step | None]], Any]:
    """Register ``op(world) -> Step | None`` (``None``: nothing to do it on right now)."""

    def register(make: Callable[[World], Step | None]) -> Callable[[World], Step | None]:
        OPERATIONS[name] = Operation(name, weight, make)
        return make

    return register


# --- signals ---------------------------------------------------------------------------------


def _week() -> Any:
    from app.core.signals import IsoWeek

    return IsoWeek(2026, 48)


def _random_signal(rng: random.Random) -> Any:
    from app.core.concepts.age import AgeBand
    from app.core.concepts.contract import SIGNAL_VALUES
    from app.core.signals import Signal, Source

    return Signal(
        rng.choice(["loonbeslag", "scheiding", "voorschot-salaris", "lening-bij-werkgever"]),
        2026,
        rng.randrange(40, 49),
        rng.choice(list(Source)),
        rng.choice([None, "Productie", "Schoonmaak", "Bezorging"]),
        rng.choice([None, *AgeBand]),
        rng.choice([None, *SIGNAL_VALUES]),
        rng.choice([None, True, False]),
    )


@operation("signal.add", weight=4)
def add_signal(world: World) -> Step:
    signal, week = _random_signal(world.rng), _week()

    def run() -> dict[str, str | None]:
        new_id = world.signals.add(signal, logged_in=week)
        world.signal_ids.append(new_id)
        stored = world.signals.get(new_id)
        return {key("signal", new_id): digest(signal_form(stored.signal, stored.logged_week.key))}

    return Step(
        [key("signal", NEW)],
        run,
        expect={key("signal", NEW): digest(signal_form(signal, week.key))},
    )


@operation("signal.update", weight=2)
def update_signal(world: World) -> Step | None:
    if not world.signal_ids:
        return None
    signal_id = world.rng.choice(world.signal_ids)
    signal, week = _random_signal(world.rng), _week()

    def run() -> dict[str, str | None]:
        world.signals.update(signal_id, signal, current_week=week)
        stored = world.signals.get(signal_id)
        return {
            key("signal", signal_id): digest(signal_form(stored.signal, stored.logged_week.key))
        }

    name = key("signal", signal_id)
    return Step([name], run, expect={name: digest(signal_form(signal, week.key))})


@operation("signal.delete", weight=1.5)
def delete_signal(world: World) -> Step | None:
    if not world.signal_ids:
        return None
    signal_id = world.rng.choice(world.signal_ids)

    def run() -> dict[str, str | None]:
        world.signals.delete(signal_id, current_week=_week())
        world.signal_ids.remove(signal_id)
        return {key("signal", signal_id): None}

    name = key("signal", signal_id)
    return Step([name], run, expect={name: None})


# --- intakes (the draft an advisor types, saved as they go) -----------------------------------


def _random_intake(rng: random.Random) -> Any:
    from app.core.intake import Intake

    words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 40)))
    return Intake.from_dict(
        {
            "schema_version": "1.0",
            "household": rng.choice(["alleenstaand", "eenoudergezin", None]),
            "household_size": rng.randrange(1, 7),
            "total_debt": rng.randrange(0, 40000),
            "creditor_count": rng.randrange(0, 15),
            "wage_garnishment": rng.choice([True, False, None]),
            "help_question": f"Test Persoon vraagt: {words}",
            "tried_already": rng.choice(["", "Zelf gebeld met de verhuurder.", None]),
        }
    )


@operation("intake.create", weight=0.5)
def create_intake(world: World) -> Step:
    def run() -> dict[str, str | None]:
        record = world.intakes.create(_random_intake(world.rng), today=TODAY, step=0)
        world.intake_ids.append(record.id)
        return {key("intake", record.id): digest(intake_form(world.intakes.load(record.id)))}

    return Step([key("intake", NEW)], run)


@operation("intake.autosave", weight=5)
def autosave_intake(world: World) -> Step | None:
    """What the wizard's autosave does: the answers so far and the step, in one write."""
    if not world.intake_ids:
        return None
    intake_id = world.rng.choice(world.intake_ids)
    intake, step = _random_intake(world.rng), world.rng.randrange(0, 8)
    predicted = intake_form(world.intakes.load(intake_id)) | {
        "data": intake.to_dict(),
        "step": step,
    }

    def run() -> dict[str, str | None]:
        world.intakes.save_draft(intake_id, intake, step=step)
        return {key("intake", intake_id): digest(intake_form(world.intakes.load(intake_id)))}

    name = key("intake", intake_id)
    return Step([name], run, expect={name: digest(predicted)})


@operation("intake.status", weight=1)
def intake_status(world: World) -> Step | None:
    from app.store.intakes import IntakeStatus

    if not world.intake_ids:
        return None
    intake_id = world.rng.choice(world.intake_ids)
    status = world.rng.choice([IntakeStatus.OPEN, IntakeStatus.REFERRED, IntakeStatus.CONCEPT])
    predicted = intake_form(world.intakes.load(intake_id)) | {"status": str(status)}

    def run() -> dict[str, str | None]:
        world.intakes.set_status(intake_id, status)
        return {key("intake", intake_id): digest(intake_form(world.intakes.load(intake_id)))}

    name = key("intake", intake_id)
    return Step([name], run, expect={name: digest(predicted)})


# --- consent and referral status ---------------------------------------------------------------


@operation("consent.record", weight=0.7)
def record_consent(world: World) -> Step | None:
    from app.core.consent import ConsentMethod, new_consent
    from tests.unit.referral.factories import minimum_fields

    if not world.intake_ids:
        return None
    intake_id = world.rng.choice(world.intake_ids)
    case_code = world.intakes.load(intake_id).case_code
    given = datetime(2026, 11, 30, 10, world.rng.randrange(60), tzinfo=UTC)
    consent = new_consent(
        case_code=case_code,
        recipient_id="shv",
        recipient_name="Gemeente Zoetermeer, schuldhulpverlening",
        purpose="Aanmelding voor schuldhulpverlening",
        fields=minimum_fields("shv"),
        text=world.consent_text,
        given_at=given,
        method=ConsentMethod.ON_SCREEN,
    )

    def run() -> dict[str, str | None]:
        stored = world.referrals.record_consent(intake_id, consent)
        consent_id = int(stored.record_id)
        world.consent_ids[consent_id] = intake_id
        return {
            key("consent", consent_id): digest(consent_form(world.referrals.consent(consent_id)))
        }

    return Step(
        [key("consent", NEW)], run, expect={key("consent", NEW): digest(consent_form(consent))}
    )


@operation("referral.create", weight=0.7)
def create_referral(world: World) -> Step | None:
    if not world.consent_ids:
        return None
    consent_id = world.rng.choice(list(world.consent_ids))
    consent = world.referrals.consent(consent_id)
    intake_id = world.consent_ids[consent_id]
    crisis = world.rng.random() < 0.3

    def run() -> dict[str, str | None]:
        referral_id = world.referrals.create_referral(
            intake_id,
            consent,
            recipient_name=consent.recipient_name,
            crisis=crisis,
            deadline=TODAY + timedelta(days=3) if crisis else None,
            contact=None,
            today=TODAY,
        )
        world.referral_ids.append(referral_id)
        return {key("referral", referral_id): digest(referral_form(world.referrals, referral_id))}

    return Step([key("referral", NEW)], run)


@operation("referral.status", weight=1)
def referral_status(world: World) -> Step | None:
    from app.core.referral.status import ALLOWED_TRANSITIONS, ReferralStatus

    if not world.referral_ids:
        return None
    referral_id = world.rng.choice(world.referral_ids)
    current = world.referrals.load(referral_id)
    choices = sorted(ALLOWED_TRANSITIONS[current.status] - {ReferralStatus.WITHDRAWN})
    if not choices:
        return None
    new = ReferralStatus(world.rng.choice(choices))
    on = current.status_since + timedelta(days=world.rng.randrange(0, 5))
    predicted = referral_form(world.referrals, referral_id)
    predicted |= {
        "status": str(new),
        "status_since": on.isoformat(),
        "history": [*predicted["history"], [str(new), on.isoformat()]],
    }

    def run() -> dict[str, str | None]:
        world.referrals.set_status(referral_id, new, on)
        if new.is_final:
            world.referral_ids.remove(referral_id)
        return {key("referral", referral_id): digest(referral_form(world.referrals, referral_id))}

    name = key("referral", referral_id)
    return Step([name], run, expect={name: digest(predicted)})


@operation("consent.withdraw", weight=0.3)
def withdraw_consent(world: World) -> Step | None:
    """Withdrawing consent: the consent and every open referral made with it, in one write."""
    from app.core.referral.status import ReferralStatus

    if not world.referral_ids:
        return None
    referral_id = world.rng.choice(world.referral_ids)
    summary = world.referrals.load(referral_id)
    on = max(summary.status_since, TODAY) + timedelta(days=1)
    consent_id = summary.consent_id
    open_ids = [
        r.id
        for r in world.referrals.list_referrals(intake_id=summary.intake_id)
        if r.consent_id == consent_id and not r.status.is_final
    ]
    consent = world.referrals.consent(consent_id)
    expect: dict[str, str | None] = {}
    if consent.withdrawn_on is None:
        expect[key("consent", consent_id)] = digest(consent_form(consent.withdraw(on)))
    for other in open_ids:
        form = referral_form(world.referrals, other)
        form |= {
            "status": str(ReferralStatus.WITHDRAWN),
            "status_since": on.isoformat(),
            "history": [*form["history"], [str(ReferralStatus.WITHDRAWN), on.isoformat()]],
        }
        expect[key("referral", other)] = digest(form)
    touch = [key("consent", consent_id), *(key("referral", other) for other in open_ids)]

    def run() -> dict[str, str | None]:
        world.referrals.withdraw(referral_id, on)
        world.consent_ids.pop(consent_id, None)
        post: dict[str, str | None] = {
            key("consent", consent_id): digest(consent_form(world.referrals.consent(consent_id)))
        }
        for other in open_ids:
            world.referral_ids.remove(other)
            post[key("referral", other)] = digest(referral_form(world.referrals, other))
        return post

    return Step(touch, run, expect=expect)


# --- the passphrase ---------------------------------------------------------------------------


@operation("vault.passwd", weight=0.5)
def change_passphrase(world: World) -> Step:
    """``Vault.change_passphrase`` (what ``vindplaats vault passwd`` calls): the key slot only."""
    old, new = world.passphrase, new_passphrase(world.rng)

    def run() -> dict[str, str | None]:
        world.vault.change_passphrase(old, new)
        world.passphrase = new
        return {}

    return Step([], run, extra={"passwd": {"old": old, "new": new}}, after={"passphrase": new})


@operation("vault.reset_passphrase", weight=0.3)
def reset_passphrase(world: World) -> Step:
    """A forgotten passphrase replaced with the recovery code (``Vault.reset_passphrase``)."""
    old, new = world.passphrase, new_passphrase(world.rng)

    def run() -> dict[str, str | None]:
        world.vault.reset_passphrase(world.recovery_code, new)
        world.passphrase = new
        return {}

    return Step([], run, extra={"passwd": {"old": old, "new": new}}, after={"passphrase": new})


@operation("vault.new_recovery_code", weight=0.3)
def renew_recovery_code(world: World) -> Step:
    """``Vault.new_recovery_code``; the code it draws is chosen here so the intent can name it."""
    from unittest import mock

    from app.store import keyslots

    old, new = world.recovery_code, keyslots.generate_recovery_code()

    def run() -> dict[str, str | None]:
        with mock.patch.object(keyslots, "generate_recovery_code", lambda: new):
            shown = world.vault.new_recovery_code(world.passphrase)
        if shown != new:
            raise AssertionError("new_recovery_code did not return the code it stored")
        world.recovery_code = new
        return {}

    return Step([], run, extra={"recovery": {"old": old, "new": new}}, after={"recovery_code": new})


# --- settings forms ---------------------------------------------------------------------------

SIGNAL_SETTINGS_KEY = key("settings", "signals")
PROFILE_KEY = key("profile", "advisor")


def signal_settings_form(settings: Any) -> dict[str, Any]:
    return {"departments": list(settings.departments), "k": settings.k, "sector": settings.sector}


def profile_form(profile: Any) -> list[str]:
    return [profile.name, profile.function, profile.employer_name]


@operation("settings.signals", weight=0.5)
def save_signal_settings(world: World) -> Step:
    from app.store.signals import SignalSettings, load_settings, save_settings

    settings = SignalSettings(
        departments=tuple(world.rng.sample(["Productie", "Schoonmaak", "Bezorging", "Kantoor"], 2)),
        k=world.rng.randrange(5, 16),
        sector=world.rng.choice([None, "schoonmaak", "maaltijdbezorging"]),
    )

    def run() -> dict[str, str | None]:
        save_settings(world.session.connection, settings)
        loaded = load_settings(world.session.connection)
        return {SIGNAL_SETTINGS_KEY: digest(signal_settings_form(loaded))}

    return Step(
        [SIGNAL_SETTINGS_KEY],
        run,
        expect={SIGNAL_SETTINGS_KEY: digest(signal_settings_form(settings))},
    )


@operation("settings.profile", weight=0.3)
def save_profile(world: World) -> Step:
    from app.core.referral.view import AdvisorProfile

    profile = AdvisorProfile(
        "Test Persoon",
        world.rng.choice(["Vertrouwenspersoon", "HR-adviseur", "Bedrijfsmaatschappelijk werker"]),
        world.rng.choice(["", "Fictief Schoonmaak B.V.", "Fictieve Bezorging"]),
    )

    def run() -> dict[str, str | None]:
        world.referrals.save_advisor_profile(profile)
        return {PROFILE_KEY: digest(profile_form(world.referrals.advisor_profile()))}

    return Step([PROFILE_KEY], run, expect={PROFILE_KEY: digest(profile_form(profile))})


# --- more of an intake ------------------------------------------------------------------------


@operation("intake.follow_up", weight=0.5)
def intake_follow_up(world: World) -> Step | None:
    if not world.intake_ids:
        return None
    intake_id = world.rng.choice(world.intake_ids)
    day = world.rng.choice([None, TODAY + timedelta(days=world.rng.randrange(1, 60))])
    predicted = intake_form(world.intakes.load(intake_id)) | {
        "follow_up": day.isoformat() if day else None
    }

    def run() -> dict[str, str | None]:
        world.intakes.set_follow_up(intake_id, day)
        return {key("intake", intake_id): digest(intake_form(world.intakes.load(intake_id)))}

    name = key("intake", intake_id)
    return Step([name], run, expect={name: digest(predicted)})


@operation("intake.route", weight=0.5)
def intake_route(world: World) -> Step | None:
    """The advisor chooses another route than advised, with a reason (or clears it)."""
    if not world.intake_ids:
        return None
    intake_id = world.rng.choice(world.intake_ids)
    route = world.rng.choice([None, "schuldhulp", "sunz", "geldfit"])
    reason = world.rng.choice([None, "Test Persoon wil eerst zelf bellen.", "  "])
    predicted = intake_form(world.intakes.load(intake_id)) | {
        "chosen_route": route,
        "override_reason": reason.strip() if reason and reason.strip() else None,
    }

    def run() -> dict[str, str | None]:
        world.intakes.choose_route(intake_id, route, reason)
        return {key("intake", intake_id): digest(intake_form(world.intakes.load(intake_id)))}

    name = key("intake", intake_id)
    return Step([name], run, expect={name: digest(predicted)})


@operation("signal.import", weight=0.3)
def import_signals(world: World) -> Step:
    """A CSV import: many signals in one transaction (``SignalRepository.add_many``)."""
    week = _week()
    batch = [_random_signal(world.rng) for _ in range(world.rng.randrange(5, 31))]
    predicted = sorted(digest(signal_form(s, week.key)) for s in batch)
    before = max(world.signal_ids, default=0)

    def run() -> dict[str, str | None]:
        world.signals.add_many(batch, logged_in=week)
        post: dict[str, str | None] = {}
        for stored in world.signals.list_signals(limit=10**9):
            if stored.id > before:
                world.signal_ids.append(stored.id)
                post[key("signal", stored.id)] = digest(
                    signal_form(stored.signal, stored.logged_week.key)
                )
        if sorted(v for v in post.values() if v) != predicted:
            raise AssertionError("the imported signals read back differently")
        return post

    return Step([key("signal", NEW)] * len(batch), run)


# --- checks after a kill that reading the vault cannot do ---------------------------------


@dataclass
class CheckContext:
    """Given to a check registered in :data:`CHECKS` for each of its operations in a cycle.

    ``ack`` is None for the operation in flight at the kill. ``state`` is what the vault held
    (key -> digest) right after the operation (acknowledged) or now (in flight).
    """

    run_dir: Any
    intent: dict[str, Any]
    ack: dict[str, Any] | None
    state: dict[str, str]
    count: Callable[[str], None]  # count("backups_verified"): a figure in the report
    problem: Callable[[str], None]


# operation name -> check(context); run by the harness after the vault itself was checked.
CHECKS: dict[str, Callable[[CheckContext], None]] = {}
