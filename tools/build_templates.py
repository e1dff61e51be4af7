"""Build resources/templates/lagebild_{web,a4}.qpt in code (QGIS 3.22), so the geometry is exact.

Usage: .venv/bin/python tools/build_templates.py .   (with QGIS 3.22, the oldest supported)
"""

import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsScaleBarSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

FONT = "DejaVu Sans"
INK = QColor("#1a1a1a")
GREY = QColor("#5a5a5a")
MM = QgsUnitTypes.LayoutMillimeters


def font(size: float, bold: bool = False) -> QFont:
    f = QFont(FONT)
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def place(item, x, y, w, h):
    item.attemptMove(QgsLayoutPoint(x, y, MM))
    item.attemptResize(QgsLayoutSize(w, h, MM))


def label(layout, item_id, text, x, y, w, h, size, bold=False, colour=INK, valign=Qt.AlignTop):
    item = QgsLayoutItemLabel(layout)
    item.setId(item_id)
    item.setText(text)
    item.setFont(font(size, bold))
    item.setFontColor(colour)
    item.setHAlign(Qt.AlignLeft)
    item.setVAlign(valign)
    item.setMarginX(0)
    item.setMarginY(0)
    layout.addLayoutItem(item)
    place(item, x, y, w, h)
    return item


def map_item(layout, item_id, x, y, w, h, frame=0.3):
    item = QgsLayoutItemMap(layout)
    item.setId(item_id)
    item.setFrameEnabled(True)
    item.setFrameStrokeColor(QColor("#333333"))
    item.setFrameStrokeWidth(QgsLayoutMeasurement(frame, MM))
    item.setBackgroundColor(QColor("#f4f1ea"))
    layout.addLayoutItem(item)
    place(item, x, y, w, h)
    return item


def legend_item(layout, main, x, y, w, h, columns=1, size=7.5, split=True):
    legend = QgsLayoutItemLegend(layout)
    legend.setId("kt_legend")
    legend.setTitle("")
    legend.setAutoUpdateModel(False)
    legend.model().rootGroup().removeAllChildren()
    legend.setLinkedMap(main)
    legend.setLegendFilterByMapEnabled(True)
    legend.setColumnCount(columns)
    legend.setSplitLayer(split)
    legend.setEqualColumnWidth(False)
    legend.setSymbolWidth(6.0)
    legend.setSymbolHeight(3.6)
    legend.setWmsLegendWidth(6)
    for style, f in (
        (QgsLegendStyle.SymbolLabel, font(size)),
        (QgsLegendStyle.Subgroup, font(size, True)),
        (QgsLegendStyle.Group, font(size, True)),
        (QgsLegendStyle.Title, font(size + 1, True)),
    ):
        legend.rstyle(style).setFont(f)
    legend.rstyle(QgsLegendStyle.Symbol).setMargin(QgsLegendStyle.Top, 1.2)
    legend.rstyle(QgsLegendStyle.SymbolLabel).setMargin(QgsLegendStyle.Top, 1.2)
    legend.rstyle(QgsLegendStyle.Subgroup).setMargin(QgsLegendStyle.Top, 2.5)
    legend.setFontColor(INK)
    legend.setBoxSpace(0)
    legend.setColumnSpace(6)
    legend.setFrameEnabled(False)
    legend.setBackgroundEnabled(False)
    legend.setResizeToContents(False)
    layout.addLayoutItem(legend)
    place(legend, x, y, w, h)
    return legend


def scalebar_item(layout, main, x, y, w, h, size=7.0):
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId("kt_scalebar")
    bar.setLinkedMap(main)
    bar.setStyle("Single Box")
    bar.setUnits(QgsUnitTypes.DistanceKilometers)
    bar.setUnitLabel("km")
    bar.setMapUnitsPerScaleBarUnit(1.0)
    bar.setNumberOfSegments(2)
    bar.setNumberOfSegmentsLeft(0)
    bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
    bar.setMinimumBarWidth(12)
    bar.setMaximumBarWidth(22)
    bar.setUnitsPerSegment(5)
    bar.setHeight(1.4)
    bar.setLabelBarSpace(1.2)
    bar.setBoxContentSpace(1.0)
    bar.setFont(font(size))
    bar.setFontColor(INK)
    bar.setFillColor(QColor("#1a1a1a"))
    bar.setFillColor2(QColor("#ffffff"))
    bar.setLineColor(QColor("#1a1a1a"))
    bar.setLineWidth(0.25)
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 210))
    bar.setFrameEnabled(False)
    layout.addLayoutItem(bar)
    place(bar, x, y, w, h)
    bar.setResizeToContents(True) if hasattr(bar, "setResizeToContents") else None
    return bar


