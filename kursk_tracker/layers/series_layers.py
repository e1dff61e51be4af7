"""A series (GeoPackage or PostGIS) as a styled layer group in a QGIS project."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCredentials,
    QgsDataProvider,
    QgsDataSourceUri,
    QgsDateTimeRange,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsRuleBasedRenderer,
    QgsSymbol,
    QgsSymbolLayer,
    QgsVectorLayer,
    QgsVectorLayerTemporalProperties,
)

from ..core.errors import KurskTrackerError, SeriesFileError
from ..core.series import Series, Snapshot
from ..store.backend import PostgisStore, SeriesStore, open_store, store_path
from ..store.postgis_connection import notify_payload
from ..store.schema import DRAW_ORDER, LAYER_BY_NAME
from ..toolbelt.compat import expression_property_type, required, wkb_type
from ..toolbelt.i18n import tr
from ..toolbelt.paths import resource

CONTEXT_LAYERS = (("countries", "context_countries"), ("states_provinces", "context_oblasts"))

# Custom property marking our groups and layers, so they are found again.
ROLE_PROPERTY = "kursk_tracker/role"
LOCATION_PROPERTY = "kursk_tracker/location"
"""On the series group: the series' location (a GeoPackage path or a postgis: location)."""


def world_map_path() -> Path:
    return Path(QgsApplication.pkgDataPath()) / "resources" / "data" / "world_map.gpkg"


def apply_style(layer: QgsVectorLayer, style_name: str) -> bool:
    qml = resource("styles", f"{style_name}.qml")
    if not qml.exists():
        return False
    # True: our QML, not a style stored inside the data source (world_map.gpkg has one).
    _message, ok = layer.loadNamedStyle(str(qml), True)
    return bool(ok)


def text_language(language: str | None) -> str:
    """The language code the series' texts are kept under: "de_DE" -> "de", "" -> "en".

    The label expressions read the column `<field>_<code>` ("text_de") and
    fall back to the series' own text where there is none.
    """
    return (language or "en").replace("-", "_").split("_")[0].lower() or "en"


def set_series_variables(layer: QgsVectorLayer, series: Series, language: str) -> None:
    """What the QML styles read: side colours and the label language (@kt_language, "de")."""
    colours = {side.code: side.colour for side in series.sides}
    QgsExpressionContextUtils.setLayerVariable(layer, "kt_side_colours", json.dumps(colours))
    QgsExpressionContextUtils.setLayerVariable(layer, "kt_language", text_language(language))


def rule_labels() -> dict[str, str]:
    """The legend words of the house styles, in the user's language."""
    return {
        "Controlled": tr("Controlled"),
        "Contested": tr("Contested"),
        "Claimed": tr("Claimed"),
        "Pocket": tr("Pocket"),
        "Unknown": tr("Unknown"),
        "Attack": tr("Attack"),
        "Counterattack": tr("Counterattack"),
        "Relief attack": tr("Relief attack"),
        "Withdrawal": tr("Withdrawal"),
    }


def _bind_side(symbol: QgsSymbol, side_code: str, colours_json: str) -> QgsSymbol:
    """A copy of `symbol` whose side-dependent expressions are fixed to one side.

    The house styles colour features with expressions on "side" and
    @kt_side_colours; fixed to literals, the legend can draw them too.
    """
    bound = required(symbol.clone(), "copy of a symbol")
    quoted_side = QgsExpression.quotedValue(side_code)
    quoted_colours = QgsExpression.quotedString(colours_json)

    def bind(layers: list[QgsSymbolLayer]) -> None:
        for symbol_layer in layers:
            properties = symbol_layer.dataDefinedProperties()
            for key in properties.propertyKeys():
                prop = properties.property(key)
                if prop.propertyType() != expression_property_type():
                    continue
                text = prop.expressionString()
                fixed = text.replace('"side"', quoted_side).replace("@kt_side_colours", quoted_colours)
                if fixed != text:
                    prop.setExpressionString(fixed)
                    properties.setProperty(key, prop)
            symbol_layer.setDataDefinedProperties(properties)
            sub_symbol = symbol_layer.subSymbol()
            if sub_symbol is not None:
                bind(sub_symbol.symbolLayers())

    bind(bound.symbolLayers())
    return bound


