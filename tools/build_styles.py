"""Build the house-style QML files in resources/styles/ from PyQGIS objects.

Run with the oldest supported QGIS (3.22) so every newer QGIS reads them:
    .venv/bin/python tools/build_styles.py resources/sample/kursk_sample.gpkg resources/styles

Colours come from the layer variable @kt_side_colours and label language
from @kt_language, both set by the loader, so nothing here names a side.
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (
    QgsApplication,
    QgsArrowSymbolLayer,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsLineSymbol,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsPalLayerSettings,
    QgsProperty,
    QgsRuleBasedRenderer,
    QgsSimpleFillSymbolLayer,
    QgsSimpleLineSymbolLayer,
    QgsSimpleMarkerSymbolLayer,
    QgsSimpleMarkerSymbolLayerBase,
    QgsSingleSymbolRenderer,
    QgsSymbolLayer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QFont

app = QgsApplication([], False)
app.initQgis()

GPKG = sys.argv[1]
OUT = sys.argv[2]
WORLD = QgsApplication.pkgDataPath() + "/resources/data/world_map.gpkg"
MM = QgsUnitTypes.RenderMillimeters

SIDE = "coalesce(map_get(json_to_map(coalesce(@kt_side_colours, '{}')), \"side\"), '#808080')"


def with_alpha(alpha: int) -> str:
    return f"set_color_part({SIDE}, 'alpha', {alpha})"


def darker(factor: int) -> str:
    return f"darker({SIDE}, {factor})"


def in_language(field: str) -> str:
    """Label text: the field's column for @kt_language (e.g. "text_de") when it
    holds text, else the field itself. attribute() by name yields NULL on
    layers from older stores that lack the language columns, and makes the
    labeling fetch every column."""
    return f"coalesce(nullif(trim(attribute(concat('{field}_', @kt_language))), ''), \"{field}\")"


def dd(layer, key, expr):
    layer.setDataDefinedProperty(key, QgsProperty.fromExpression(expr))


CATEGORIES = QgsMapLayer.Symbology | QgsMapLayer.Labeling | QgsMapLayer.Rendering


def save(layer, name):
    path = os.path.join(OUT, f"{name}.qml")
    msg, ok = layer.saveNamedStyle(path, categories=CATEGORIES)
    print(name, ok, msg)


def text_format(size, bold=False, italic=False, colour="#1a1a1a", buffer_mm=0.9):
    fmt = QgsTextFormat()
    font = QFont("Noto Sans")
    font.setBold(bold)
    font.setItalic(italic)
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(QColor(colour))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(buffer_mm)
    buf.setSizeUnit(MM)
    buf.setColor(QColor(255, 255, 255))
    buf.setOpacity(0.9)
    fmt.setBuffer(buf)
    return fmt


def area_fill(alpha, stroke_width, stroke_style=Qt.SolidLine):
    fill = QgsSimpleFillSymbolLayer()
    fill.setColor(QColor(128, 128, 128, alpha))
    fill.setStrokeStyle(Qt.NoPen)
    dd(fill, QgsSymbolLayer.PropertyFillColor, with_alpha(alpha))
    outline = QgsSimpleLineSymbolLayer()
    outline.setColor(QColor(128, 128, 128))
    outline.setWidth(stroke_width)
    outline.setWidthUnit(MM)
    outline.setPenStyle(stroke_style)
    outline.setPenJoinStyle(Qt.RoundJoin)
    dd(outline, QgsSymbolLayer.PropertyStrokeColor, SIDE)
    return fill, outline


def hatch(alpha, angle):
    pattern = QgsLinePatternFillSymbolLayer()
    pattern.setLineAngle(angle)
    pattern.setDistance(1.6)
    pattern.setDistanceUnit(MM)
    line = QgsLineSymbol()
    line.deleteSymbolLayer(0)
    sl = QgsSimpleLineSymbolLayer()
    sl.setWidth(0.35)
    sl.setWidthUnit(MM)
    dd(sl, QgsSymbolLayer.PropertyStrokeColor, SIDE)
    line.appendSymbolLayer(sl)
    pattern.setSubSymbol(line)
    return pattern


def areas():
    layer = QgsVectorLayer(f"{GPKG}|layername=areas", "areas", "ogr")
    root = QgsRuleBasedRenderer.Rule(None)

    sym = QgsFillSymbol()
    sym.deleteSymbolLayer(0)
    for sl in area_fill(95, 0.4):
        sym.appendSymbolLayer(sl)
    root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, "\"status\" = 'controlled'", "Controlled"))

    for status, label, angle in (("contested", "Contested", 45), ("claimed", "Claimed", -45)):
        sym = QgsFillSymbol()
        sym.deleteSymbolLayer(0)
        fill, outline = area_fill(35, 0.25, Qt.SolidLine)
        sym.appendSymbolLayer(fill)
        sym.appendSymbolLayer(hatch(255, angle))
        sym.appendSymbolLayer(outline)
        root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, f"\"status\" = '{status}'", label))

    sym = QgsFillSymbol()
    sym.deleteSymbolLayer(0)
    fill, outline = area_fill(95, 0.9, Qt.DashLine)
    sym.appendSymbolLayer(fill)
    outline.setUseCustomDashPattern(True)
    outline.setCustomDashVector([2.5, 1.2])
    outline.setCustomDashPatternUnit(MM)
    dd(outline, QgsSymbolLayer.PropertyStrokeColor, darker(160))
    sym.appendSymbolLayer(outline)
    root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, "\"status\" = 'pocket'", "Pocket"))

    sym = QgsFillSymbol()
    sym.deleteSymbolLayer(0)
    fill, outline = area_fill(50, 0.25, Qt.DotLine)
    sym.appendSymbolLayer(fill)
    sym.appendSymbolLayer(outline)
    root.appendChild(QgsRuleBasedRenderer.Rule(sym, 0, 0, "ELSE", "Unknown"))

    layer.setRenderer(QgsRuleBasedRenderer(root))
    save(layer, "areas")


def front_lines():
    layer = QgsVectorLayer(f"{GPKG}|layername=front_lines", "front_lines", "ogr")
    sym = QgsLineSymbol()
    sym.deleteSymbolLayer(0)
    casing = QgsSimpleLineSymbolLayer(QColor(255, 255, 255, 220), 1.6)
    casing.setWidthUnit(MM)
    casing.setPenJoinStyle(Qt.RoundJoin)
    casing.setPenCapStyle(Qt.RoundCap)
    core = QgsSimpleLineSymbolLayer(QColor("#1a1a1a"), 0.8)
    core.setWidthUnit(MM)
    core.setPenJoinStyle(Qt.RoundJoin)
    core.setPenCapStyle(Qt.RoundCap)
    sym.appendSymbolLayer(casing)
    sym.appendSymbolLayer(core)
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    save(layer, "front_lines")


AROUND_PLACE = "TR,TL,BR,BL,R,L,TSR,BSR,TSL,BSL,T,B"
"""Where a place's name may go, best first: the usual corners, then every side of the point
(QGIS's codes for the positions around a point: T top, B bottom, L left, R right, S slightly)."""

AROUND_ANNOTATION = "O,T,B,R,L,TR,TL,BR,BL"
"""An annotation sits on its point (O), or beside it when an arrow runs there."""

ARROW_OBSTACLE = 1.2
"""Weight of an arrow as an obstacle to labels (0–2; 6 of 10 in the dialog). A label position
across an arrow is taken only when every other one is worse; with QGIS's newer placement
engine, labels of lower priority than this are left out rather than put across an arrow.
The places' least priority (6) matches it, so no place name is dropped for an arrow; an
arrow's own name (priority 3) never crosses another arrow."""


def arrow(dashed):
    a = QgsArrowSymbolLayer()
    a.setIsCurved(True)
    a.setIsRepeated(False)
    a.setArrowStartWidth(0.6)
    a.setArrowWidth(2.4)
    a.setArrowStartWidthUnit(MM)
    a.setArrowWidthUnit(MM)
    a.setHeadLength(4.0)
    a.setHeadThickness(3.0)
    a.setHeadLengthUnit(MM)
    a.setHeadThicknessUnit(MM)
    a.setHeadType(QgsArrowSymbolLayer.HeadSingle)
    a.setArrowType(QgsArrowSymbolLayer.ArrowPlain)
    fill = QgsFillSymbol()
    fill.deleteSymbolLayer(0)
    if dashed:
        f = QgsSimpleFillSymbolLayer()
        f.setStrokeStyle(Qt.NoPen)
        dd(f, QgsSymbolLayer.PropertyFillColor, with_alpha(80))
        fill.appendSymbolLayer(f)
        o = QgsSimpleLineSymbolLayer()
        o.setWidth(0.5)
        o.setWidthUnit(MM)
        o.setPenStyle(Qt.DashLine)
        o.setUseCustomDashPattern(True)
        o.setCustomDashVector([1.5, 0.8])
        o.setCustomDashPatternUnit(MM)
        o.setPenJoinStyle(Qt.MiterJoin)
        dd(o, QgsSymbolLayer.PropertyStrokeColor, SIDE)
        fill.appendSymbolLayer(o)
    else:
        f = QgsSimpleFillSymbolLayer()
        f.setStrokeColor(QColor(255, 255, 255))
        f.setStrokeWidth(0.3)
        f.setStrokeWidthUnit(MM)
        f.setPenJoinStyle(Qt.MiterJoin)
        dd(f, QgsSymbolLayer.PropertyFillColor, SIDE)
        fill.appendSymbolLayer(f)
    a.setSubSymbol(fill)
    sym = QgsLineSymbol()
    sym.deleteSymbolLayer(0)
    sym.appendSymbolLayer(a)
    return sym


def movements():
    layer = QgsVectorLayer(f"{GPKG}|layername=movements", "movements", "ogr")
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(
        QgsRuleBasedRenderer.Rule(arrow(True), 0, 0, "\"kind\" = 'relief_attack'", "Relief attack")
    )
    root.appendChild(QgsRuleBasedRenderer.Rule(arrow(True), 0, 0, "\"kind\" = 'withdrawal'", "Withdrawal"))
    root.appendChild(QgsRuleBasedRenderer.Rule(arrow(False), 0, 0, "ELSE", "Attack"))
    layer.setRenderer(QgsRuleBasedRenderer(root))
    s = QgsPalLayerSettings()
    s.isExpression = True
    s.fieldName = in_language("label")
    # Horizontal on the arrow, as a hand-drawn Lagebild writes it: at a figure's scale most
    # arrows are shorter than their names, and QGIS leaves out a name written along a line
    # that is shorter than the name (in the week-12 figure all but one, in German all).
    s.placement = QgsPalLayerSettings.Horizontal
    s.dist = 1.5
    s.distUnits = MM
    # Below place names and annotations: where they compete for room, the arrow's name gives way.
    s.priority = 3
    # The arrow is an obstacle: no place name, annotation or other arrow's name is put across it.
    s.obstacleSettings().setIsObstacle(True)
    s.obstacleSettings().setFactor(ARROW_OBSTACLE)
    fmt = text_format(7.5, italic=True, colour="#333333", buffer_mm=0.7)
    s.setFormat(fmt)
    s.dataDefinedProperties().setProperty(QgsPalLayerSettings.Color, QgsProperty.fromExpression(darker(170)))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(s))
    layer.setLabelsEnabled(True)
    save(layer, "movements")


