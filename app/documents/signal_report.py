"""PDF report of a signal export (or a city-wide merge): charts and tables, counts only.

Made from the same export document as the JSON and CSV, so it never shows more than they do.
Suppressed counts are shown as ``x``; charts draw them as a gap, never as a number.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.core.signals import Catalogue, Granularity, IsoWeek
from app.documents.fonts import register_pdf_fonts
from app.documents.signal_export import (
    SUPPRESSED_MARK,
    breakdown_title,
    key_label,
    period_label,
    whole_number_step,
)
from app.i18n import _

_COLUMNS_PER_TABLE = 10
_BAR = colors.HexColor("#2f6f8f")


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_pdf_fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=17, leading=22, spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=12, leading=16, spaceBefore=10),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=13),
        "small": ParagraphStyle("small", fontName=regular, fontSize=7.5, leading=9),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=7.5, leading=9),
    }


def _text(value: Any) -> str:
    return SUPPRESSED_MARK if value is None else str(value)


def _table(rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None) -> Table:
    regular, bold = register_pdf_fonts()
    table = Table([list(r) for r in rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), regular, 7.5),
                ("FONT", (0, 0), (-1, 0), bold, 7.5),
                ("FONT", (0, -1), (-1, -1), bold, 7.5),
                # Numbers and the headers above them share one right edge.
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#f1f4f6")]),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _whole_axis(axis: Any, largest: int) -> None:
    step = whole_number_step(max(1, largest))
    axis.valueMin = 0
    axis.valueStep = step
    axis.valueMax = max(step, -(-largest // step) * step)
    axis.labelTextFormat = "%d"


def _bar_chart(labels: Sequence[str], values: Sequence[int | None], title: str) -> Drawing:
    regular, _bold = register_pdf_fonts()
    width, height = 170 * mm, 62 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 14 * mm
    chart.width, chart.height = width - 20 * mm, height - 24 * mm
    chart.data = [[v if v is not None else 0 for v in values] or [0]]
    chart.bars[0].fillColor = _BAR
    _whole_axis(chart.valueAxis, max((v or 0 for v in values), default=0))
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    step = max(1, len(labels) // 12)
    chart.categoryAxis.categoryNames = [
        (label if index % step == 0 else "") for index, label in enumerate(labels)
    ] or [""]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.dy = -6
    drawing.add(chart)
    drawing.add(String(12 * mm, height - 7 * mm, title, fontName=regular, fontSize=9))
    hidden = [i for i, v in enumerate(values) if v is None]
    if hidden and labels:
        slot = chart.width / len(labels)
        for index in hidden:
            drawing.add(
                String(
                    chart.x + slot * (index + 0.5),
                    chart.y + 2,
                    SUPPRESSED_MARK,
                    fontName=regular,
                    fontSize=7,
                    textAnchor="middle",
                    fillColor=colors.HexColor("#a33"),
                )
            )
    return drawing


def _horizontal_chart(labels: Sequence[str], values: Sequence[int], title: str) -> Drawing:
    regular, _bold = register_pdf_fonts()
    rows = max(1, len(labels))
    # 6 mm per bar, plus room for the title above and the axis labels below.
    width, height = 170 * mm, (6 * rows + 20) * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 70 * mm, 8 * mm
    chart.width, chart.height = width - 78 * mm, height - 18 * mm
    chart.data = [list(values) or [0]]
    chart.bars[0].fillColor = _BAR
    _whole_axis(chart.valueAxis, max(values, default=0))
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [label[:48] for label in labels] or [""]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.reverseDirection = True
    drawing.add(chart)
    drawing.add(String(0, height - 7 * mm, title, fontName=regular, fontSize=9))
    return drawing


def _period_tables(table: Mapping[str, Any], row_label, column_label, story: list, styles) -> None:
    columns = list(table["columns"])
    for start in range(0, max(1, len(columns)), _COLUMNS_PER_TABLE):
        part = columns[start : start + _COLUMNS_PER_TABLE]
        last_part = start + _COLUMNS_PER_TABLE >= len(columns)
        header = [_("Categorie")] + [column_label(c) for c in part]
        if last_part:
            header.append(_("Totaal"))
        rows = [header]
        for index, key in enumerate(table["rows"]):
            cells = table["cells"][index][start : start + _COLUMNS_PER_TABLE]
            line = [Paragraph(escape(row_label(key)), styles["cell"])]
            line += [_text(v) for v in cells]
            if last_part:
                line.append(_text(table["row_totals"][index]))
            rows.append(line)
        footer = [_("Totaal")] + [
            _text(v) for v in table["column_totals"][start : start + _COLUMNS_PER_TABLE]
        ]
        if last_part:
            footer.append(_text(table["total"]))
        rows.append(footer)
        widths = [70 * mm] + [None] * (len(header) - 1)
        story.append(_table(rows, widths))
        story.append(Spacer(1, 4 * mm))


def _one_way_table(
    name: str,
    one: Mapping[str, Any],
    catalogue: Catalogue,
    styles,
    route_names: Mapping[str, str] | None = None,
) -> Table:
    rows: list[list[Any]] = [[breakdown_title(name), _("Aantal")]]
    for key, value in zip(one["keys"], one["counts"], strict=True):
        label = key_label(name, key, catalogue, route_names)
        rows.append([Paragraph(escape(label), styles["cell"]), _text(value)])
    rows.append([_("Totaal"), _text(one["total"])])
    return _table(rows, [90 * mm, 25 * mm])


def _short_period(key: str, granularity: Granularity) -> str:
    if granularity == Granularity.WEEK:
        return key.split("-")[1]
    return period_label(key) if granularity == Granularity.MONTH else key.replace("-", " ")


def render_pdf(
    document: Mapping[str, Any],
    catalogue: Catalogue,
    *,
    title: str | None = None,
    extra: Sequence[tuple[str, Mapping[str, Any]]] = (),
    intro_lines: Sequence[str] = (),
    route_names: Mapping[str, str] | None = None,
) -> bytes:
    """The PDF bytes. ``extra`` adds (name, one-way table) sections (e.g. the city merge).
    ``route_names`` (route id -> name, from the shipped rules) names the advised routes."""
    styles = _styles()
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=title or _("Anonieme signalen van geldzorgen"),
        author="Vindplaats",
        subject=_("Anonieme, afgeschermde aantallen"),
        creator="Vindplaats",
    )
    period = document["period"]
    granularity = Granularity(period["granularity"])
    k = document["suppression"]["k"]
    story: list[Any] = [
        Paragraph(escape(title or _("Anonieme signalen van geldzorgen")), styles["title"])
    ]
    facts = [
        _("Periode: {start} tot en met {end} ({first} - {last}).").format(
            start=period["from"],
            end=period["to"],
            first=period["first_week"],
            last=period["last_week"],
        ),
        _(
            "Geteld zijn de dagen van maandag {monday} tot en met zondag {sunday} (hele weken; "
            "een week hoort bij de maand van haar donderdag). De Geldclinic-cijfers tellen "
            "dezelfde dagen."
        ).format(
            monday=_week_monday(period["first_week"]).isoformat(),
            sunday=(_week_monday(period["last_week"]) + dt.timedelta(days=6)).isoformat(),
        ),
        _("Sector: {sector}.").format(
            sector=key_label("sector", document["organisation"]["sector"], catalogue)
        ),
        _(
            "Alleen aantallen, nooit namen of data. Een aantal kleiner dan {k} wordt niet "
            "getoond ({mark}); ook aantallen waarmee zo'n klein aantal uit de totalen terug te "
            "rekenen is, zijn afgeschermd."
        ).format(k=k, mark=SUPPRESSED_MARK),
        *intro_lines,
        _("Kenmerk van deze export: {id}").format(id=document["export_id"]),
    ]
    story += [Paragraph(escape(line), styles["body"]) for line in facts]
    story.append(Spacer(1, 4 * mm))
    table = document["signals"]["by_period"]
    labels = [_short_period(c, granularity) for c in table["columns"]]
    if any(table["column_totals"]):
        story.append(
            _bar_chart(labels, table["column_totals"], _("Aantal signalen per periode (trend)"))
        )
    else:
        story.append(
            Paragraph(
                escape(_("Geen signalen in deze periode: er is geen grafiek.")), styles["body"]
            )
        )
    published = [
        (catalogue.label(key), total)
        for key, total in zip(table["rows"], table["row_totals"], strict=True)
        if total
    ]
    published.sort(key=lambda item: -item[1])
    if published:
        story.append(
            _horizontal_chart(
                [p[0] for p in published[:12]],
                [p[1] for p in published[:12]],
                _("Meest voorkomende signalen (alleen getoonde aantallen)"),
            )
        )
    story.append(Paragraph(escape(_("Signalen per categorie en periode")), styles["h2"]))
    _period_tables(
        table,
        catalogue.label,
        lambda c: _short_period(c, granularity),
        story,
        styles,
    )
    story.append(Paragraph(escape(_("Uitsplitsingen")), styles["h2"]))
    for name, one in [*document["signals"]["breakdowns"].items(), *extra]:
        block = [_one_way_table(name, one, catalogue, styles, route_names), Spacer(1, 3 * mm)]
        story.append(KeepTogether(block))
    story.append(Paragraph(escape(_("Geldclinic")), styles["h2"]))
    clinic = document["geldclinic"]
    if clinic["available"] and clinic["tables"]:
        for name, one in clinic["tables"].items():
            story.append(
                KeepTogether(
                    [
                        _one_way_table(name, one, catalogue, styles, route_names),
                        Spacer(1, 3 * mm),
                    ]
                )
            )
    else:
        story.append(
            Paragraph(
                escape(_("Geen cijfers over Geldclinic-gesprekken in deze periode.")),
                styles["body"],
            )
        )
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            escape(
                _(
                    "Controlenummer: {hash}. Hiermee ziet de ontvanger of de cijfers onderweg "
                    "niet zijn veranderd."
                ).format(hash=document["content_sha256"])
            ),
            styles["small"],
        )
    )
    pdf.build(story)
    return buffer.getvalue()


def _week_monday(week: str) -> dt.date:
    return IsoWeek.parse(week).monday()