def split_rules_by_side(layer: QgsVectorLayer, series: Series, language: str) -> None:
    """Turn each rule of a rule-based style into one rule per side, named for the legend.

    "Ukraine: Controlled", "Russia: Controlled", … from whatever sides the
    series has, each coloured as its side; features of other sides keep the
    style's neutral symbol.
    """
    renderer = layer.renderer()
    if not isinstance(renderer, QgsRuleBasedRenderer):
        return
    labels = rule_labels()
    colours = json.dumps({side.code: side.colour for side in series.sides})
    # Each leaf rule with its symbol, so the symbol is known to be there.
    rules = [
        (r, symbol)
        for r in required(renderer.rootRule(), "root rule").children()
        if (symbol := r.symbol()) is not None and not r.children()
    ]
    filters = [r.filterExpression() for r, _symbol in rules if not r.isElse() and r.filterExpression()]
    codes = ", ".join(QgsExpression.quotedValue(side.code) for side in series.sides)
    root = QgsRuleBasedRenderer.Rule(None)
    for rule, symbol in rules:
        if rule.isElse():
            condition = "NOT (" + " OR ".join(f"({f})" for f in filters) + ")" if filters else "TRUE"
        else:
            condition = rule.filterExpression() or "TRUE"
        label = labels.get(rule.label(), rule.label())
        for side in series.sides:
            root.appendChild(
                QgsRuleBasedRenderer.Rule(
                    _bind_side(symbol, side.code, colours),
                    0,
                    0,
                    f'({condition}) AND "side" = {QgsExpression.quotedValue(side.code)}',
                    f"{side.name(language)}: {label}",
                )
            )
    if codes and rules:
        # Sides the series does not name: drawn in the style's neutral grey.
        fallback_symbol = next((symbol for r, symbol in rules if r.isElse()), rules[0][1])
        root.appendChild(
            QgsRuleBasedRenderer.Rule(
                fallback_symbol.clone(),
                0,
                0,
                f'"side" IS NULL OR "side" NOT IN ({codes})',
                tr("Other sides"),
            )
        )
    layer.setRenderer(QgsRuleBasedRenderer(root))


def vector_temporal_properties(layer: QgsVectorLayer) -> QgsVectorLayerTemporalProperties:
    """The layer's temporal properties: a vector layer's (the stubs say any map layer's)."""
    properties = layer.temporalProperties()
    if not isinstance(properties, QgsVectorLayerTemporalProperties):
        raise RuntimeError(f"QGIS gave no vector temporal properties for layer {layer.name()!r}")
    return properties


def enable_temporal(layer: QgsVectorLayer) -> None:
    """Let QGIS's Temporal Controller play the layer: valid_from until valid_to."""
    properties = vector_temporal_properties(layer)
    properties.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields)
    properties.setStartField("valid_from")
    properties.setEndField("valid_to")
    properties.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd)
    # Active: with the Temporal Controller on, QGIS itself filters the layers
    # to its range (our timeline follows it); off, our snapshot filter rules.
    properties.setIsActive(True)


def snapshot_filter(snapshot: Snapshot | None) -> str:
    return "" if snapshot is None else f'"snapshot_id" = {snapshot.id}'


def filtered_source(source: str, subset: str) -> str:
    """An OGR layer source with `subset` as its filter ("" for none)."""
    registry = required(QgsProviderRegistry.instance(), "provider registry")
    parts = registry.decodeUri("ogr", source)
    parts["subset"] = subset
    if not subset:
        parts.pop("subset")
    return registry.encodeUri("ogr", parts)


def set_filter(layer: QgsVectorLayer, subset: str) -> None:
    """Filter a series layer to `subset`.

    A GeoPackage layer is reopened with the filter in its source:
    QgsVectorLayer.setSubsetString on a GeoPackage in WAL mode leaves QGIS
    3.22 (GDAL 3.6) unable to count the features ("unable to open database
    file"); a filter given when the layer opens works everywhere. PostGIS
    layers take the filter as it is.
    """
    if layer.providerType() == "ogr":
        layer.setDataSource(
            filtered_source(layer.source(), subset), layer.name(), "ogr", QgsDataProvider.ProviderOptions()
        )
    else:
        layer.setSubsetString(subset)
    layer.triggerRepaint()


def postgres_connection_uri(store: PostgisStore) -> QgsDataSourceUri:
    """The database part of a PostGIS series' layer sources, without a password.

    A saved QGIS connection is used as saved (service, host, user, its
    authentication configuration); where it holds a plain password, that
    goes to QGIS's credential cache for this session instead of into the
    layer sources, so it never reaches a project file or a log.
    """
    if store.connection_name:
        from ..store.backend import saved_connection_uri

        uri = saved_connection_uri(store.connection_name)
    else:
        uri = QgsDataSourceUri(
            " ".join(
                f"{k}='{v}'"
                for k, v in store.keywords.items()
                if k in ("service", "host", "port", "dbname", "user", "sslmode")
            )
        )
    if store.connection_name and store.keywords.get("dbname"):
        uri.setDatabase(store.keywords["dbname"])
    password = uri.password()
    if password:
        uri.setPassword("")
        credentials = required(QgsCredentials.instance(), "credential cache")
        credentials.put(uri.connectionInfo(False), uri.username(), password)
    return uri


