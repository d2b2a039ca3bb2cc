"""Shipped training data: the cases, the signal catalogue and the route rules (read-only)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import yaml

from app.core.routes import RuleSet
from app.core.signals import Catalogue, SignalError
from app.core.training import TrainingCase, TrainingDataError, load_cases
from app.i18n import _
from app.shipped import ShippedData

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainingData:
    cases: tuple[TrainingCase, ...]
    catalogue: Catalogue | None
    rules: RuleSet | None
    problem: str | None = None  # a Dutch sentence when something could not be loaded


def load_training_data(shipped: ShippedData) -> TrainingData:
    """Everything the training section needs, or a calm reason why it is missing."""
    rules, rules_problem = shipped.routes
    try:
        catalogue = shipped.catalogue
    except (OSError, SignalError, yaml.YAMLError):
        log.warning("signal catalogue could not be loaded for training")
        return TrainingData((), None, rules, _("De signaalcatalogus kon niet worden gelezen."))
    if rules is None:
        return TrainingData(
            (),
            catalogue,
            None,
            _("De hulproutes konden niet worden gelezen: {reason}").format(reason=rules_problem),
        )
    try:
        cases = load_cases(shipped.training_cases_data, catalogue, rules)
    except (OSError, yaml.YAMLError):
        log.warning("training cases could not be read")
        return TrainingData((), catalogue, rules, _("De oefencasussen konden niet worden gelezen."))
    except TrainingDataError as error:
        log.warning("training cases are invalid (%d problems)", len(error.problems))
        return TrainingData(
            (),
            catalogue,
            rules,
            _("De oefencasussen zijn niet in orde: {reason}").format(reason=error),
        )
    return TrainingData(cases, catalogue, rules)
