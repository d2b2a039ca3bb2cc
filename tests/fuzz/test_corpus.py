"""Regression: every input that once crashed a parser (found by fuzzing or by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz.checks import CHECKS

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for p in CORPUS.glob("*/*") if p.is_file())


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_input(path):
    CHECKS[path.parent.name](path.read_bytes())


def test_corpus_is_not_empty():
    assert {p.parent.name for p in CASES} >= {"signal_csv", "intake", "rules", "export"}