def annotations():
    layer = QgsVectorLayer(f"{GPKG}|layername=annotations", "annotations", "ogr")
    sym = QgsMarkerSymbol()
    sym.deleteSymbolLayer(0)
    m = QgsSimpleMarkerSymbolLayer(QgsSimpleMarkerSymbolLayerBase.Circle, 0.0)
    m.setColor(QColor(0, 0, 0, 0))
    m.setStrokeStyle(Qt.NoPen)
    sym.appendSymbolLayer(m)
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    s = QgsPalLayerSettings()
    s.isExpression = True
    s.fieldName = in_language("text")
    s.placement = QgsPalLayerSettings.OrderedPositionsAroundPoint
    # Off the point, far enough to clear an arrowhead that ends there.
    s.dist = 2.5
    s.distUnits = MM
    s.priority = 9
    s.displayAll = True
    fmt = text_format(10, bold=True, italic=True, buffer_mm=1.0)
    s.setFormat(fmt)
    s.dataDefinedProperties().setProperty(QgsPalLayerSettings.Color, QgsProperty.fromExpression(darker(180)))
    # The order of positions is a property: PyQGIS 3.22 has no setter for the list itself.
    s.dataDefinedProperties().setProperty(
        QgsPalLayerSettings.PredefinedPositionOrder, QgsProperty.fromValue(AROUND_ANNOTATION)
    )
    layer.setLabeling(QgsVectorLayerSimpleLabeling(s))
    layer.setLabelsEnabled(True)
    save(layer, "annotations")


