"""Interpolating the areas of two snapshots so the front moves smoothly.

Pure shapely and numpy: no QGIS, so the GUI, Processing and tests share it.
`precompute` a pair once, then ask it for a `frame` at any time in [0, 1].
"""

from .pair import MorphSettings, PairMorph, front_lines, precompute
from .patch import Key

__all__ = ["Key", "MorphSettings", "PairMorph", "front_lines", "precompute"]
