"""The few switches between QGIS 3.22 and newer QGIS (3.34/3.40, 4).

The type stubs (qgis-stubs 0.5.0) describe a newer QGIS: the fallbacks'
3.22 names and QVariant field types are not in them, hence the
`type: ignore` on those lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from qgis.core import Qgis, QgsWkbTypes

T = TypeVar("T")

if TYPE_CHECKING:

    class QgsProcessingException(Exception):  # noqa: N818 - QGIS's name
        """What the type checker sees: qgis-stubs 0.5.0 leave QgsProcessingException out of qgis.core."""
else:
    from qgis.core import QgsProcessingException  # noqa: F401 - re-exported for the algorithms

QGIS_VERSION_INT: int = Qgis.versionInt()


def required(value: T | None, what: str) -> T:
    """`value`, which the stubs allow to be None where a running QGIS always gives one
    (a project's layout manager, the task manager); RuntimeError naming `what` otherwise."""
    if value is None:
        raise RuntimeError(f"QGIS gave no {what}")
    return value


def polygon_geometry_type():
    """Polygon geometry type: Qgis.GeometryType from 3.30, QgsWkbTypes before."""
    if hasattr(Qgis, "GeometryType"):
        return Qgis.GeometryType.Polygon
    return QgsWkbTypes.PolygonGeometry


def make_field(name: str, kind: str):
    """A QgsField of kind "string", "integer", "real" or "datetime".

    QGIS 3.38 moved QgsField to QMetaType; QVariant types are gone in Qt 6.
    """
    from qgis.core import QgsField

    if QGIS_VERSION_INT >= 33800:
        from qgis.PyQt.QtCore import QMetaType

        meta_types = {
            "string": QMetaType.Type.QString,
            "integer": QMetaType.Type.Int,
            "real": QMetaType.Type.Double,
            "datetime": QMetaType.Type.QDateTime,
        }
        return QgsField(name, meta_types[kind])
    else:  # the Qt 6 check skips only a version switch's old branch
        from qgis.PyQt.QtCore import QVariant

        variant_types = {
            "string": QVariant.String,
            "integer": QVariant.Int,
            "real": QVariant.Double,
            "datetime": QVariant.DateTime,
        }
        return QgsField(name, variant_types[kind])  # type: ignore[call-overload]


def expression_property_type():
    """QgsProperty's 'expression based' type (Qgis.PropertyType from 3.36)."""
    if hasattr(Qgis, "PropertyType"):
        return Qgis.PropertyType.Expression
    from qgis.core import QgsProperty

    return QgsProperty.ExpressionBasedProperty


def vector_source_type():
    """Processing's 'any vector' source type (Qgis.ProcessingSourceType from 3.36)."""
    if hasattr(Qgis, "ProcessingSourceType"):
        return Qgis.ProcessingSourceType.Vector
    from qgis.core import QgsProcessing

    return QgsProcessing.SourceType.TypeVector  # type: ignore[attr-defined]


def temporal_navigation_modes():
    """(off, animated) modes of the Temporal Controller (Qgis.TemporalNavigationMode from 3.36)."""
    if hasattr(Qgis, "TemporalNavigationMode"):
        return Qgis.TemporalNavigationMode.Disabled, Qgis.TemporalNavigationMode.Animated
    from qgis.core import QgsTemporalNavigationObject

    modes = QgsTemporalNavigationObject.NavigationMode
    return modes.NavigationOff, modes.Animated  # type: ignore[attr-defined]


def wkb_type(name: str):
    """A WKB type by name: "NoGeometry", "MultiPolygon", … (Qgis.WkbType from 3.30)."""
    if hasattr(Qgis, "WkbType"):
        return getattr(Qgis.WkbType, name)
    return getattr(QgsWkbTypes.Type, name)


def make_fields(spec):
    """QgsFields from (name, kind) pairs; kinds as `make_field` takes them."""
    from qgis.core import QgsFields

    fields = QgsFields()
    for name, kind in spec:
        fields.append(make_field(name, kind))
    return fields


def number_parameter_type(kind: str = "integer"):
    """Integer or double Processing number parameters (Qgis.ProcessingNumberParameterType from 3.36)."""
    if hasattr(Qgis, "ProcessingNumberParameterType"):
        types = Qgis.ProcessingNumberParameterType
    else:
        from qgis.core import QgsProcessingParameterNumber

        types = QgsProcessingParameterNumber.Type
    return types.Double if kind == "real" else types.Integer


def advanced_parameter_flag():
    """Shown under "Advanced parameters" (Qgis.ProcessingParameterFlag from 3.36)."""
    if hasattr(Qgis, "ProcessingParameterFlag"):
        return Qgis.ProcessingParameterFlag.Advanced
    from qgis.core import QgsProcessingParameterDefinition

    return QgsProcessingParameterDefinition.Flag.FlagAdvanced  # type: ignore[attr-defined]


def no_threading_flag():
    """Algorithms that must run in the main thread, as layouts do (Qgis.ProcessingAlgorithmFlag from 3.36)."""
    if hasattr(Qgis, "ProcessingAlgorithmFlag"):
        return Qgis.ProcessingAlgorithmFlag.NoThreading
    from qgis.core import QgsProcessingAlgorithm

    return QgsProcessingAlgorithm.FlagNoThreading


def file_source_type():
    """Processing's 'file' source type (Qgis.ProcessingSourceType from 3.36)."""
    if hasattr(Qgis, "ProcessingSourceType"):
        return Qgis.ProcessingSourceType.File
    from qgis.core import QgsProcessing

    return QgsProcessing.SourceType.TypeFile  # type: ignore[attr-defined]


def scale_bar_fixed_segments():
    """Scale bar segments of a fixed length (Qgis.ScaleBarSegmentSizeMode from 3.28)."""
    if hasattr(Qgis, "ScaleBarSegmentSizeMode"):
        return Qgis.ScaleBarSegmentSizeMode.Fixed
    from qgis.core import QgsScaleBarSettings

    return QgsScaleBarSettings.SegmentSizeMode.SegmentSizeFixed  # type: ignore[attr-defined]


def always_text_format():
    """Text as text, so a PDF's title can be selected and searched (Qgis.TextRenderFormat from 3.28)."""
    if hasattr(Qgis, "TextRenderFormat"):
        return Qgis.TextRenderFormat.AlwaysText
    from qgis.core import QgsRenderContext

    return QgsRenderContext.TextRenderFormat.TextFormatAlwaysText  # type: ignore[attr-defined]


def layout_millimetres():
    """Layout millimetres (Qgis.LayoutUnit from 3.30)."""
    if hasattr(Qgis, "LayoutUnit"):
        return Qgis.LayoutUnit.Millimeters
    from qgis.core import QgsUnitTypes

    return QgsUnitTypes.LayoutUnit.LayoutMillimeters  # type: ignore[attr-defined]


def legend_component(name: str):
    """A legend component by name: "Subgroup", "Hidden", … (Qgis.LegendComponent after 3.40)."""
    if hasattr(Qgis, "LegendComponent"):
        return getattr(Qgis.LegendComponent, name)
    from qgis.core import QgsLegendStyle

    return getattr(QgsLegendStyle.Style, name)


def temporal_fixed_range_mode():
    """The Temporal Controller's fixed-range mode (Qgis.TemporalNavigationMode from 3.36)."""
    if hasattr(Qgis, "TemporalNavigationMode"):
        return Qgis.TemporalNavigationMode.FixedRange
    from qgis.core import QgsTemporalNavigationObject

    return QgsTemporalNavigationObject.NavigationMode.FixedRange


def temporal_unit(name: str):
    """A time unit by name: "Hours", "Days", … (Qgis.TemporalUnit from 3.30, QgsUnitTypes before)."""
    if hasattr(Qgis, "TemporalUnit"):
        return getattr(Qgis.TemporalUnit, name)
    from qgis.core import QgsUnitTypes

    return getattr(QgsUnitTypes.TemporalUnit, "Temporal" + name)


def label_font(item):
    """A layout label's font: textFormat() from QGIS 3.24 (font() is deprecated there), font() before."""
    text_format = getattr(item, "textFormat", None)
    if text_format is not None:
        return text_format().toQFont()
    return item.font()
