"""Small shared helpers: paths, metadata, logging, settings, i18n, QGIS compat."""
