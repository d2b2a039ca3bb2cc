"""Training mode: fictional workshop cases and two exercises with feedback.

A case (``resources/training/cases.yaml``) is a short story with the signals an employer could
see in it, a conversation opener and a full intake. The route advice of a case is never typed
in by hand for the trainee: it comes from the real rules engine (:func:`app.core.routes.advise`),
so the exercise always matches what the app would advise. ``expected_routes`` in the data file
is only a check that the story still leads where the trainer thinks it does.

Two exercises:

- "Welke signalen zie je?" – the trainee ticks categories from the signal catalogue; each
  category gets feedback (seen, missed, not in this story) with the catalogue's *why*.
- "Welke route zou je adviseren?" – the trainee ticks routes; the answer is compared with the
  engine's advice, with the engine's reasons ("omdat: ...").

Pure: the caller reads the files and passes the parsed data. Nothing here is ever stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from app.core.intake import Intake
from app.core.intake_codec import IntakeFormatError
from app.core.localized import SOURCE_LANGUAGE, Translations, pick, read_text
from app.core.routes import Advice, Route, RuleSet, advise
from app.core.signals import Catalogue, Category
from app.i18n import _, ngettext

_CASE_ID = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
_CASE_KEYS = frozenset(
    {
        "id",
        "title",
        "theme",
        "story",
        "signals",
        "opener",
        "intake",
        "expected_routes",
        "discussion",
    }
)


class TrainingDataError(ValueError):
    """The training cases are not valid. ``problems`` holds one Dutch line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class CaseSignal:
    """A signal in the story: its catalogue category and where the story shows it."""

    category: str
    where: str = ""
    where_translations: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class TrainingCase:
    id: str
    title: str
    theme: str
    story: str
    signals: tuple[CaseSignal, ...]
    opener: str
    intake: Intake
    expected_routes: tuple[str, ...]
    discussion: tuple[str, ...] = ()
    # Other languages of title, theme, story, opener and discussion.<n>: {field: {lang: text}}.
    translations: Translations = field(default_factory=dict, compare=False, repr=False)

    def localized(self, language: str | None) -> TrainingCase:
        """A copy with the texts in ``language`` (Dutch where there is no translation)."""
        if not language or language == SOURCE_LANGUAGE:
            return self

        def text(key: str, dutch: str) -> str:
            return pick(self.translations, key, dutch, language)

        return replace(
            self,
            title=text("title", self.title),
            theme=text("theme", self.theme),
            story=text("story", self.story),
            opener=text("opener", self.opener),
            signals=tuple(
                replace(s, where=s.where_translations.get(language) or s.where)
                for s in self.signals
            ),
            discussion=tuple(
                text(f"discussion.{n}", q) for n, q in enumerate(self.discussion, start=1)
            ),
        )

    @property
    def signal_ids(self) -> frozenset[str]:
        return frozenset(signal.category for signal in self.signals)

    def where(self, category_id: str) -> str:
        for signal in self.signals:
            if signal.category == category_id:
                return signal.where
        return ""


def load_cases(
    data: object, catalogue: Catalogue, rules: RuleSet | None = None
) -> tuple[TrainingCase, ...]:
    """Check and build the cases from the parsed ``cases.yaml``.

    Every signal must be an active category of ``catalogue``; with ``rules``, every expected
    route must exist in the rules. Raises :class:`TrainingDataError` listing all problems.
    """
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise TrainingDataError([_("Het bestand met oefencasussen is geen lijst van casussen.")])
    if data.get("fictional") is not True:
        problems.append(
            _("Het bestand moet zeggen dat de casussen verzonnen zijn (fictional: true).")
        )
    raw_cases = data.get("cases")
    if not isinstance(raw_cases, list) or not raw_cases:
        raise TrainingDataError([*problems, _("Er staan geen casussen in het bestand.")])
    route_ids = {route.id for route in rules.routes} if rules is not None else None
    cases: list[TrainingCase] = []
    seen_ids: set[str] = set()
    for number, raw in enumerate(raw_cases, start=1):
        case, case_problems = _load_case(raw, number, catalogue, route_ids)
        problems.extend(case_problems)
        if case is None:
            continue
        if case.id in seen_ids:
            problems.append(_("Casus {id} staat twee keer in het bestand.").format(id=case.id))
            continue
        seen_ids.add(case.id)
        cases.append(case)
    if problems:
        raise TrainingDataError(problems)
    return tuple(cases)


