"""A fast yes/no check compiled from a JSON Schema (draft 2020-12), for files read by the many.

``jsonschema`` walks a document through a generic machinery that costs about 2 ms for one
employer export; a city merge reads thousands. :func:`compile_schema` turns the schema into
plain Python closures once, keyword for keyword with jsonschema's own rules, so the answer
(valid or not) is the same, at a fraction of the time. It knows only the keywords our export
format uses and refuses a schema with any other (ValueError), so a later change of the
schema cannot silently go unchecked. ``tests/unit/signals/test_schema_check.py`` shows on a
hypothesis corpus that it agrees with ``jsonschema.Draft202012Validator``.

What jsonschema does, and this module copies: a keyword about objects, arrays, strings or
numbers says nothing about a value of another type; ``integer`` includes a float such as
``3.0`` but never ``True``; ``pattern`` is ``re.search``; ``format`` is only a note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

# Keywords that never make a document invalid (jsonschema without a format checker).
_NOTES = frozenset(
    {"$schema", "$id", "$defs", "$comment", "title", "description", "format", "examples"}
)
_KNOWN = _NOTES | {
    "type",
    "const",
    "enum",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "$ref",
}


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": _is_integer,
    "number": _is_number,
}


def _type_check(types: Any) -> Check:
    names = [types] if isinstance(types, str) else list(types)
    for name in names:
        if name not in _TYPES:
            raise ValueError(f"unsupported type {name!r}")
    if len(names) == 1:
        return _TYPES[names[0]]
    checks = tuple(_TYPES[name] for name in names)
    return lambda v: any(check(v) for check in checks)


def _literal(value: Any) -> Any:
    """A const/enum value this module can compare as jsonschema does (strings only)."""
    if not isinstance(value, str):
        raise ValueError(f"unsupported const/enum value {value!r}")
    return value


class _Compiler:
    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, ref: str) -> Check:
        if ref in self.refs:
            return self.refs[ref]
        if not ref.startswith("#/$defs/") or "/" in ref.removeprefix("#/$defs/"):
            raise ValueError(f"unsupported $ref {ref!r}")
        target = self.root["$defs"][ref.removeprefix("#/$defs/")]
        slot: list[Check] = []
        self.refs[ref] = lambda v: slot[0](v)  # a definition may refer to itself
        slot.append(self.compile(target))
        self.refs[ref] = slot[0]
        return slot[0]

    def compile(self, schema: Any) -> Check:
        if schema is True or schema == {}:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise ValueError(f"not a schema: {schema!r}")
        unknown = set(schema) - _KNOWN
        if unknown:
            raise ValueError(f"unsupported keywords {sorted(unknown)}")
        checks: list[Check] = []
        if "type" in schema:
            checks.append(_type_check(schema["type"]))
        if "const" in schema:
            const = _literal(schema["const"])
            checks.append(lambda v: isinstance(v, str) and v == const)
        if "enum" in schema:
            allowed = frozenset(_literal(value) for value in schema["enum"])
            checks.append(lambda v: isinstance(v, str) and v in allowed)
        if "$ref" in schema:
            checks.append(self.ref(schema["$ref"]))
        string = self.string_check(schema)
        if string is not None:
            checks.append(string)
        if "minimum" in schema:
            low = schema["minimum"]
            if not _is_number(low):
                raise ValueError(f"minimum {low!r}")
            checks.append(lambda v: not _is_number(v) or not v < low)
        if "items" in schema:
            item = self.compile(schema["items"])
            checks.append(lambda v: not isinstance(v, list) or all(map(item, v)))
        obj = self.object_check(schema)
        if obj is not None:
            checks.append(obj)
        if not checks:
            return lambda v: True
        if len(checks) == 1:
            return checks[0]
        if len(checks) == 2:
            first, second = checks
            return lambda v: first(v) and second(v)
        every = tuple(checks)
        return lambda v: all(check(v) for check in every)

    def string_check(self, schema: Mapping[str, Any]) -> Check | None:
        search = re.compile(schema["pattern"]).search if "pattern" in schema else None
        shortest = schema.get("minLength")
        longest = schema.get("maxLength")
        if search is None and shortest is None and longest is None:
            return None

        def check(v: Any) -> bool:
            if not isinstance(v, str):
                return True
            if shortest is not None and len(v) < shortest:
                return False
            if longest is not None and len(v) > longest:
                return False
            return search is None or search(v) is not None

        return check

    def object_check(self, schema: Mapping[str, Any]) -> Check | None:
        required = tuple(schema.get("required", ()))
        properties = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        extra = schema.get("additionalProperties", True)
        if not required and not properties and extra is True:
            return None
        if extra is False:
            closed = True
            other: Check | None = None
        else:
            closed = False
            other = None if extra is True else self.compile(extra)
        known = frozenset(properties)
        pairs = tuple(properties.items())

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for name in required:
                if name not in v:
                    return False
            for name, sub in pairs:
                if name in v and not sub(v[name]):
                    return False
            if closed:
                return known.issuperset(v)
            if other is not None:
                for name, value in v.items():
                    if name not in known and not other(value):
                        return False
            return True

        return check


def compile_schema(schema: Mapping[str, Any]) -> Check:
    """A function telling whether a document is valid against ``schema``."""
    return _Compiler(schema).compile(dict(schema))
