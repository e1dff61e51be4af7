"""Processing algorithms through the Processing API, as models and qgis_process use them."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

from kursk_tracker.store.sample import sample_series_path


@pytest.fixture
def registry(plugin):
    return QgsApplication.processingRegistry()


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps the errors an algorithm reports, as the Processing log shows them."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, error, fatalError=False):  # noqa: N803 (Qt names)
        self.errors.append(error)
        super().reportError(error, fatalError)


def _run(registry, algorithm_id, parameters):
    algorithm = registry.createAlgorithmById(algorithm_id)
    assert algorithm is not None, algorithm_id
    feedback = RecordingFeedback()
    results, ok = algorithm.run(parameters, QgsProcessingContext(), feedback)
    return results, ok, feedback


def test_list_snapshots_writes_one_row_per_snapshot(registry, tmp_path):
    out = tmp_path / "snapshots.csv"
    _results, ok, _feedback = _run(
        registry, "kursk_tracker:listsnapshots", {"INPUT": str(sample_series_path()), "OUTPUT": str(out)}
    )
    assert ok
    table = QgsVectorLayer(str(out), "snapshots", "ogr")
    rows = list(table.getFeatures())
    assert len(rows) >= 14
    week12 = next(r for r in rows if int(r["week"]) == 12)
    assert week12["valid_at"] == "2024-10-29T21:00:00Z"


def test_list_snapshots_names_the_file_when_it_is_not_a_series(registry, tmp_path):
    bogus = tmp_path / "not_a_series.gpkg"
    bogus.write_text("this is not a GeoPackage", encoding="utf-8")
    _results, ok, feedback = _run(
        registry, "kursk_tracker:listsnapshots", {"INPUT": str(bogus), "OUTPUT": str(tmp_path / "out.csv")}
    )
    assert not ok
    assert any("not_a_series.gpkg" in e and "not a readable GeoPackage" in e for e in feedback.errors)
    assert not (tmp_path / "out.csv").exists()
