"""The domain: series, snapshots, time. No qgis.gui, mostly no QGIS at all."""
