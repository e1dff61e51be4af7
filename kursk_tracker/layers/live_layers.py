"""Memory layers that show the situation at the timeline's instant: morphed areas and the change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qgis.core import (
    QgsFeature,
    QgsFields,
    QgsFillSymbol,
    QgsLinePatternFillSymbolLayer,
    QgsProject,
    QgsRuleBasedRenderer,
    QgsSimpleLineSymbolLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..core.series import Series
from ..toolbelt.compat import make_field, required
from ..toolbelt.i18n import tr
from .geometry import to_qgs
from .series_layers import ROLE_PROPERTY, SeriesLayers, apply_style, set_series_variables, split_rules_by_side

if TYPE_CHECKING:
    from ..core.change import Change
    from ..core.frames import Areas

LIVE_AREAS = "live_areas"
LIVE_FRONTS = "live_front_lines"
LIVE_CHANGE = "live_change"


def _memory_layer(
    name: str, fields: tuple[tuple[str, str], ...], geometry: str = "MultiPolygon"
) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:4326", name, "memory")
    qgs_fields = QgsFields()
    for field_name, kind in fields:
        qgs_fields.append(make_field(field_name, kind))
    required(layer.dataProvider(), "memory layer provider").addAttributes(qgs_fields.toList())
    layer.updateFields()
    return layer


def change_renderer(series: Series, language: str) -> QgsRuleBasedRenderer:
    """Gains hatched in the gaining side's colour, losses outlined dashed in the losing side's."""
    root = QgsRuleBasedRenderer.Rule(None)
    for side in series.sides:
        colour = QColor(side.colour)
        hatch = QgsFillSymbol()
        hatch.deleteSymbolLayer(0)
        pattern = QgsLinePatternFillSymbolLayer()
        pattern.setLineAngle(45)
        pattern.setDistance(1.2)
        pattern.setLineWidth(0.35)
        pattern.setColor(colour)
        hatch.appendSymbolLayer(pattern)
        outline = QgsSimpleLineSymbolLayer(colour, 0.5)
        hatch.appendSymbolLayer(outline)
        root.appendChild(
            QgsRuleBasedRenderer.Rule(
                hatch,
                0,
                0,
                f"\"side\" = '{side.code}' AND \"kind\" = 'gain'",
                tr("{side}: gained").format(side=side.name(language)),
            )
        )
        lost = QgsFillSymbol()
        lost.deleteSymbolLayer(0)
        dashed = QgsSimpleLineSymbolLayer(colour, 0.5)
        dashed.setPenStyle(Qt.PenStyle.DashLine)
        lost.appendSymbolLayer(dashed)
        root.appendChild(
            QgsRuleBasedRenderer.Rule(
                lost,
                0,
                0,
                f"\"side\" = '{side.code}' AND \"kind\" = 'loss'",
                tr("{side}: lost").format(side=side.name(language)),
            )
        )
    return QgsRuleBasedRenderer(root)


class LiveLayers:
    """The morphed areas, their front lines and the change layer, in the series' group."""

    def __init__(self, loaded: SeriesLayers, project: QgsProject, language: str) -> None:
        self.loaded = loaded
        self.project = project
        self.areas = _memory_layer(
            tr("Areas at the shown instant"),
            (("side", "string"), ("status", "string"), ("valid_at", "string")),
        )
        apply_style(self.areas, "areas")
        set_series_variables(self.areas, loaded.series, language)
        split_rules_by_side(self.areas, loaded.series, language)
        self.fronts = _memory_layer(
            tr("Front lines at the shown instant"),
            (("side", "string"), ("valid_at", "string")),
            "MultiLineString",
        )
        apply_style(self.fronts, "front_lines")
        set_series_variables(self.fronts, loaded.series, language)
        self.change = _memory_layer(
            tr("Change"), (("side", "string"), ("kind", "string"), ("area_km2", "real"), ("since", "string"))
        )
        self.change.setRenderer(change_renderer(loaded.series, language))
        for layer, role in ((self.fronts, LIVE_FRONTS), (self.change, LIVE_CHANGE), (self.areas, LIVE_AREAS)):
            layer.setCustomProperty(ROLE_PROPERTY, role)
            # Rebuilt from the series on every move: not saved with the project.
            layer.setCustomProperty("skipMemoryLayersCheck", 1)
            project.addMapLayer(layer, False)
        group = loaded.group
        index = next(
            (
                i
                for i, node in enumerate(group.children())
                if getattr(node, "layerId", lambda: None)() == loaded.layers["areas"].id()
            ),
            len(group.children()),
        )
        group.insertLayer(index, self.areas)
        group.insertLayer(index, self.change)
        group.insertLayer(index, self.fronts)
        # The live layers show areas and fronts; the stored ones stay for editing and
        # for the Temporal Controller.
        for name in ("areas", "front_lines"):
            node = group.findLayer(loaded.layers[name].id())
            if node is not None:
                node.setItemVisibilityChecked(False)

    def show(
        self, areas: Areas, changes: list[Change], valid_at: str, since: str, fronts: dict | None = None
    ) -> None:
        features = []
        for (side, status), geometry in areas.items():
            if geometry is None or geometry.is_empty:
                continue
            feature = QgsFeature(self.areas.fields())
            feature.setAttributes([side, status, valid_at])
            feature.setGeometry(to_qgs(geometry))
            features.append(feature)
        self._replace(self.areas, features)
        features = []
        for side, geometry in (fronts or {}).items():
            feature = QgsFeature(self.fronts.fields())
            feature.setAttributes([side, valid_at])
            feature.setGeometry(to_qgs(geometry))
            features.append(feature)
        self._replace(self.fronts, features)
        features = []
        for change in changes:
            feature = QgsFeature(self.change.fields())
            feature.setAttributes([change.side, change.kind, round(change.area_km2, 3), since])
            feature.setGeometry(to_qgs(change.geometry))
            features.append(feature)
        self._replace(self.change, features)

    @staticmethod
    def _replace(layer: QgsVectorLayer, features: list[QgsFeature]) -> None:
        provider = required(layer.dataProvider(), "memory layer provider")
        provider.truncate()
        provider.addFeatures(features)
        layer.updateExtents()
        layer.triggerRepaint()

    def remove(self) -> None:
        for layer in (self.areas, self.change, self.fronts):
            if self.project.mapLayer(layer.id()) is not None:
                self.project.removeMapLayer(layer.id())
