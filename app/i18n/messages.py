"""Marked messages: a Dutch msgid (marked with ``N_``) plus parameters, translated when shown.

Core and store code must not translate at raise time: the error may be shown later, in another
language (a banner after a language switch, a worker thread's error shown by the GUI, the CLI).
So an error carries its msgid and its parameters, and ``str(error)`` translates in the language
that is active *then*::

    class ConsentError(TranslatableError): ...

    raise ConsentError(N_("De toestemming noemt geen doel."))
    raise StatusError(N_("Kan niet van '{old}' naar '{new}'."), old=Message(N_("concept")), ...)

``error.message`` is the msgid, ``error.params`` the parameters; a parameter that is itself a
:class:`Message` (a status label, say) is translated too. ``error.translated(translator)`` gives
the text in a given language (app.i18n.translator(code)); ``error.dutch()`` the source text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from app.i18n import Translator


def _active() -> Translator:
    from app.i18n import current_translator

    return current_translator()


def _render(msgid: str, params: Mapping[str, Any], translator: Translator | None) -> str:
    """``msgid`` with ``params`` filled in; translated unless ``translator`` is None (Dutch)."""
    text = msgid if translator is None else translator.gettext(msgid)
    if not params:
        return text
    values = {
        key: _render(value.msgid, value.params, translator) if isinstance(value, Message) else value
        for key, value in params.items()
    }
    return text.format(**values)


@dataclass(frozen=True)
class Message:
    """A marked Dutch msgid with its parameters; ``str()`` translates in the active language."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def translated(self, translator: Translator | None = None) -> str:
        return _render(self.msgid, self.params, translator or _active())

    def dutch(self) -> str:
        return _render(self.msgid, self.params, None)

    def __str__(self) -> str:
        return self.translated()


class TranslatableError(Exception):
    """An error shown to the user: a marked Dutch msgid plus parameters, translated by ``str()``.

    ``default_message`` (marked with ``N_``) is used when no message is given. A message that is
    not a known msgid (a text already translated elsewhere) is shown as it is.
    """

    default_message: ClassVar[str] = ""

    def __init__(self, message: str | None = None, /, **params: Any) -> None:
        self.message: str = message if message is not None else self.default_message
        self.params: dict[str, Any] = params
        super().__init__(self.message)

    def translated(self, translator: Translator | None = None) -> str:
        return _render(self.message, self.params, translator or _active())

    def dutch(self) -> str:
        """The Dutch source text (for logs of the municipality, tests)."""
        return _render(self.message, self.params, None)

    def __str__(self) -> str:
        return self.translated()