def layer_source(
    store: SeriesStore, layer_name: str, subset: str = "", connection: QgsDataSourceUri | None = None
) -> tuple[str, str]:
    """(source, provider key) of one layer of a series; `connection`: a PostGIS series' database part,
    where already made (`postgres_connection_uri`)."""
    if isinstance(store, PostgisStore):
        uri = QgsDataSourceUri(connection if connection is not None else postgres_connection_uri(store))
        uri.setDataSource(store.schema, layer_name, "geom", subset, "fid")
        uri.setSrid("4326")
        uri.setWkbType(wkb_type(LAYER_BY_NAME[layer_name].geometry))
        return uri.uri(False), "postgres"
    source = f"{store_path(store)}|layername={layer_name}"
    return (filtered_source(source, subset) if subset else source), "ogr"


def refresh_on_notify(layer: QgsVectorLayer, store: SeriesStore) -> None:
    """Repaint when another user changes the series (PostgreSQL NOTIFY, where QGIS has it).

    Only the areas layer listens: QGIS gives every listening layer a thread
    and a database connection of its own, and removing one waits up to a
    second for its thread. The plugin reloads the whole series (every layer)
    when the areas layer hears of a change.
    """
    if not isinstance(store, PostgisStore):
        return
    # QGIS 3.22 to 3.40 spell it "Nofify"; a later QGIS may mend the name.
    setter = getattr(layer, "setRefreshOnNotifyMessage", None) or layer.setRefreshOnNofifyMessage
    setter(notify_payload(store.schema))
    layer.setRefreshOnNotifyEnabled(True)


@dataclass
class SeriesLayers:
    """A loaded series: its description, store, layer group and layers."""

    series: Series
    store: SeriesStore
    group: QgsLayerTreeGroup
    layers: dict[str, QgsVectorLayer] = field(default_factory=dict)
    snapshot_id: int | None = None

    @property
    def path(self) -> Path | None:
        """The series GeoPackage (None for a series in PostGIS)."""
        return store_path(self.store)

    def dated_layers(self) -> list[QgsVectorLayer]:
        return [lyr for name, lyr in self.layers.items() if LAYER_BY_NAME[name].dated]

    def show_snapshot(self, snapshot: Snapshot | None) -> None:
        """Filter the dated layers to one snapshot (None: show all)."""
        self.snapshot_id = None if snapshot is None else snapshot.id
        subset = snapshot_filter(snapshot)
        for layer in self.dated_layers():
            if layer.subsetString() != subset:
                set_filter(layer, subset)

    def reconnect(self) -> None:
        """Reopen layers of a PostGIS series that a project could not open for want of a password.

        The project holds no password; where the saved connection has one,
        it goes to QGIS's credential cache and the layers open again.
        """
        if not isinstance(self.store, PostgisStore):
            return
        broken = [layer for layer in self.layers.values() if not layer.isValid()]
        if not broken:
            return
        postgres_connection_uri(self.store)
        for layer in broken:
            layer.setDataSource(layer.source(), layer.name(), "postgres", QgsDataProvider.ProviderOptions())
        if "areas" in self.layers:
            refresh_on_notify(self.layers["areas"], self.store)

    def full_extent(self, crs: QgsCoordinateReferenceSystem, margin: float = 0.1) -> QgsRectangle:
        """The extent of all snapshots' areas in `crs`, whatever is shown now."""
        source, provider = layer_source(self.store, "areas")
        every_snapshot = QgsVectorLayer(source, "areas", provider)
        return layers_extent([every_snapshot], crs, margin)

    def current_snapshot(self) -> Snapshot | None:
        return next((s for s in self.series.snapshots if s.id == self.snapshot_id), None)