def places():
    layer = QgsVectorLayer(f"{GPKG}|layername=places", "places", "ogr")
    sym = QgsMarkerSymbol()
    sym.deleteSymbolLayer(0)
    m = QgsSimpleMarkerSymbolLayer(QgsSimpleMarkerSymbolLayerBase.Circle, 1.6)
    m.setColor(QColor(255, 255, 255))
    m.setStrokeColor(QColor("#1a1a1a"))
    m.setStrokeWidth(0.35)
    m.setStrokeWidthUnit(MM)
    m.setSizeUnit(MM)
    dd(m, QgsSymbolLayer.PropertySize, 'CASE WHEN "rank" = 1 THEN 2.6 WHEN "rank" = 2 THEN 2.0 ELSE 1.5 END')
    sym.appendSymbolLayer(m)
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    s = QgsPalLayerSettings()
    s.isExpression = True
    s.fieldName = 'coalesce(if(@kt_language = \'de\', "name_de", "name_en"), "name_local")'
    s.placement = QgsPalLayerSettings.OrderedPositionsAroundPoint
    s.dist = 0.8
    s.distUnits = MM
    fmt = text_format(8.5, buffer_mm=0.9)
    s.setFormat(fmt)
    props = s.dataDefinedProperties()
    props.setProperty(
        QgsPalLayerSettings.Priority,
        QgsProperty.fromExpression('CASE WHEN "rank" = 1 THEN 10 WHEN "rank" = 2 THEN 8 ELSE 6 END'),
    )
    props.setProperty(
        QgsPalLayerSettings.Size,
        QgsProperty.fromExpression('CASE WHEN "rank" = 1 THEN 12 WHEN "rank" = 2 THEN 10 ELSE 9 END'),
    )
    props.setProperty(QgsPalLayerSettings.Bold, QgsProperty.fromExpression('"rank" <= 2'))
    props.setProperty(QgsPalLayerSettings.PredefinedPositionOrder, QgsProperty.fromValue(AROUND_PLACE))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(s))
    layer.setLabelsEnabled(True)
    save(layer, "places")


