"""Processing: remove a snapshot and its features from a series, as the Situation panel's removal does.

The change itself is `store.operations.remove_snapshot`, the panel's own
function, with the same conflict rule.
"""

from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber, QgsProcessingOutputString

from ..core.errors import KurskTrackerError
from ..core.timefmt import iso_utc
from ..toolbelt.i18n import tr
from .redate_snapshot import SnapshotChangeAlgorithm, as_processing_error


class RemoveSnapshotAlgorithm(SnapshotChangeAlgorithm):
    ALGORITHM_ID = "removesnapshot"

    def displayName(self) -> str:  # noqa: N802
        return tr("Remove a snapshot")

    def algorithm_help(self) -> str:
        return (
            tr(
                "Removes a snapshot and all its features from a series, as the Situation panel's "
                "removal does. The change is one step: on any error the series is left as it was. The "
                "outputs say what was removed: the snapshot's id, its instant and its number of features."
            )
            + "\n\n"
            + self.snapshot_help()
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_snapshot_parameters()
        self.addOutput(QgsProcessingOutputString("SERIES", tr("Series")))
        self.addOutput(QgsProcessingOutputNumber("SNAPSHOT_ID", tr("Removed snapshot id")))
        self.addOutput(
            QgsProcessingOutputString("DATETIME", tr("Removed snapshot's date and time (UTC, ISO 8601)"))
        )
        self.addOutput(QgsProcessingOutputNumber("FEATURES", tr("Features removed")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..store.operations import remove_snapshot

        target = self.target(parameters, context)

        def change(snapshot_id: int) -> None:
            remove_snapshot(target.store, snapshot_id, target.expected_version)

        snapshot = self.require_snapshot(target, change)
        try:
            # Read after the version: a later edit of its features meets the version check.
            features = target.store.feature_counts().get(snapshot.id, 0)
        except KurskTrackerError as error:
            raise as_processing_error(error) from error
        self.apply(lambda: change(snapshot.id))
        feedback.pushInfo(
            tr("{where}: snapshot {id} of {when} removed with {n} features").format(
                where=target.where, id=snapshot.id, when=iso_utc(snapshot.valid_at), n=features
            )
        )
        return {
            "SERIES": target.store.location,
            "SNAPSHOT_ID": snapshot.id,
            "DATETIME": iso_utc(snapshot.valid_at),
            "FEATURES": features,
        }
