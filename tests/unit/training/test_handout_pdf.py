"""The workshop handout: every signal with its why and opener, and the routes, read back."""

from __future__ import annotations

from pypdf import PdfReader

from app.core.intake_scenarios import rules_from_yaml
from app.core.training import route_options
from app.documents.handout_pdf import render_handout, write_handout
from app.fileio import UserFiles
from app.i18n import set_language
from app.paths import resource_path
from app.shipped import load_shipped

SHIPPED = load_shipped()
EXPORT_SCHEMA = SHIPPED.schema("signal-export")

CATALOGUE = SHIPPED.catalogue
RULES = rules_from_yaml(resource_path("routes.yaml").read_text(encoding="utf-8"))


def _text(path) -> str:
    reader = PdfReader(path)
    return " ".join("".join(page.extract_text() for page in reader.pages).split())


def test_handout_holds_every_signal_and_every_switched_on_route(tmp_path):
    set_language("nl")
    target = write_handout(tmp_path / "handout.pdf", CATALOGUE, RULES, files=UserFiles())
    text = _text(target)
    for category in CATALOGUE.active():
        assert category.label in text, category.id
    loonbeslag = CATALOGUE.get("loonbeslag")
    assert " ".join(loonbeslag.why.split()) in text
    assert "zoeken we samen uit wie je gratis kan helpen" in text  # part of its opener
    for route in route_options(RULES):
        assert route.name in text, route.id
    without_jpf = RULES.with_enabled({"jpf": False})
    off = write_handout(tmp_path / "zonder-jpf.pdf", CATALOGUE, without_jpf, files=UserFiles())
    assert "Jongeren Perspectief Fonds" in text  # the pilot is switched on
    assert "Jongeren Perspectief Fonds" not in _text(off)  # a switched-off route is left out
    assert "Te bevestigen door de gemeente" in text
    assert "binnen 3 werkdagen" in text
    assert "Bevat geen persoonsgegevens" in text


def test_handout_metadata_names_no_person(tmp_path):
    target = tmp_path / "h.pdf"
    target.write_bytes(render_handout(CATALOGUE, RULES))
    info = PdfReader(target).metadata
    assert info.title == "Geldzorgen herkennen en bespreken"
    assert info.author == "Vindplaats"


def test_write_is_atomic_and_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    import pytest

    from app.documents import handout_pdf

    target = tmp_path / "h.pdf"
    target.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr(handout_pdf, "render_handout", broken)
    with pytest.raises(RuntimeError):
        write_handout(target, CATALOGUE, RULES, files=UserFiles())
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["h.pdf"]
