"""Run by `make run` inside QGIS (qgis --code): open the sample series."""

from qgis.PyQt.QtWidgets import QApplication
from qgis.utils import iface, plugins

# Fill the screen, also where no window manager would maximise the window.
iface.mainWindow().setGeometry(QApplication.primaryScreen().availableGeometry())
plugins["kursk_tracker"].open_sample_series()