def _load_case(
    raw: object, number: int, catalogue: Catalogue, route_ids: set[str] | None
) -> tuple[TrainingCase | None, list[str]]:
    where = _("casus {n}").format(n=number)
    if not isinstance(raw, Mapping):
        return None, [_("{where}: geen geldige casus").format(where=where)]
    problems: list[str] = []
    extra = set(raw) - _CASE_KEYS
    if extra:
        problems.append(
            _("{where}: onbekende sleutel {keys}").format(
                where=where, keys=", ".join(sorted(extra))
            )
        )
    case_id = raw.get("id")
    if not isinstance(case_id, str) or not _CASE_ID.match(case_id):
        problems.append(_("{where}: 'id' ontbreekt of is ongeldig").format(where=where))
        case_id = f"casus-{number}"
    else:
        where = case_id
    texts: dict[str, str] = {}
    translations: dict[str, dict[str, str]] = {}
    for key in ("title", "story", "opener", "theme"):
        value, others = read_text(raw.get(key), f"{where}: '{key}'", problems)
        if value is None and key != "theme":
            problems.append(_("{where}: '{key}' ontbreekt").format(where=where, key=key))
        texts[key] = value or ""
        if others:
            translations[key] = others

    signals: list[CaseSignal] = []
    raw_signals = raw.get("signals")
    if not isinstance(raw_signals, list) or not raw_signals:
        problems.append(_("{where}: er staan geen signalen bij").format(where=where))
        raw_signals = []
    for item in raw_signals:
        if isinstance(item, str):
            item = {"id": item}
        category_id = item.get("id") if isinstance(item, Mapping) else None
        if not isinstance(category_id, str):
            problems.append(_("{where}: ongeldig signaal").format(where=where))
            continue
        category = catalogue.get(category_id)
        if category is None or category.retired:
            problems.append(
                _("{where}: signaal '{id}' staat niet in de signaalcatalogus").format(
                    where=where, id=category_id
                )
            )
            continue
        if any(signal.category == category_id for signal in signals):
            problems.append(
                _("{where}: signaal '{id}' staat er twee keer").format(where=where, id=category_id)
            )
            continue
        raw_where = item.get("where") if isinstance(item, Mapping) else None
        text, where_others = read_text(raw_where, f"{where}: '{category_id}'", problems)
        signals.append(CaseSignal(category_id, text or "", where_others))

    intake = Intake()
    try:
        intake = Intake.from_dict(raw.get("intake") or {})
    except IntakeFormatError as error:
        problems.append(_("{where}: gesprek: {error}").format(where=where, error=error))

    expected = raw.get("expected_routes")
    if not isinstance(expected, list) or not all(isinstance(v, str) for v in expected):
        problems.append(
            _("{where}: 'expected_routes' moet een lijst van route-id's zijn").format(where=where)
        )
        expected = []
    if route_ids is not None:
        for route_id in expected:
            if route_id not in route_ids:
                problems.append(
                    _("{where}: route '{id}' staat niet in de regels").format(
                        where=where, id=route_id
                    )
                )
    discussion = raw.get("discussion") or []
    if not isinstance(discussion, list):
        problems.append(_("{where}: 'discussion' moet een lijst zijn").format(where=where))
        discussion = []
    questions: list[str] = []
    for n, question in enumerate(discussion, start=1):
        dutch, others = read_text(question, f"{where}: discussion {n}", problems)
        questions.append(dutch or "")
        if others:
            translations[f"discussion.{n}"] = others
    if problems:
        return None, problems
    return (
        TrainingCase(
            id=case_id,
            title=texts["title"],
            theme=texts["theme"],
            story=texts["story"],
            signals=tuple(signals),
            opener=texts["opener"],
            intake=intake,
            expected_routes=tuple(expected),
            discussion=tuple(questions),
            translations=translations,
        ),
        [],
    )


