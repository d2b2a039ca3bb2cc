"""The shipped consent texts: complete in every language, same placeholders, versioned."""

from __future__ import annotations

import re

import pytest
import yaml

from app.core.consent import FIELD_KEYS, LANGUAGES
from app.paths import resource_path


def flat(data: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def load(language: str) -> dict:
    return yaml.safe_load(resource_path("consent", f"{language}.yaml").read_text("utf-8"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_same_keys_and_placeholders_as_dutch(language):
    base = flat(load("nl"))
    other = flat(load(language))
    assert set(other) == set(base)
    for key, text in base.items():
        assert set(re.findall(r"\{(\w+)\}", other[key])) == set(re.findall(r"\{(\w+)\}", text))
    data = load(language)
    assert data["language"] == language and str(data["version"])
    assert set(data["field_labels"]) == set(FIELD_KEYS)
    assert {"{recipient}", "{purpose}", "{fields}", "{expires_on}"} <= set(
        re.findall(r"\{\w+\}", data["consent_text"])
    )


def test_arabic_is_right_to_left_and_others_not():
    assert load("ar")["direction"] == "rtl"
    assert all(load(language)["direction"] == "ltr" for language in LANGUAGES if language != "ar")
