"""Maps out of QGIS: rendered images now, print layouts and animation later."""
