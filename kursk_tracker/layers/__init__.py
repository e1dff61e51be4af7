"""Map layers made from a series: loaded, styled, filtered (qgis.core only)."""