def north_item(layout, main, x, y, w, h):
    svg = next(
        str(Path(p) / "arrows/NorthArrow_02.svg")
        for p in QgsApplication.svgPaths()
        if (Path(p) / "arrows/NorthArrow_02.svg").exists()
    )
    pic = QgsLayoutItemPicture(layout)
    pic.setId("kt_north")
    pic.setPicturePath(svg)
    pic.setLinkedMap(main)
    pic.setResizeMode(QgsLayoutItemPicture.Zoom)
    pic.setSvgFillColor(INK)
    pic.setSvgStrokeColor(INK)
    layout.addLayoutItem(pic)
    place(pic, x, y, w, h)
    return pic


def page(layout, w, h):
    layout.pageCollection().clear() if False else None
    p = layout.pageCollection().page(0)
    p.setPageSize(QgsLayoutSize(w, h, MM))
    return p


def web(project) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("Lagebild (web, 1600 x 1000 px at 150 dpi)")
    # 1600 x 1000 px at 150 dpi.
    w, h = 1600 / 150 * 25.4, 1000 / 150 * 25.4
    page(layout, w, h)
    m = 7.0
    right_w = 62.0
    map_w = w - 2 * m - right_w - 5
    label(layout, "kt_week", "[% @kt_week %]", m, 5.5, 150, 4.5, 8.5, True, GREY)
    label(layout, "kt_title", "[% @kt_title %]", m, 10.0, w - 2 * m, 9, 17, True)
    main = map_item(layout, "kt_map", m, 22.0, map_w, 125.0)
    rx = m + map_w + 5
    ov = map_item(layout, "kt_overview", rx, 22.0, right_w, 46.0, frame=0.25)
    ov.setBackgroundColor(QColor("#dfe8ef"))
    legend_item(layout, main, rx, 73.0, right_w, 74.0)
    scalebar_item(layout, main, m + 2.5, 22.0 + 125.0 - 11.5, 45, 9)
    north_item(layout, main, m + map_w - 11.0, 25.0, 8, 11)
    # The caption's frame ends a margin above the page's foot; the plugin sizes it to its text
    # upwards from there and gives the map what the text does not need.
    label(layout, "kt_caption", "[% @kt_caption %]", m, 150.5, w - 2 * m, h - 4.5 - 150.5, 8.5)
    return layout


def a4(project) -> QgsPrintLayout:
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName("Lagebild (A4)")
    w, h = 210.0, 297.0
    page(layout, w, h)
    m = 14.0
    cw = w - 2 * m
    label(layout, "kt_week", "[% @kt_week %]", m, 13.0, cw, 5.5, 10, True, GREY)
    label(layout, "kt_title", "[% @kt_title %]", m, 19.5, cw, 18.0, 16, True)
    main = map_item(layout, "kt_map", m, 36.0, cw, 174.0)
    scalebar_item(layout, main, m + 3, 36.0 + 174.0 - 13, 50, 10, size=8)
    north_item(layout, main, m + cw - 13, 39.0, 9, 13)
    legend_item(layout, main, m, 215.0, cw - 62 - 6, 44.0, columns=2, size=8, split=False)
    ov = map_item(layout, "kt_overview", m + cw - 62, 215.0, 62, 44.0, frame=0.25)
    ov.setBackgroundColor(QColor("#dfe8ef"))
    label(layout, "kt_caption", "[% @kt_caption %]", m, 264.0, cw, h - m - 264.0, 9.5)
    return layout


def main() -> None:
    root = Path(sys.argv[1])
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject()
    for name, build in (("lagebild_web.qpt", web), ("lagebild_a4.qpt", a4)):
        layout = build(project)
        target = root / "resources" / "templates" / name
        if not layout.saveAsTemplate(str(target), QgsReadWriteContext()):
            raise SystemExit(f"cannot write {target}")
        print(target)
    app.exitQgis()


if __name__ == "__main__":
    main()
