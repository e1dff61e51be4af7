"""What every Kursk Tracker algorithm shares: its id, its group, how it is copied."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm

from ..core.text import tr


def group_names() -> dict[str, str]:
    """Group id -> name as the user reads it (looked up late, after the translator is installed)."""
    return {"series": tr("Series"), "timeline": tr("Timeline"), "export": tr("Export")}


class KurskTrackerAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set ALGORITHM_ID and GROUP and write displayName, help and the algorithm itself."""

    ALGORITHM_ID = ""
    GROUP = "series"

    def name(self) -> str:
        return self.ALGORITHM_ID

    def group(self) -> str:
        return group_names()[self.GROUP]

    def groupId(self) -> str:  # noqa: N802
        return self.GROUP

    def createInstance(self) -> KurskTrackerAlgorithm:  # noqa: N802
        return type(self)()
