"""The signal-export PDF as a reader sees it: headers over their numbers, route names, whole
numbers on the axes, no axis from 0 to 0.01 for an empty export."""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import subprocess
from pathlib import Path

from app.core.signals import Granularity
from app.documents.signal_export import prepare_export
from app.documents.signal_report import render_pdf
from app.store.export_inputs import read_export_inputs
from tests.unit.signals.test_signal_export import SHIPPED, TODAY, filled  # noqa: F401


def route_names() -> dict[str, str]:
    return {route.id: route.name for route in SHIPPED.rules.routes}


def with_routes(document):
    """The export with a Geldclinic table of advised routes (as the vault makes them)."""
    doc = copy.deepcopy(document)
    doc["geldclinic"] = {
        "available": True,
        "tables": {
            "routes_advised": {
                "keys": ["shv-crisis", "sunz", "voedselbank"],
                "counts": [12, 11, None],
                "total": 30,
            }
        },
    }
    return doc


def export(conn, start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30)):
    return prepare_export(
        read_export_inputs(conn, start, end),
        catalogue=SHIPPED.catalogue,
        today=TODAY,
        granularity=Granularity.MONTH,
    )


def words(pdf: Path) -> list[tuple[str, float, float, float, float, int]]:
    """(word, xMin, yMin, xMax, yMax, page) from pdftotext -bbox."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', line
        )
        if match:
            x0, y0, x1, y1, word = match.groups()
            found.append((word, float(x0), float(y0), float(x1), float(y1), page))
    return found


def save(tmp_path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    if shots := os.environ.get("H13_SHOTS"):
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(path), str(Path(shots) / path.stem)], check=True
        )
    return path


def test_advised_routes_show_their_names_not_internal_ids(filled, tmp_path):  # noqa: F811
    pdf = save(
        tmp_path,
        "routes.pdf",
        render_pdf(with_routes(export(filled)), SHIPPED.catalogue, route_names=route_names()),
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Schuldhulpverlening gemeente – met spoed" in text
    assert "SUNZ – gift of renteloze lening" in text
    assert "shv-crisis" not in text and "sunz\n" not in text


def test_number_headers_line_up_with_their_numbers(filled, tmp_path):  # noqa: F811
    pdf = save(
        tmp_path,
        "kolommen.pdf",
        render_pdf(with_routes(export(filled)), SHIPPED.catalogue, route_names=route_names()),
    )
    found = words(pdf)
    # "Aantal" heads the table of advised routes; the numbers under it share its right edge.
    title = next(w for w in found if w[0] == "Geadviseerde")
    header = next(w for w in found if w[0] == "Aantal" and w[5] == title[5] and w[2] == title[2])
    below = [
        w
        for w in found
        if w[5] == header[5]
        and header[2] < w[2] < header[2] + 60
        and re.fullmatch(r"\d+|x", w[0])
        and abs(w[3] - header[3]) < 40
    ]
    assert below
    assert all(abs(w[3] - header[3]) < 2.5 for w in below), (header, below[:3])


def test_an_empty_export_has_whole_number_axes(vault_session, tmp_path):
    document = export(vault_session.connection)
    pdf = save(tmp_path, "leeg.pdf", render_pdf(document, SHIPPED.catalogue))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert not re.search(r"\b0[.,]0\d\b", text)  # no axis from 0 to 0.01
    assert "Geen signalen in deze periode" in text


def test_chart_ticks_are_whole_numbers(filled, tmp_path):  # noqa: F811
    pdf = save(tmp_path, "ticks.pdf", render_pdf(export(filled), SHIPPED.catalogue))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert not re.search(r"\b\d+[.,]\d\b", text)


def test_axis_steps_are_whole_numbers():
    from app.documents.signal_export import whole_number_step

    assert [whole_number_step(n) for n in (1, 2, 5, 6, 12, 26, 80, 240, 1100)] == [
        1,
        1,
        1,
        2,
        5,
        10,
        20,
        50,
        500,
    ]
