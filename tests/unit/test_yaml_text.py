"""The fast YAML reader gives exactly what PyYAML's safe loader gives, and refuses the same."""

from __future__ import annotations

import pytest
import yaml

from app.core.yaml_text import YAMLError, safe_load
from app.paths import resource_path


def test_every_shipped_yaml_file_reads_the_same_as_with_the_python_parser():
    files = sorted(resource_path().rglob("*.yaml"))
    assert len(files) >= 5  # routes, signals, training cases, consent texts...
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert safe_load(text) == yaml.safe_load(text), path.name


def test_python_objects_are_refused_and_errors_carry_the_line():
    with pytest.raises(YAMLError):
        safe_load("!!python/object/apply:os.system ['echo niet doen']")
    with pytest.raises(YAMLError) as caught:
        safe_load("routes:\n  - id: a\n   naam: [kapot\n")
    assert caught.value.problem_mark.line >= 1
