"""Processing: give a snapshot of a series a new instant, as the Situation panel's re-date does.

The change itself is `store.operations.redate_snapshot`, the panel's own
function: one step that fully succeeds or leaves the series as it was, with
the same conflict rule (a PostGIS snapshot changed or removed by someone
else since its version was read is not overwritten).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.errors import KurskTrackerError
from ..core.series import Snapshot
from ..core.timefmt import iso_utc, parse_utc
from ..store.backend import SeriesStore
from ..store.operations import ExpectedVersion
from ..toolbelt.compat import QgsProcessingException, number_parameter_type
from ..toolbelt.i18n import tr
from .base import KurskTrackerAlgorithm

SnapshotChange = Callable[[int], None]
"""change(snapshot id): the store's change of that snapshot."""


@dataclass
class SnapshotTarget:
    """The snapshot an algorithm changes, as read at the start of the run."""

    store: SeriesStore
    where: str
    snapshot: Snapshot | None
    """The snapshot, None where the series has none that matches."""
    wanted: str
    """The SNAPSHOT parameter as given."""
    by_id: int | None
    """The id asked for, where SNAPSHOT gave one (None where it gave an instant)."""
    expected_version: ExpectedVersion
    """The version the change is checked against (None where the store keeps no versions)."""
    snapshots: list[Snapshot]


def as_processing_error(error: KurskTrackerError) -> QgsProcessingException:
    return QgsProcessingException(str(error))


class SnapshotChangeAlgorithm(KurskTrackerAlgorithm):
    """What re-date and remove share: the series, the snapshot, the expected version."""

    GROUP = "series"

    INPUT = "INPUT"
    SNAPSHOT = "SNAPSHOT"
    EXPECTED_VERSION = "EXPECTED_VERSION"

    @staticmethod
    def snapshot_help() -> str:
        return tr(
            "SNAPSHOT is the snapshot's id (a whole number, as List snapshots of a series writes it) or its "
            "current instant in ISO 8601 (2024-10-29T21:00:00Z; without a zone, UTC). EXPECTED_VERSION (a "
            "PostGIS series only) is the snapshot version you read; where someone else changed or removed "
            "the snapshot since, nothing is written. Without it, the version read at the start of the run "
            "is checked. A GeoPackage series keeps no versions."
        )

    def add_snapshot_parameters(self) -> None:
        self.addParameter(self.series_parameter())
        self.addParameter(
            QgsProcessingParameterString(self.SNAPSHOT, tr("Snapshot (id, or its instant in ISO 8601)"))
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.EXPECTED_VERSION,
                tr("Expected snapshot version (PostGIS; empty: as read now)"),
                number_parameter_type(),
                None,
                True,
                1,
            )
        )

    def _expected_parameter(self, parameters, context) -> int | None:
        value = parameters.get(self.EXPECTED_VERSION)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return self.parameterAsInt(parameters, self.EXPECTED_VERSION, context)

    def target(self, parameters, context) -> SnapshotTarget:
        """The series and the snapshot the parameters name, checked; a QgsProcessingException otherwise."""
        store = self.series_store(parameters, context)
        where = store.describe()
        wanted = (self.parameterAsString(parameters, self.SNAPSHOT, context) or "").strip()
        by_id, instant = self._snapshot_key(wanted, where)
        expected: ExpectedVersion = self._expected_parameter(parameters, context)
        try:
            if not store.exists():
                raise QgsProcessingException(
                    tr("{where}: no series there; nothing was changed").format(where=where)
                )
            # Versions before the series: a change made between the two reads then meets a conflict.
            versions = store.snapshot_versions()
            snapshots = store.read_series().sorted_snapshots()
        except KurskTrackerError as error:
            raise as_processing_error(error) from error
        if by_id is not None:
            snapshot = next((s for s in snapshots if s.id == by_id), None)
        else:
            snapshot = next((s for s in snapshots if iso_utc(s.valid_at) == iso_utc(instant)), None)
        if expected is not None and not versions and snapshots:
            raise QgsProcessingException(
                tr(
                    "{where}: this series keeps no snapshot versions (only a PostGIS series does); leave "
                    "EXPECTED_VERSION empty"
                ).format(where=where)
            )
        if expected is None and snapshot is not None:
            expected = versions.get(snapshot.id)
        return SnapshotTarget(store, where, snapshot, wanted, by_id, expected, snapshots)

    @staticmethod
    def _snapshot_key(wanted: str, where: str):
        """(id, None) for a whole number, (None, instant) for an ISO 8601 instant."""
        if wanted.isdigit():
            return int(wanted), None
        try:
            return None, parse_utc(wanted)
        except ValueError as error:
            raise QgsProcessingException(
                tr("{where}: SNAPSHOT {text} is neither a snapshot id nor an ISO 8601 date and time").format(
                    where=where, text=wanted
                )
            ) from error

    @staticmethod
    def apply(change: Callable[[], None]) -> None:
        """Run the store's change; its refusal (missing snapshot, taken date, conflict) as the error."""
        try:
            change()
        except KurskTrackerError as error:
            raise as_processing_error(error) from error

    def require_snapshot(self, target: SnapshotTarget, change: SnapshotChange) -> Snapshot:
        """The snapshot of `target`, or the reason there is none.

        Asked for by id with a version, a snapshot that is gone goes to the
        store's own check, which says it was removed since it was read.
        """
        if target.snapshot is not None:
            return target.snapshot
        by_id = target.by_id
        if by_id is not None and target.expected_version is not None:
            self.apply(lambda: change(by_id))
        raise QgsProcessingException(
            tr(
                "{where}: no snapshot {snapshot} in the series (List snapshots of a series shows its "
                "snapshots)"
            ).format(where=target.where, snapshot=target.wanted)
        )

    @staticmethod
    def version_now(target: SnapshotTarget, snapshot_id: int) -> int:
        """The snapshot's version after the change, 0 where the store keeps none."""
        try:
            version = target.store.snapshot_versions().get(snapshot_id)
        except KurskTrackerError:
            return 0
        return version.version if version is not None else 0


