"""Run by `make run` inside QGIS (qgis --code): open the sample series."""

from qgis.utils import plugins

plugins["kursk_tracker"].open_sample_series()
