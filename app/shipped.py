"""Start-up wiring for the shipped data: the one module that opens files under ``resources/``.

:func:`load_shipped` makes one :class:`ShippedData` at start-up (the GUI in ``app.ui.run``, the
CLI in ``app.cli.shipped``); the GUI hands it on through ``AppContext.shipped``, the CLI to its
command handlers. Every other module receives the parsed data. Nothing is read when the object
is made: each part is read the first time it is asked for, then kept (the route rules are read
at unlock, the signal catalogue when the signals section opens, a consent text when a letter is
made), so start-up stays as fast as it was.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from app.core.routes import RuleSet
    from app.core.signals import Catalogue

log = logging.getLogger(__name__)

FONT_REGULAR = "DejaVuSans.ttf"
FONT_BOLD = "DejaVuSans-Bold.ttf"
FONT_LICENCE = "LICENSE-DejaVu.txt"
# Shipped JSON schemas by short name (resources/schemas/...).
SCHEMAS: Mapping[str, tuple[str, ...]] = {
    "intake": ("schemas", "intake.schema.json"),
    "consent": ("schemas", "consent.schema.json"),
    "referral": ("schemas", "referral.schema.json"),
    "signal-export": ("schemas", "signal-export.schema.json"),
    "case-export": ("schemas", "case-export.schema.json"),
    "ddas": ("schemas", "ddas-v1.0", "json_schema_Uitwisselmodel.json"),
}


class RoutesLoad(NamedTuple):
    """The route rules, or (``rules`` is None) a Dutch reason why they could not load."""

    rules: RuleSet | None
    problem: str | None


class FontFiles(NamedTuple):
    regular: Path
    bold: Path


@dataclass(frozen=True, eq=False)
class ShippedData:
    """The read-only data shipped with the app, read lazily from ``root`` and kept.

    Parts that cannot be read raise (``OSError``, ``yaml.YAMLError``, the domain's own error)
    when asked for, except :attr:`routes`, which carries its problem as a Dutch sentence.
    """

    root: Path
    _cache: dict[object, Any] = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def _once(self, key: object, make) -> Any:
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        value = make()  # outside the lock: two threads may both read once; same result
        with self._lock:
            return self._cache.setdefault(key, value)

    def derived(self, key: object, make) -> Any:
        """``make()``, computed once per ShippedData (for data other modules build from it)."""
        return self._once(("derived", key), make)

    def _text(self, *parts: str) -> str:
        return self.root.joinpath(*parts).read_text(encoding="utf-8")

    # --- route rules (routes.yaml) ---------------------------------------------------------

    @property
    def routes(self) -> RoutesLoad:
        """The route rules from routes.yaml, or a Dutch reason why they could not load."""
        return self._once("routes", self._load_routes)

    @property
    def rules(self) -> RuleSet | None:
        return self.routes.rules

    def _load_routes(self) -> RoutesLoad:
        from app.core.intake_scenarios import rules_from_yaml
        from app.core.routes import RulesError
        from app.i18n import _

        try:
            return RoutesLoad(rules_from_yaml(self._text("routes.yaml")), None)
        except OSError:
            log.warning("routes.yaml could not be read")
            return RoutesLoad(None, _("het bestand routes.yaml ontbreekt of is niet leesbaar"))
        except RulesError as error:
            log.warning("routes.yaml is invalid (%d problems)", len(error.problems))
            return RoutesLoad(None, str(error))

    def rules_in(self, language: str) -> RuleSet | None:
        """The rules with their texts in ``language`` (Dutch where untranslated), for screens.

        The letter to the municipality and the stored advice use :attr:`rules` (Dutch).
        """
        rules = self.rules
        if rules is None:
            return None
        return self._once(("rules", language), lambda: rules.localized(language))

    # --- signal catalogue (signals.yaml) ---------------------------------------------------

    @property
    def catalogue(self) -> Catalogue:
        """The signal catalogue; raises OSError, yaml.YAMLError or SignalError."""
        return self._once("catalogue", self._load_catalogue)

    def catalogue_in(self, language: str) -> Catalogue:
        """The catalogue with labels and texts in ``language``, for screens (exports: Dutch)."""
        catalogue = self.catalogue
        return self._once(("catalogue", language), lambda: catalogue.localized(language))

    def _load_catalogue(self) -> Catalogue:
        from app.core.signals import Catalogue
        from app.core.yaml_text import safe_load

        return Catalogue.from_mapping(safe_load(self._text("signals.yaml")))

    # --- training cases, consent texts, scenarios -------------------------------------------

    @property
    def training_cases_data(self) -> object:
        """The parsed training/cases.yaml (checked by ``app.core.training.load_cases``)."""
        from app.core.yaml_text import safe_load

        return self._once("training", lambda: safe_load(self._text("training", "cases.yaml")))

    def consent_data(self, language: str) -> Any:
        """The parsed consent/<language>.yaml (the caller checks the language is offered)."""
        from app.core.yaml_text import safe_load

        if "/" in language or "\\" in language or language.startswith("."):
            raise ValueError("not a language code")
        return self._once(
            ("consent", language), lambda: safe_load(self._text("consent", f"{language}.yaml"))
        )

    def scenario(self, name: str) -> Any:
        """One parsed scenario file (scenarios/<name>.json), for the self-test."""
        return self._once(("scenario", name), lambda: json.loads(self._text("scenarios", name)))

    # --- JSON schemas ----------------------------------------------------------------------

    def schema(self, name: str) -> dict[str, Any]:
        """A shipped JSON schema by short name (see :data:`SCHEMAS`)."""
        parts = SCHEMAS[name]
        return self._once(("schema", name), lambda: json.loads(self._text(*parts)))

    def validator(self, name: str) -> Any:
        """A Draft 2020-12 validator (format checks on) for one schema, made once."""

        def make() -> Any:
            from jsonschema import Draft202012Validator

            schema = self.schema(name)
            # these refer to other shipped schemas by $id
            refers_to = {"referral": ("consent",), "case-export": ("intake", "consent")}
            if name in refers_to:
                from referencing import Registry, Resource

                schemas = (schema, *(self.schema(other) for other in refers_to[name]))
                registry = Registry().with_resources(
                    [(s["$id"], Resource.from_contents(s)) for s in schemas]
                )
                return Draft202012Validator(
                    schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
                )
            return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

        return self._once(("validator", name), make)

    # --- fonts and icon (other code opens these paths: reportlab, Qt) -----------------------

    @property
    def fonts(self) -> FontFiles:
        return FontFiles(self.root / "fonts" / FONT_REGULAR, self.root / "fonts" / FONT_BOLD)

    @property
    def font_licence_text(self) -> str:
        """The DejaVu licence text (empty when the file is missing)."""

        def make() -> str:
            path = self.root / "fonts" / FONT_LICENCE
            return path.read_text(encoding="utf-8") if path.is_file() else ""

        return self._once("font-licence", make)


@functools.cache
def _shipped_root() -> Path:
    from app.paths import resource_path

    return resource_path()


def installed_fonts() -> FontFiles:
    """The PDF fonts of this installation. reportlab keeps registered fonts process-wide, so
    ``app.documents.fonts`` registers these once; they are paths, opened by reportlab."""
    root = _shipped_root()
    return FontFiles(root / "fonts" / FONT_REGULAR, root / "fonts" / FONT_BOLD)


def load_shipped(root: Path | None = None) -> ShippedData:
    """The shipped data of this installation (or of ``root``); reads nothing yet."""
    return ShippedData(root if root is not None else _shipped_root())