class RedateSnapshotAlgorithm(SnapshotChangeAlgorithm):
    ALGORITHM_ID = "redatesnapshot"

    DATETIME = "DATETIME"

    def displayName(self) -> str:  # noqa: N802
        return tr("Re-date a snapshot")

    def algorithm_help(self) -> str:
        return (
            tr(
                "Gives a snapshot of a series a new instant, as the Situation panel's re-date does: "
                "its features move with it. DATETIME is ISO 8601 (2024-10-29T21:00:00Z; without a "
                "zone, UTC). A date another snapshot of the series already has is refused. The change "
                "is one step: on any error the series is left as it was."
            )
            + "\n\n"
            + self.snapshot_help()
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.add_snapshot_parameters()
        self.addParameter(QgsProcessingParameterString(self.DATETIME, tr("New date and time (ISO 8601)")))
        self.addOutput(QgsProcessingOutputString("SERIES", tr("Series")))
        self.addOutput(QgsProcessingOutputNumber("SNAPSHOT_ID", tr("Snapshot id")))
        self.addOutput(QgsProcessingOutputString("DATETIME", tr("New date and time (UTC, ISO 8601)")))
        self.addOutput(
            QgsProcessingOutputString("PREVIOUS_DATETIME", tr("Previous date and time (UTC, ISO 8601)"))
        )
        self.addOutput(
            QgsProcessingOutputNumber("VERSION", tr("Snapshot version now (0: the series keeps none)"))
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from ..store.operations import redate_snapshot

        text = (self.parameterAsString(parameters, self.DATETIME, context) or "").strip()
        target = self.target(parameters, context)
        try:
            instant = parse_utc(text).replace(microsecond=0)
        except ValueError as error:
            raise QgsProcessingException(
                tr("{where}: DATETIME {text} is not an ISO 8601 date and time").format(
                    where=target.where, text=text
                )
            ) from error

        def change(snapshot_id: int) -> None:
            redate_snapshot(target.store, snapshot_id, instant, target.expected_version)

        snapshot = self.require_snapshot(target, change)
        taken = next(
            (s for s in target.snapshots if s.id != snapshot.id and iso_utc(s.valid_at) == iso_utc(instant)),
            None,
        )
        if taken is not None:
            raise QgsProcessingException(
                tr("{where}: snapshot {other} already has the date {when}; nothing was changed").format(
                    where=target.where, other=taken.id, when=iso_utc(instant)
                )
            )
        self.apply(lambda: change(snapshot.id))
        feedback.pushInfo(
            tr("{where}: snapshot {id} moved from {old} to {new}").format(
                where=target.where, id=snapshot.id, old=iso_utc(snapshot.valid_at), new=iso_utc(instant)
            )
        )
        return {
            "SERIES": target.store.location,
            "SNAPSHOT_ID": snapshot.id,
            "DATETIME": iso_utc(instant),
            "PREVIOUS_DATETIME": iso_utc(snapshot.valid_at),
            "VERSION": self.version_now(target, snapshot.id),
        }
