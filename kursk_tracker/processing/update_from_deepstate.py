"""Processing: fetch DeepStateMap's history into a series, only what it lacks (kursk_tracker/online/)."""

from __future__ import annotations

import datetime as dt

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ..core.errors import KurskTrackerError
from ..core.import_result import Level
from ..core.text import tr
from ..online.client import DeepStateClient
from ..online.history import EVERY
from ..online.task import snapshot_cache
from ..online.update import UpdateRequest, run_update
from ..toolbelt.compat import QgsProcessingException
from ..toolbelt.dependencies import require_shapely
from ..toolbelt.settings import OnlineSettings
from .base import KurskTrackerAlgorithm, series_store_of


def _date(text: str, name: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as error:
        raise QgsProcessingException(
            tr("{name}: {text} is not a date (YYYY-MM-DD)").format(name=name, text=text)
        ) from error


class UpdateFromDeepStateAlgorithm(KurskTrackerAlgorithm):
    ALGORITHM_ID = "updatefromdeepstate"
    GROUP = "series"

    OUTPUT = "OUTPUT"
    FROM = "FROM"
    TO = "TO"
    EVERY = "EVERY"
    AT = "AT"
    AREA_OF_INTEREST = "AREA_OF_INTEREST"
    BASE_URL = "BASE_URL"

    def displayName(self) -> str:  # noqa: N802
        return tr("Update from DeepStateMap (online)")

    def algorithm_help(self) -> str:
        return tr(
            "Fetches DeepStateMap's history (deepstatemap.live; the data is DeepStateMap's, and the "
            "series' credit says so) into a series, created or added to. For each day (or week) from "
            "FROM to TO (empty: today) it takes the last snapshot the service published at or before "
            "AT (local time in the series' time zone, default 22:00) and skips a day that has none. "
            "FROM empty: from the series' last snapshot on (update to today). Snapshots the series "
            "already has are not fetched again; answers are cached in the QGIS profile. Through QGIS's "
            "network settings (proxy, SSL, authentication), at most two requests a second, with retries "
            "when the service asks to wait. A failed date is reported with its URL and the others are "
            "imported; the series is only ever added complete snapshots."
        )

    def initAlgorithm(self, config=None) -> None:  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, tr("Series (GeoPackage or PostGIS)"), tr("GeoPackage (*.gpkg)")
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.FROM, tr("First day (YYYY-MM-DD; empty: the series' last snapshot)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.TO, tr("Last day (YYYY-MM-DD; empty: today)"), optional=True)
        )
        every = QgsProcessingParameterEnum(self.EVERY, tr("Every"), list(EVERY), defaultValue="day")
        every.setUsesStaticStrings(True)
        self.addParameter(every)
        self.addParameter(
            QgsProcessingParameterString(
                self.AT,
                tr("At or before this local time (HH:MM, the series' time zone)"),
                defaultValue="22:00",
            )
        )
        self.addParameter(
            QgsProcessingParameterExtent(self.AREA_OF_INTEREST, tr("Area of interest"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.BASE_URL, tr("Service address"), defaultValue=OnlineSettings.load().base_url
            )
        )
        self.addOutput(QgsProcessingOutputNumber("ADDED", tr("Snapshots added")))
        self.addOutput(QgsProcessingOutputNumber("FETCHED", tr("Snapshots fetched from the service")))
        self.addOutput(QgsProcessingOutputNumber("FROM_CACHE", tr("Snapshots taken from the cache")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED_DAYS", tr("Days without a snapshot")))
        self.addOutput(QgsProcessingOutputNumber("FAILED", tr("Snapshots that could not be fetched")))

    def _request(self, parameters, context, output) -> UpdateRequest:
        text = self.parameterAsString(parameters, self.AT, context).strip() or "22:00"
        try:
            at = dt.time.fromisoformat(text)
        except ValueError as error:
            raise QgsProcessingException(tr("AT: {text} is not a time (HH:MM)").format(text=text)) from error
        return UpdateRequest(
            target=output,
            start=_date(self.parameterAsString(parameters, self.FROM, context), self.FROM),
            end=_date(self.parameterAsString(parameters, self.TO, context), self.TO),
            every=self.parameterAsEnumString(parameters, self.EVERY, context) or "day",
            at=at,
            area_of_interest=self.area_of_interest(parameters, self.AREA_OF_INTEREST, context),
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        require_shapely()
        output = series_store_of(self.parameterAsFileOutput(parameters, self.OUTPUT, context))
        request = self._request(parameters, context, output)
        base_url = self.parameterAsString(parameters, self.BASE_URL, context)
        client = DeepStateClient(base_url, feedback=feedback)
        try:
            outcome = run_update(request, client, snapshot_cache(), lambda f: feedback.setProgress(100.0 * f))
        except KurskTrackerError as error:
            raise QgsProcessingException(str(error)) from error
        for issue in outcome.result.issues:
            if issue.level == Level.ERROR:
                feedback.reportError(str(issue), False)
            elif issue.level == Level.WARNING:
                feedback.pushWarning(str(issue))
            else:
                feedback.pushInfo(str(issue))
        for message in outcome.summary.skipped:
            feedback.pushWarning(message)
        feedback.pushInfo(
            tr("{n} snapshots added to {path} ({fetched} fetched, {cached} from the cache)").format(
                n=len(outcome.summary.added),
                path=output.describe(),
                fetched=outcome.fetched,
                cached=outcome.from_cache,
            )
        )
        if outcome.cancelled:
            feedback.pushWarning(tr("Cancelled; the complete snapshots fetched before are kept."))
        return {
            self.OUTPUT: output.location,
            "ADDED": len(outcome.summary.added),
            "FETCHED": outcome.fetched,
            "FROM_CACHE": outcome.from_cache,
            "SKIPPED_DAYS": len(outcome.plan.missing),
            "FAILED": len(outcome.failed),
        }