def context():
    layer = QgsVectorLayer(f"{WORLD}|layername=countries", "countries", "ogr")
    sym = QgsFillSymbol()
    sym.deleteSymbolLayer(0)
    fill = QgsSimpleFillSymbolLayer(QColor("#efefec"))
    fill.setStrokeStyle(Qt.NoPen)
    sym.appendSymbolLayer(fill)
    border = QgsSimpleLineSymbolLayer(QColor("#3c3c3c"), 0.7)
    border.setWidthUnit(MM)
    border.setUseCustomDashPattern(True)
    border.setCustomDashVector([4.0, 1.2, 0.8, 1.2])
    border.setCustomDashPatternUnit(MM)
    sym.appendSymbolLayer(border)
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    save(layer, "context_countries")

    layer = QgsVectorLayer(f"{WORLD}|layername=states_provinces", "states_provinces", "ogr")
    sym = QgsFillSymbol()
    sym.deleteSymbolLayer(0)
    line = QgsSimpleLineSymbolLayer(QColor("#c4c4c0"), 0.2)
    line.setWidthUnit(MM)
    sym.appendSymbolLayer(line)
    layer.setRenderer(QgsSingleSymbolRenderer(sym))
    save(layer, "context_oblasts")


areas()
front_lines()
movements()
annotations()
places()
context()
app.exitQgis()
