"""Map labels of annotations and movements in the layer's language (@kt_language), in QGIS.

The sample series carries German and English; a series stored before the
language columns labels with its own texts. Labels are checked both as the
label expression evaluates on the layer's features and as QGIS places them
in a rendered map.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing

import pytest
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
)
from qgis.PyQt.QtCore import QSize

from kursk_tracker.layers.series_layers import load_series_layers, remove_series_groups
from kursk_tracker.store.sample import sample_series_path
from kursk_tracker.store.schema import LANGUAGE_COLUMNS

from .conftest import flush_deletes

WEEK_12 = 13  # snapshot id of week 12 in the sample


@pytest.fixture
def project(qgis_app):
    project = QgsProject()
    yield project
    remove_series_groups(project)
    project.clear()
    flush_deletes()


def _sample_copy(tmp_path):
    path = tmp_path / "sample.gpkg"
    shutil.copyfile(sample_series_path(), path)
    return path


def _labels(layer) -> list[str]:
    """The label text of every feature of `layer`, as its labeling's expression gives it."""
    settings = layer.labeling().settings()
    expression = QgsExpression(
        settings.getLabelExpression().expression()
        if settings.isExpression
        else QgsExpression.quotedColumnRef(settings.fieldName)
    )
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    expression.prepare(context)
    texts = []
    for feature in layer.getFeatures():
        context.setFeature(feature)
        value = expression.evaluate(context)
        assert not expression.hasEvalError(), expression.evalErrorString()
        texts.append(value)
    return sorted(texts)


def _set_language(loaded, language: str) -> None:
    for layer in loaded.layers.values():
        QgsExpressionContextUtils.setLayerVariable(layer, "kt_language", language)


def _placed_labels(project, layer) -> list[str]:
    """The labels QGIS places for `layer` when it renders it alone."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(layer.extent().buffered(0.2))
    settings.setOutputSize(QSize(1200, 900))
    settings.setTransformContext(project.transformContext())
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    results = job.takeLabelingResults()
    assert results is not None
    return sorted(p.labelText for p in results.labelsWithinRect(settings.visibleExtent()))


def test_annotation_labels_are_german_in_a_german_map_and_english_in_an_english_one(project, tmp_path):
    loaded = load_series_layers(_sample_copy(tmp_path), project, "de", with_context=False)
    annotations = loaded.layers["annotations"]
    assert annotations.featureCount() > 0
    german = _labels(annotations)
    assert "Kessel" in german and "Pocket" not in german

    _set_language(loaded, "en")
    assert "Pocket" in _labels(annotations) and "Kessel" not in _labels(annotations)

    loaded.show_snapshot(None)  # every week
    _set_language(loaded, "de")
    every = _labels(annotations)
    assert {"Russischer Keil", "Beginn des Vorstoßes", "Kessel"} <= set(every)


def test_movement_labels_follow_the_language(project, tmp_path):
    loaded = load_series_layers(_sample_copy(tmp_path), project, "de_DE", with_context=False)
    movements = loaded.layers["movements"]
    assert movements.featureCount() > 0
    assert _labels(movements) == ["Angriff auf den Kessel", "Angriff bei Russkoje Poretschnoje"]  # week 14
    _set_language(loaded, "en")
    assert _labels(movements) == ["Attack near Russkoye Porechnoye", "Attack on the pocket"]


def test_the_rendered_map_places_the_labels_of_its_language(project, tmp_path):
    loaded = load_series_layers(_sample_copy(tmp_path), project, "de", with_context=False)
    annotations = loaded.layers["annotations"]
    assert _placed_labels(project, annotations) == ["Kessel"]
    _set_language(loaded, "en")
    assert _placed_labels(project, annotations) == ["Pocket"]


def test_a_series_stored_before_the_language_columns_labels_with_its_own_texts(project, tmp_path):
    path = _sample_copy(tmp_path)
    with closing(sqlite3.connect(path)) as db:
        for table, columns in LANGUAGE_COLUMNS.items():
            for column in columns:
                db.execute(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
        db.commit()
    loaded = load_series_layers(path, project, "de", with_context=False)
    annotations, movements = loaded.layers["annotations"], loaded.layers["movements"]
    assert annotations.fields().indexOf("text_de") < 0
    assert _labels(annotations) == ["Pocket"]
    assert _labels(movements) == ["Attack near Russkoye Porechnoye", "Attack on the pocket"]
    assert _placed_labels(project, annotations) == ["Pocket"]


def test_the_scene_gives_titles_captions_and_credit_in_its_language(project, tmp_path):
    from kursk_tracker.layers.scene import SeriesScene

    scene = SeriesScene.open(_sample_copy(tmp_path), project, "de", with_context=False)
    try:
        week12 = next(s for s in scene.snapshots() if s.id == WEEK_12)
        assert scene.title_of(week12) == "12. Woche: Entsatzangriff abgewehrt"
        assert "Ljubimowka" in scene.caption_of(week12)
        assert scene.credit() == "Kursk Tracker, Beispieldaten (illustrativ)"
        assert scene.title_of(week12, "en") == "Week 12: relief attack repelled"
        assert scene.credit("en_GB") == "Kursk Tracker sample data (illustrative)"
    finally:
        scene.remove()