def check_expected_routes(cases: Iterable[TrainingCase], rules: RuleSet, today: date) -> list[str]:
    """Cases whose intake no longer leads to their ``expected_routes`` (one line each)."""
    problems: list[str] = []
    for case in cases:
        advised = advise(case.intake, rules, today).route_ids
        if advised != list(case.expected_routes):
            problems.append(
                _("{id}: de regels adviseren {got}, verwacht {want}").format(
                    id=case.id,
                    got=", ".join(advised) or "-",
                    want=", ".join(case.expected_routes) or "-",
                )
            )
    return problems


# --------------------------------------------------------------------------- exercise 1: signals


class Verdict(StrEnum):
    CORRECT = "goed"  # ticked, and it is in the story / advised
    MISSED = "gemist"  # not ticked, but it is in the story / advised
    EXTRA = "extra"  # ticked, but not in the story / not advised


@dataclass(frozen=True)
class SignalFeedback:
    category: Category
    verdict: Verdict
    where: str  # where the story shows it ("" for EXTRA)

    @property
    def headline(self) -> str:
        if self.verdict is Verdict.CORRECT:
            return _("Goed gezien: {label}").format(label=self.category.label)
        if self.verdict is Verdict.MISSED:
            return _("Gemist: {label}").format(label=self.category.label)
        return _("Niet in dit verhaal: {label}").format(label=self.category.label)


@dataclass(frozen=True)
class ExerciseScore:
    correct: int
    missed: int
    extra: int

    @property
    def expected(self) -> int:
        return self.correct + self.missed

    @property
    def fraction(self) -> float:
        """Overlap between answer and key (1.0 = exactly right, 0.0 = nothing in common)."""
        total = self.correct + self.missed + self.extra
        return 1.0 if total == 0 else self.correct / total

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    @property
    def perfect(self) -> bool:
        return self.missed == 0 and self.extra == 0


@dataclass(frozen=True)
class SignalExerciseResult:
    case_id: str
    feedback: tuple[SignalFeedback, ...]  # correct, then missed, then extra; catalogue order
    score: ExerciseScore

    def summary(self) -> str:
        lines = [
            ngettext(
                "Je zag {correct} van de {total} signaal in dit verhaal.",
                "Je zag {correct} van de {total} signalen in dit verhaal.",
                self.score.expected,
            ).format(correct=self.score.correct, total=self.score.expected)
        ]
        if self.score.extra:
            lines.append(
                ngettext(
                    "{n} aangevinkt signaal staat niet in dit verhaal.",
                    "{n} aangevinkte signalen staan niet in dit verhaal.",
                    self.score.extra,
                ).format(n=self.score.extra)
            )
        if self.score.perfect:
            lines.append(_("Helemaal goed."))
        return " ".join(lines)


def signal_options(catalogue: Catalogue) -> tuple[Category, ...]:
    """The choices of the signal exercise: every active category, in catalogue order."""
    return catalogue.active()


def score_signals(
    case: TrainingCase, chosen: Iterable[str], catalogue: Catalogue
) -> SignalExerciseResult:
    """Compare the ticked categories with the signals of the case."""
    picked = set(chosen)
    unknown = [category_id for category_id in picked if category_id not in catalogue]
    if unknown:
        raise ValueError("unknown category in answer")
    key = case.signal_ids
    groups: dict[Verdict, list[SignalFeedback]] = {verdict: [] for verdict in Verdict}
    for category in catalogue.categories:
        if category.id in key and category.id in picked:
            verdict = Verdict.CORRECT
        elif category.id in key:
            verdict = Verdict.MISSED
        elif category.id in picked:
            verdict = Verdict.EXTRA
        else:
            continue
        groups[verdict].append(SignalFeedback(category, verdict, case.where(category.id)))
    feedback = tuple(item for verdict in Verdict for item in groups[verdict])
    score = ExerciseScore(
        correct=len(groups[Verdict.CORRECT]),
        missed=len(groups[Verdict.MISSED]),
        extra=len(groups[Verdict.EXTRA]),
    )
    return SignalExerciseResult(case.id, feedback, score)


# --------------------------------------------------------------------------- exercise 2: routes