def load_series_layers(
    location: str | Path | SeriesStore,
    project: QgsProject | None = None,
    language: str = "en",
    with_context: bool = True,
    series: Series | None = None,
) -> SeriesLayers:
    """Add a series' layers to `project` in a group of their own, styled (`series`: where already read)."""
    project = project or required(QgsProject.instance(), "project")
    store = open_store(location)
    series = series if series is not None else store.read_series()
    name = series.name(language) or store.label()
    if series.illustrative:
        name = tr("{name} (illustrative)").format(name=name)
    snapshots = series.sorted_snapshots()
    initial = snapshot_filter(snapshots[-1] if snapshots else None)
    root = required(project.layerTreeRoot(), "layer tree")
    group = required(root.insertGroup(0, name), "series group")
    group.setCustomProperty(ROLE_PROPERTY, "series")
    group.setCustomProperty(LOCATION_PROPERTY, store.location)
    result = SeriesLayers(series, store, group)
    connection = postgres_connection_uri(store) if isinstance(store, PostgisStore) else None
    for layer_name in DRAW_ORDER:
        subset = initial if LAYER_BY_NAME[layer_name].dated else ""
        source, provider = layer_source(store, layer_name, subset, connection)
        layer = QgsVectorLayer(source, _layer_title(layer_name), provider, _layer_options(project))
        if not layer.isValid():
            root.removeChildNode(group)
            raise SeriesFileError(store.describe(), f"layer '{layer_name}' cannot be opened")
        apply_style(layer, layer_name)
        set_series_variables(layer, series, language)
        split_rules_by_side(layer, series, language)
        if LAYER_BY_NAME[layer_name].dated:
            enable_temporal(layer)
        if layer_name == "areas":
            refresh_on_notify(layer, store)
        layer.setCustomProperty(ROLE_PROPERTY, layer_name)
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        result.layers[layer_name] = layer
    if with_context:
        _add_context(project, group)
    result.snapshot_id = snapshots[-1].id if snapshots else None
    return result


def _layer_options(project: QgsProject) -> QgsVectorLayer.LayerOptions:
    """Our QML styles replace any default style: not looking one up saves queries per layer."""
    options = QgsVectorLayer.LayerOptions(project.transformContext())
    options.loadDefaultStyle = False
    return options


def _add_context(project: QgsProject, group: QgsLayerTreeGroup) -> None:
    source = world_map_path()
    if not source.exists():
        return
    context = required(group.addGroup(tr("Context")), "context group")
    context.setCustomProperty(ROLE_PROPERTY, "context")
    for layer_name, style in CONTEXT_LAYERS:
        title = tr("Countries") if layer_name == "countries" else tr("Regions")
        layer = QgsVectorLayer(f"{source}|layername={layer_name}", title, "ogr")
        if not layer.isValid():
            continue
        apply_style(layer, style)
        layer.setCustomProperty(ROLE_PROPERTY, style)
        project.addMapLayer(layer, False)
        context.insertLayer(0, layer)


def _layer_title(layer_name: str) -> str:
    return {
        "areas": tr("Areas held"),
        "front_lines": tr("Front lines"),
        "movements": tr("Movements"),
        "annotations": tr("Annotations"),
        "places": tr("Places"),
    }[layer_name]


def remove_series_groups(project: QgsProject | None = None) -> None:
    """Remove every series group (and its layers) from the project."""
    project = project or required(QgsProject.instance(), "project")
    root = required(project.layerTreeRoot(), "layer tree")
    for group in list(root.findGroups()):
        if group.customProperty(ROLE_PROPERTY) == "series":
            layer_ids = [node.layerId() for node in group.findLayers()]
            root.removeChildNode(group)
            project.removeMapLayers(layer_ids)


def set_temporal_span(loaded: SeriesLayers, span: QgsDateTimeRange) -> None:
    """Give the Temporal Controller's "Set to full range" the series' span.

    QGIS takes that range from the layers' temporal extents; the dated layers
    are filtered to one snapshot, so theirs is that snapshot's. The places
    (undated) carry the whole span as a fixed range: they show wherever the
    controller's range meets the series.
    """
    layer = loaded.layers.get("places")
    if layer is None:
        return
    properties = vector_temporal_properties(layer)
    properties.setMode(Qgis.VectorTemporalMode.FixedTemporalRange)
    properties.setFixedTemporalRange(span)
    properties.setIsActive(True)


def layers_extent(
    layers: list[QgsMapLayer], crs: QgsCoordinateReferenceSystem, margin: float = 0.08
) -> QgsRectangle:
    """The combined extent of the layers in `crs`, with a margin."""
    extent = QgsRectangle()  # null: the first extent combined in replaces it (setMinimal is deprecated)
    for layer in layers:
        if layer.extent().isEmpty():
            continue
        transform = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance())
        extent.combineExtentWith(transform.transformBoundingBox(layer.extent()))
    if extent.isEmpty():
        raise KurskTrackerError(tr("Nothing to draw: the layers are empty."))
    extent.scale(1.0 + 2 * margin)
    return extent
