"""The Kursk Tracker Processing provider."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..__about__ import PLUGIN_ID, __version__
from ..toolbelt.i18n import tr
from ..toolbelt.paths import icon_path
from .change_between import ChangeBetweenAlgorithm
from .copy_series import CopySeriesAlgorithm
from .export_animation import ExportAnimationAlgorithm
from .export_lagebild import ExportLagebildAlgorithm
from .export_web import ExportWebAlgorithm
from .front_at_date import FrontAtDateAlgorithm
from .import_series import ImportSeriesAlgorithm
from .list_snapshots import ListSnapshotsAlgorithm
from .new_series import NewSeriesAlgorithm
from .redate_snapshot import RedateSnapshotAlgorithm
from .remove_snapshot import RemoveSnapshotAlgorithm
from .series_statistics import SeriesStatisticsAlgorithm
from .update_from_deepstate import UpdateFromDeepStateAlgorithm


class KurskTrackerProvider(QgsProcessingProvider):
    def id(self) -> str:
        return PLUGIN_ID

    def name(self) -> str:
        return tr("Kursk Tracker")

    def longName(self) -> str:  # noqa: N802
        return tr("Kursk Tracker {version}").format(version=__version__)

    def icon(self) -> QIcon:
        return QIcon(icon_path("kursk_tracker.svg"))

    def versionInfo(self) -> str:  # noqa: N802
        return __version__

    def loadAlgorithms(self) -> None:  # noqa: N802
        for algorithm in (
            ImportSeriesAlgorithm(),
            ListSnapshotsAlgorithm(),
            SeriesStatisticsAlgorithm(),
            FrontAtDateAlgorithm(),
            ChangeBetweenAlgorithm(),
            ExportLagebildAlgorithm(),
            ExportAnimationAlgorithm(),
            ExportWebAlgorithm(),
            CopySeriesAlgorithm(),
            RedateSnapshotAlgorithm(),
            RemoveSnapshotAlgorithm(),
            NewSeriesAlgorithm(),
            UpdateFromDeepStateAlgorithm(),
        ):
            self.addAlgorithm(algorithm)