@dataclass(frozen=True)
class RouteFeedback:
    route: Route
    verdict: Verdict
    reasons: tuple[str, ...]  # the engine's reasons (empty when the route is not advised)
    first: bool  # the engine's first (most urgent) route
    deadline: date | None

    @property
    def headline(self) -> str:
        if self.verdict is Verdict.CORRECT:
            return _("Goed gekozen: {name}").format(name=self.route.name)
        if self.verdict is Verdict.MISSED:
            return _("Ook geadviseerd: {name}").format(name=self.route.name)
        return _("Niet geadviseerd: {name}").format(name=self.route.name)


@dataclass(frozen=True)
class RouteExerciseResult:
    case_id: str
    advice: Advice
    feedback: tuple[RouteFeedback, ...]  # advised routes in advice order, then extra ones
    score: ExerciseScore
    first_route: str | None
    first_chosen: bool
    crisis_working_days: int  # the Wgs crisis term of the rules (routes.yaml)

    def summary(self) -> str:
        lines = [
            ngettext(
                "Je koos {correct} van de {total} route die Vindplaats adviseert.",
                "Je koos {correct} van de {total} routes die Vindplaats adviseert.",
                self.score.expected,
            ).format(correct=self.score.correct, total=self.score.expected)
        ]
        if self.first_route is not None:
            first = next(f for f in self.feedback if f.route.id == self.first_route)
            if self.first_chosen:
                lines.append(
                    _("De eerste route ({name}) had je goed.").format(name=first.route.name)
                )
            else:
                lines.append(_("Let op: de eerste route is {name}.").format(name=first.route.name))
        if self.score.extra:
            lines.append(
                ngettext(
                    "{n} gekozen route past volgens de regels niet bij dit gesprek.",
                    "{n} gekozen routes passen volgens de regels niet bij dit gesprek.",
                    self.score.extra,
                ).format(n=self.score.extra)
            )
        if self.advice.crisis:
            lines.append(
                ngettext(
                    "Dit is een bedreigende situatie: de gemeente moet binnen {days} werkdag "
                    "helpen. Bel vandaag nog.",
                    "Dit is een bedreigende situatie: de gemeente moet binnen {days} werkdagen "
                    "helpen. Bel vandaag nog.",
                    self.crisis_working_days,
                ).format(days=self.crisis_working_days)
            )
        return " ".join(lines)


def route_options(rules: RuleSet) -> tuple[Route, ...]:
    """The choices of the route exercise: every route that is switched on, by priority."""
    return tuple(
        sorted((route for route in rules.routes if route.enabled), key=lambda r: (r.priority, r.id))
    )


def score_routes(
    case: TrainingCase, chosen: Iterable[str], rules: RuleSet, today: date
) -> RouteExerciseResult:
    """Compare the ticked routes with the advice of the real rules engine."""
    picked = set(chosen)
    if any(rules.route(route_id) is None for route_id in picked):
        raise ValueError("unknown route in answer")
    advice = advise(case.intake, rules, today)
    first_route = advice.routes[0].route_id if advice.routes else None
    feedback: list[RouteFeedback] = []
    for advised in advice.routes:
        route = rules.route(advised.route_id)
        assert route is not None
        feedback.append(
            RouteFeedback(
                route=route,
                verdict=Verdict.CORRECT if route.id in picked else Verdict.MISSED,
                reasons=tuple(reason.text for reason in advised.reasons),
                first=route.id == first_route,
                deadline=advised.deadline,
            )
        )
    advised_ids = set(advice.route_ids)
    for route in route_options(rules):
        if route.id in picked and route.id not in advised_ids:
            feedback.append(RouteFeedback(route, Verdict.EXTRA, (), False, None))
    correct = sum(1 for f in feedback if f.verdict is Verdict.CORRECT)
    score = ExerciseScore(
        correct=correct,
        missed=sum(1 for f in feedback if f.verdict is Verdict.MISSED),
        extra=sum(1 for f in feedback if f.verdict is Verdict.EXTRA),
    )
    return RouteExerciseResult(
        case_id=case.id,
        advice=advice,
        feedback=tuple(feedback),
        score=score,
        first_route=first_route,
        first_chosen=first_route is not None and first_route in picked,
        crisis_working_days=rules.crisis_working_days,
    )
