"""Passphrase policy: a minimum length and a strength estimate (zxcvbn), no composition rules.

``evaluate_passphrase`` is what the first-run dialog shows while the user types; the vault
calls ``require_strong_passphrase`` before it writes a passphrase slot.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from zxcvbn import zxcvbn

from app.i18n import _
from app.store.errors import WeakPassphrase

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn 0..4; 3 = "safely unguessable", well beyond online guessing
_ESTIMATE_MAX_CHARS = 72  # zxcvbn's own limit; longer passphrases are judged on their start

# zxcvbn knows English words; these common Dutch ones make weak choices visible.
_DUTCH_WORDS = (
    "wachtwoord",
    "wachtwoordzin",
    "welkom",
    "geheim",
    "vindplaats",
    "kluis",
    "sleutel",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "zomer",
    "winter",
    "lente",
    "herfst",
    "voorjaar",
    "nederland",
    "zoetermeer",
    "amsterdam",
    "rotterdam",
    "denhaag",
    "utrecht",
    "ajax",
    "feyenoord",
    "oranje",
    "hallo",
    "goedemorgen",
    "liefde",
    "schat",
    "poes",
    "hond",
    "vertrouwenspersoon",
    "gemeente",
    "werk",
    "kantoor",
    "personeel",
    "geld",
)


class PassphraseVerdict(NamedTuple):
    ok: bool
    message: str  # Dutch, one or two short sentences
    score: int  # 0..4 (zxcvbn); 0 when too short


def evaluate_passphrase(passphrase: str, user_inputs: Iterable[str] = ()) -> PassphraseVerdict:
    """Judge a new passphrase: ``(ok, Dutch explanation, score 0..4)``."""
    if not passphrase:
        return PassphraseVerdict(False, _("Kies een wachtwoordzin."), 0)
    if len(passphrase) < MIN_LENGTH:
        return PassphraseVerdict(
            False,
            _(
                "Gebruik minstens {count} tekens. Een paar losse woorden achter elkaar is "
                "makkelijk te onthouden en moeilijk te raden."
            ).format(count=MIN_LENGTH),
            0,
        )
    result = zxcvbn(
        passphrase[:_ESTIMATE_MAX_CHARS],
        user_inputs=[*_DUTCH_WORDS, *user_inputs],
    )
    score = int(result["score"])
    if score >= MIN_SCORE:
        if score >= 4:
            return PassphraseVerdict(True, _("Sterke wachtwoordzin."), score)
        return PassphraseVerdict(True, _("Goed. Deze wachtwoordzin is sterk genoeg."), score)
    reason = _weakness(result.get("sequence") or [])
    message = _("Deze wachtwoordzin is te makkelijk te raden.")
    if reason:
        message = f"{message} {reason}"
    message = f"{message} " + _("Voeg een paar woorden toe die niet bij elkaar horen.")
    return PassphraseVerdict(False, message, score)


def _weakness(sequence: list[dict[str, object]]) -> str:
    patterns = {str(match.get("pattern")) for match in sequence}
    if "repeat" in patterns:
        return _("Er zit een herhaling in.")
    if "sequence" in patterns:
        return _("Er zit een reeks in, zoals abc of 123.")
    if "spatial" in patterns:
        return _("Er zit een toetsenbordpatroon in, zoals qwerty.")
    if "date" in patterns or "regex" in patterns:
        return _("Er zit een datum of jaartal in.")
    if "dictionary" in patterns:
        return _("Er zitten bekende woorden of veelgebruikte wachtwoorden in.")
    return ""


def require_strong_passphrase(passphrase: str) -> None:
    """Raise :class:`WeakPassphrase` (with the Dutch explanation) unless the policy is met."""
    verdict = evaluate_passphrase(passphrase)
    if not verdict.ok:
        raise WeakPassphrase(verdict.message)
