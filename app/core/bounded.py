"""Reading outside input with limits: JSON, YAML and small whole numbers.

Python's own limits surface as tracebacks on hostile files: ``json.loads`` of deeply nested
arrays raises ``RecursionError``, ``int()`` of more than 4300 digits ``ValueError``, a lone
surrogate escape (``"\\udcff"``) gives a string that cannot be encoded again, and
``str.isdigit()`` is true for "²". Every reader of an outside file goes through here first:
size, nesting, digit count and text length are checked before anything is built, and every
refusal is one :class:`InputError` whose text is one calm Dutch line.

Pure: the caller reads the file and passes the text or bytes.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any, NoReturn

from app.i18n import N_
from app.i18n.messages import TranslatableError

# Defaults, generous for every file Vindplaats reads or writes itself.
MAX_BYTES = 2_000_000  # 2 MB: an export of a large employer is ~100 kB
MAX_DEPTH = 32  # the deepest shipped document nests 6 levels
MAX_DIGITS = 20  # digits in one number (mantissa and exponent together)
MAX_STRING = 100_000  # characters in one text
MAX_NODES = 1_000_000  # values in one document (YAML aliases can multiply them)

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class InputError(TranslatableError, ValueError):
    """Outside input was refused: one marked Dutch line without the input itself, translated by
    ``str(error)`` when shown (app.i18n.messages)."""


def _refuse(message: str, **params: object) -> NoReturn:
    raise InputError(message, **params)


def one_line(text: object, limit: int = 60) -> str:
    """Input text fit to echo in an error line: one line, control characters escaped, short."""
    value = str(text)
    if len(value) > limit * 4:  # never escape a megabyte to show sixty characters
        value = value[: limit * 4]
    escaped = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)
    if len(escaped) > limit or len(value) < len(str(text)):
        return escaped[: max(limit - 1, 1)] + "…"
    return escaped


def ascii_int(text: str, *, max_digits: int) -> int | None:
    """The whole number written in ``text`` (ASCII digits only, at most ``max_digits``), or None.

    Leading and trailing spaces are allowed; a sign, "²", "٣" or a 5000-digit number are not.
    """
    cleaned = text.strip()
    if not cleaned or len(cleaned) > max_digits or not (cleaned.isascii() and cleaned.isdigit()):
        return None
    return int(cleaned)


def decode_text(data: bytes | str, *, max_bytes: int = MAX_BYTES) -> str:
    """UTF-8 text (a BOM is allowed) of at most ``max_bytes``; raise InputError otherwise."""
    if isinstance(data, str):
        if len(data) > max_bytes:
            _too_large(max_bytes)
        return data
    if len(data) > max_bytes:
        _too_large(max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse(N_("Het bestand is geen tekst in UTF-8."))


def _too_large(max_bytes: int) -> NoReturn:
    _refuse(N_("Het bestand is te groot (meer dan {size} kB)."), size=max(max_bytes // 1000, 1))


def _check_nesting(text: str, max_depth: int) -> None:
    """Depth of ``[`` and ``{`` outside strings, without recursion (the C parser recurses)."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if len(brackets) <= max_depth:
        return
    depth = 0
    for bracket in brackets:
        if bracket in "[{":
            depth += 1
            if depth > max_depth:
                _too_deep(max_depth)
        else:
            depth -= 1


def _too_deep(max_depth: int) -> NoReturn:
    _refuse(N_("Het bestand is te diep genest (meer dan {n} niveaus)."), n=max_depth)


def _number_hooks(max_digits: int) -> tuple[Callable[[str], int], Callable[[str], float]]:
    def parse_int(text: str) -> int:
        if len(text.lstrip("-")) > max_digits:
            _too_many_digits()
        return int(text)

    def parse_float(text: str) -> float:
        if len(text.lstrip("-")) > max_digits + 2:  # the point and the "e"
            _too_many_digits()
        value = float(text)
        if not math.isfinite(value):
            _not_finite()
        return value

    return parse_int, parse_float


def _too_many_digits() -> NoReturn:
    _refuse(N_("Het bestand bevat een getal met te veel cijfers."))


def _not_finite() -> NoReturn:
    _refuse(N_("Het bestand bevat een getal dat geen gewoon getal is (zoals NaN of oneindig)."))


def _refuse_constant(_name: str) -> NoReturn:
    _not_finite()


def _refuse_float(_text: str) -> NoReturn:
    _refuse(N_("Het bestand bevat een getal met een komma; hier horen alleen hele getallen."))


def loads_json(
    data: bytes | str,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_digits: int = MAX_DIGITS,
    max_string: int = MAX_STRING,
    floats: bool = True,
) -> Any:
    """Parse JSON with limits; any refusal is an :class:`InputError` (one Dutch line).

    ``floats=False`` refuses any number that is not a whole number (the vault's own manifests
    and key slots hold only whole numbers). Text is decoded as UTF-8 (a BOM allowed); give a
    ``str`` to decode it yourself."""
    text = decode_text(data, max_bytes=max_bytes)
    _check_nesting(text, max_depth)
    parse_int, parse_float = _number_hooks(max_digits)
    try:
        value = json.loads(
            text,
            parse_int=parse_int,
            parse_float=parse_float if floats else _refuse_float,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as error:
        _refuse(N_("Het bestand is geen geldige JSON (regel {line})."), line=error.lineno)
    except RecursionError:  # the scan above makes this unreachable; a last guard
        _too_deep(max_depth)
    # Depth and numbers are checked above; texts need a walk only when one could be too long
    # or could hold an escaped lone surrogate (raw surrogates cannot survive UTF-8 decoding).
    if len(text) > max_string or _SURROGATE_ESCAPE.search(text) or _SURROGATE.search(text):
        check_tree(value, max_depth=max_depth, max_string=max_string)
    return value


def load_yaml(
    data: bytes | str,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_string: int = MAX_STRING,
) -> Any:
    """Parse YAML (safe loader) with limits; any refusal is an :class:`InputError`.

    The caller still checks the type of every field it uses.
    """
    from app.core.yaml_text import YAMLError, safe_load  # PyYAML only when YAML is read

    text = decode_text(data, max_bytes=max_bytes)
    try:
        value = safe_load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            _refuse(N_("Het bestand is geen geldige YAML (regel {line})."), line=mark.line + 1)
        _refuse(N_("Het bestand is geen geldige YAML."))
    except RecursionError:
        _too_deep(max_depth)
    except (ValueError, OverflowError, TypeError):
        # PyYAML's constructors: int() of thousands of digits, a date like 2026-13-45,
        # an unhashable mapping key.
        _refuse(N_("Het bestand bevat een waarde die niet te lezen is."))
    check_tree(value, max_depth=max_depth, max_string=max_string)
    return value


def check_tree(
    value: Any,
    *,
    max_depth: int = MAX_DEPTH,
    max_string: int = MAX_STRING,
    max_digits: int = MAX_DIGITS,
    max_nodes: int = MAX_NODES,
) -> None:
    """Walk parsed data without recursion: depth, node count, texts and numbers within limits."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    nodes = 0
    while stack:
        item, depth = stack.pop()
        nodes += 1
        if nodes > max_nodes:
            _refuse(N_("Het bestand bevat te veel waarden."))
        if depth > max_depth:
            _too_deep(max_depth)
        if isinstance(item, str):
            _check_string(item, max_string)
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if item.bit_length() > max_digits * 4:  # ~ 10 ** (1.2 * max_digits)
                _too_many_digits()
        elif isinstance(item, float):
            if not math.isfinite(item):
                _not_finite()
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, depth + 1))
                stack.append((child, depth + 1))
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend((child, depth + 1) for child in item)


def _check_string(text: str, max_string: int) -> None:
    if len(text) > max_string:
        _refuse(N_("Het bestand bevat een tekst die te lang is."))
    if _SURROGATE.search(text):
        _refuse(N_("Het bestand bevat tekens die geen geldige Unicode zijn."))
