"""The question pages of the guided intake, and the mapping to and from :class:`Intake`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from app.core.concepts.age import LABELS as AGE_BAND_LABELS
from app.core.concepts.arrears import LABELS as ARREAR_LABELS
from app.core.concepts.contact import LABELS as CONTACT_LABELS
from app.core.concepts.contract import INTAKE_LABELS as CONTRACT_LABELS
from app.core.concepts.costs import LABELS as COST_LABELS
from app.core.concepts.household import LABELS as HOUSEHOLD_LABELS
from app.core.concepts.income import LABELS as INCOME_LABELS
from app.core.concepts.life_areas import LABELS as LIFE_AREA_LABELS
from app.core.concepts.schemes import LABELS as SCHEME_LABELS
from app.core.concepts.threats import LABELS as THREAT_LABELS
from app.core.concepts.threats import Threat
from app.core.intake import UNKNOWN, Arrear, FixedCost, IncomeSource, Intake
from app.i18n import _, ngettext
from app.i18n.formatting import format_money
from app.ui.intake.questions import (
    AmountListQuestion,
    ArrearsQuestion,
    ChoiceQuestion,
    DateQuestion,
    MoneyQuestion,
    MultiQuestion,
    NumberQuestion,
    Question,
    TextQuestion,
    YesNoQuestion,
)
from app.ui.widgets import heading, plain_label


@dataclass
class Page:
    key: str
    title: str
    intro: str
    widget: QWidget


class IntakeForm:
    """Builds the pages and keeps the questions by intake field name."""

    def __init__(self, crisis_working_days: int | None, today: date | None = None) -> None:
        # the Wgs crisis term from routes.yaml (None: the rules could not be loaded)
        self.crisis_working_days = crisis_working_days
        self.today = today  # where the date question starts (the context's clock)
        self.questions: dict[str, Question] = {}
        self.pages: list[Page] = []
        self.budget_label = plain_label()
        self.budget_label.setObjectName("budget")
        self._build()
        for question in self.questions.values():
            question.changed.connect(self._update_dependent)
        self._update_dependent()

    # -- building -------------------------------------------------------------------------

    def _add(self, question: Question) -> Question:
        self.questions[question.key] = question
        return question

    def _page(self, key: str, title: str, intro: str, items: list[QWidget]) -> None:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(heading(title, level=2))
        intro_label = plain_label(intro)
        layout.addWidget(intro_label)
        for item in items:
            layout.addWidget(item)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName(f"page_{key}")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        self.pages.append(Page(key, title, intro, scroll))

    def _build(self) -> None:
        q = self._add
        self._page(
            "huishouden",
            _("Thuis"),
            _("We beginnen met wie er thuis wonen. Alles mag open blijven."),
            [
                q(
                    ChoiceQuestion(
                        "household",
                        _("Hoe woont u?"),
                        _("Sommige hulp hangt af van het huishouden, zoals de grens bij SUNZ."),
                        HOUSEHOLD_LABELS,
                    )
                ),
                q(
                    NumberQuestion(
                        "household_size",
                        _("Met hoeveel mensen leeft u van dit inkomen?"),
                        _("Zo rekenen we uit of er genoeg overblijft voor eten."),
                        minimum=1,
                        maximum=30,
                        suffix=lambda n: ngettext(
                            "persoon, uzelf meegeteld", "mensen, uzelf meegeteld", n
                        ),
                    )
                ),
                q(
                    ChoiceQuestion(
                        "age_band",
                        _("Hoe oud bent u ongeveer?"),
                        _("Voor jongeren tot en met 27 jaar is er soms extra hulp."),
                        AGE_BAND_LABELS,
                    )
                ),
                q(
                    NumberQuestion(
                        "age_years",
                        _("Precieze leeftijd (alleen als u dat wilt)"),
                        _("Rond 18 en rond 27 jaar maakt één jaar verschil voor de hulp."),
                        maximum=120,
                        suffix=lambda n: ngettext("jaar", "jaar", n),
                    )
                ),
            ],
        )
        self._page(
            "werk",
            _("Werk"),
            _("Nu iets over het werk. Dit blijft bij u en de vertrouwenspersoon."),
            [
                q(
                    ChoiceQuestion(
                        "contract",
                        _("Wat voor werk heeft u?"),
                        _("Zelfstandigen krijgen andere hulp dan werknemers."),
                        CONTRACT_LABELS,
                    )
                ),
                q(
                    NumberQuestion(
                        "hours_per_week",
                        _("Hoeveel uur werkt u per week?"),
                        _("Dat zegt iets over hoe vast het inkomen is."),
                        maximum=80,
                        suffix=lambda n: ngettext("uur", "uur", n),
                    )
                ),
                q(
                    YesNoQuestion(
                        "own_business",
                        _("Heeft u (ook) een eigen bedrijf?"),
                        _("Met een eigen bedrijf gelden andere regels en is er andere hulp."),
                    )
                ),
            ],
        )
        self._page(
            "geld",
            _("Inkomen en vaste lasten"),
            _("Bedragen per maand, netto. Een schatting is goed genoeg."),
            [
                q(
                    AmountListQuestion(
                        "income",
                        _("Wat komt er per maand binnen?"),
                        _("Zo zien we samen wat er elke maand te besteden is."),
                        INCOME_LABELS,
                    )
                ),
                q(
                    AmountListQuestion(
                        "fixed_costs",
                        _("Wat gaat er per maand vast af?"),
                        _("Wat na de vaste lasten overblijft, is het leefgeld."),
                        COST_LABELS,
                    )
                ),
                self.budget_label,
                q(
                    YesNoQuestion(
                        "food_shortage",
                        _("Is er soms te weinig geld voor eten?"),
                        _("Dan kan de Voedselbank tijdelijk helpen."),
                    )
                ),
                q(
                    MultiQuestion(
                        "unclaimed_schemes",
                        _("Welke regelingen krijgt u nu niet, terwijl dat misschien wel kan?"),
                        _(
                            "Veel mensen laten geld liggen. De Formulierenbrigade en de gemeente "
                            "helpen met aanvragen."
                        ),
                        SCHEME_LABELS,
                        none_text=_("Geen: dit is allemaal geregeld"),
                    )
                ),
            ],
        )
        self._page(
            "schulden",
            _("Achterstanden en schulden"),
            _("Welke rekeningen zijn blijven liggen? Bedragen zijn niet nodig."),
            [
                q(
                    ArrearsQuestion(
                        "arrears",
                        _("Waar heeft u een achterstand?"),
                        _("Elke soort schuld heeft zijn eigen aanpak en soms een eigen loket."),
                        ARREAR_LABELS,
                    )
                ),
                q(
                    NumberQuestion(
                        "creditor_count",
                        _("Bij hoeveel partijen heeft u een schuld?"),
                        _("Bij veel schuldeisers helpt de gemeente het best."),
                        maximum=200,
                        suffix=lambda n: ngettext("schuldeiser", "schuldeisers", n),
                    )
                ),
                q(
                    MoneyQuestion(
                        "total_debt",
                        _("Hoeveel is het samen ongeveer?"),
                        _("Kleine schulden kunnen soms in één keer worden opgelost (SUNZ)."),
                    )
                ),
                q(
                    YesNoQuestion(
                        "business_debt",
                        _("Zijn er schulden van het eigen bedrijf?"),
                        _("Zakelijke schulden gaan via de hulp voor ondernemers."),
                    )
                ),
                q(
                    YesNoQuestion(
                        "collection_agency",
                        _("Is er een incassobureau betrokken?"),
                        _("Dan lopen de kosten op en is snelle hulp verstandig."),
                    )
                ),
                q(
                    YesNoQuestion(
                        "bailiff",
                        _("Is er een deurwaarder betrokken?"),
                        _("Een deurwaarder kan beslag leggen; de gemeente kan helpen."),
                    )
                ),
                q(
                    YesNoQuestion(
                        "wage_garnishment",
                        _("Ligt er beslag op het loon?"),
                        _("Dan blijft er weinig over; de gemeente kan dat laten nakijken."),
                    )
                ),
                q(
                    YesNoQuestion(
                        "bank_garnishment",
                        _("Ligt er beslag op de bankrekening?"),
                        _("Dan is er soms geen geld voor de vaste lasten."),
                    )
                ),
            ],
        )
        self._page(
            "dreiging",
            _("Dreigende situaties"),
            ngettext(
                "Heeft u een van deze brieven? Dan moet de gemeente binnen {days} werkdag helpen.",
                "Heeft u een van deze brieven? Dan moet de gemeente binnen {days} werkdagen "
                "helpen.",
                self.crisis_working_days,
            ).format(days=self.crisis_working_days)
            if self.crisis_working_days
            else _("Heeft u een van deze brieven? Dan moet de gemeente snel helpen."),
            [
                q(
                    MultiQuestion(
                        "threats",
                        _("Wat is er gebeurd?"),
                        _("Bij deze situaties moet er snel iets gebeuren; dit bepaalt de termijn."),
                        THREAT_LABELS,
                        none_text=_("Geen van deze"),
                    )
                ),
                q(
                    DateQuestion(
                        "threat_date",
                        _("Op welke datum gebeurt het?"),
                        _(
                            "De datum staat vaak in de brief. Is het eerder dan de termijn van "
                            "3 werkdagen, dan ziet de hulp dat meteen."
                        ),
                        known_text=_("&Datum bekend:"),
                        start=self.today,
                    )
                ),
            ],
        )
        self._page(
            "hulpvraag",
            _("Uw vraag"),
            _("In uw eigen woorden. Wat wilt u dat er verandert?"),
            [
                q(
                    TextQuestion(
                        "help_question",
                        _("Waar wilt u hulp bij?"),
                        _("De hulp moet passen bij wat u zelf wilt."),
                        placeholder=_("Bijvoorbeeld: ik wil weer overzicht en rust."),
                    )
                ),
                q(
                    TextQuestion(
                        "tried_already",
                        _("Wat heeft u zelf al geprobeerd?"),
                        _("Dan hoeft u dat niet nog eens te doen."),
                    )
                ),
                q(
                    MultiQuestion(
                        "life_areas",
                        _("Speelt er nog meer?"),
                        _("Geldzorgen komen vaak samen met andere zorgen; daar is ook hulp voor."),
                        LIFE_AREA_LABELS,
                        none_text=_("Nee, verder niets"),
                    )
                ),
                q(
                    ChoiceQuestion(
                        "preferred_contact",
                        _("Hoe wilt u het liefst contact?"),
                        _("Zo weet de hulp hoe ze u het best kan bereiken."),
                        CONTACT_LABELS,
                    )
                ),
            ],
        )

    # -- behaviour --------------------------------------------------------------------------

    def _update_dependent(self) -> None:
        intake = self.to_intake()
        total = self.questions.get("total_debt")
        if isinstance(total, MoneyQuestion):
            arrears = intake.arrears if isinstance(intake.arrears, list) else []
            known = [a.amount for a in arrears if isinstance(a.amount, Decimal)]
            total.offer(sum(known, Decimal(0)) if known else None)
        business = intake.is_self_employed
        self.questions["business_debt"].setVisible(business)
        threats = self.questions["threats"]
        assert isinstance(threats, MultiQuestion)
        threats.set_visible_options(
            {t for t in Threat if business or not t.self_employed_only}
            | {t for t in intake.present_threats}
        )
        self.questions["threat_date"].setVisible(bool(intake.present_threats))
        self.budget_label.setText(budget_text(intake))

    # -- mapping -----------------------------------------------------------------------------

    def to_intake(self) -> Intake:
        v = {key: question.value() for key, question in self.questions.items()}
        hours = v["hours_per_week"]
        threats = v["threats"]
        # The date belongs to a threat: without one ticked, it is not part of the intake.
        has_threat = isinstance(threats, list) and bool(threats)
        return Intake(
            household=v["household"],
            household_size=v["household_size"],
            age_band=v["age_band"],
            age_years=v["age_years"],
            contract=v["contract"],
            hours_per_week=Decimal(hours) if isinstance(hours, int) else hours,
            own_business=v["own_business"],
            income=_rows(v["income"], IncomeSource),
            fixed_costs=_rows(v["fixed_costs"], FixedCost),
            food_shortage=v["food_shortage"],
            arrears=_rows(v["arrears"], Arrear),
            creditor_count=v["creditor_count"],
            total_debt=v["total_debt"],
            business_debt=v["business_debt"],
            collection_agency=v["collection_agency"],
            bailiff=v["bailiff"],
            wage_garnishment=v["wage_garnishment"],
            bank_garnishment=v["bank_garnishment"],
            threats=threats,
            threat_date=v["threat_date"] if has_threat else None,
            unclaimed_schemes=v["unclaimed_schemes"],
            help_question=v["help_question"],
            tried_already=v["tried_already"],
            life_areas=v["life_areas"],
            preferred_contact=v["preferred_contact"],
        )

    def set_intake(self, intake: Intake) -> None:
        values: dict[str, Any] = {
            "household": intake.household,
            "household_size": intake.household_size,
            "age_band": intake.age_band,
            "age_years": intake.age_years,
            "contract": intake.contract,
            "hours_per_week": intake.hours_per_week
            if not isinstance(intake.hours_per_week, Decimal)
            else int(intake.hours_per_week),
            "own_business": intake.own_business,
            "income": _pairs(intake.income, "net_per_month"),
            "fixed_costs": _pairs(intake.fixed_costs, "per_month"),
            "food_shortage": intake.food_shortage,
            "arrears": _pairs(intake.arrears, "amount"),
            "creditor_count": intake.creditor_count,
            "total_debt": intake.total_debt,
            "business_debt": intake.business_debt,
            "collection_agency": intake.collection_agency,
            "bailiff": intake.bailiff,
            "wage_garnishment": intake.wage_garnishment,
            "bank_garnishment": intake.bank_garnishment,
            "threats": intake.threats,
            "threat_date": intake.threat_date,
            "unclaimed_schemes": intake.unclaimed_schemes,
            "help_question": intake.help_question,
            "tried_already": intake.tried_already,
            "life_areas": intake.life_areas,
            "preferred_contact": intake.preferred_contact,
        }
        for key, value in values.items():
            self.questions[key].set_value(value)
        self._update_dependent()


def _rows(value: Any, cls: type) -> Any:
    if isinstance(value, list):
        return [cls(kind, amount) for kind, amount in value]
    return value


def _pairs(value: Any, attribute: str) -> Any:
    if isinstance(value, list):
        return [(item.kind, getattr(item, attribute)) for item in value]
    return value


def budget_text(intake: Intake) -> str:
    """The quick budget line: income minus fixed costs, in euros."""
    income = intake.income_total
    costs = intake.fixed_costs_total
    if intake.income is UNKNOWN or intake.fixed_costs is UNKNOWN:
        return _("Snel overzicht: niet te berekenen, want een deel is niet bekend.")
    if income is None or costs is None:
        return _("Snel overzicht: vul inkomen en vaste lasten in om te zien wat er overblijft.")
    left = income - costs
    if left < 0:
        return _(
            "Snel overzicht: inkomen {income} min vaste lasten {costs}: er is per maand {left} "
            "te weinig."
        ).format(income=format_money(income), costs=format_money(costs), left=format_money(-left))
    return _(
        "Snel overzicht: inkomen {income} min vaste lasten {costs}: er blijft {left} over."
    ).format(income=format_money(income), costs=format_money(costs), left=format_money(left))
