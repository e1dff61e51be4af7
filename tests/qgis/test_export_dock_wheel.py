"""Scrolling the Export panel with the wheel scrolls it; it does not change the fields it passes over."""

from __future__ import annotations

from qgis.PyQt.QtCore import QPoint, QPointF, Qt
from qgis.PyQt.QtGui import QWheelEvent
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QSpinBox


def wheel_down(widget) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_the_panel_past_a_spin_box_and_changes_it_only_once_it_has_the_focus(plugin, iface):
    plugin.open_sample_series()
    dock = iface.mainWindow().findChild(QDockWidget, "KurskTrackerExportDock")
    dock.setFloating(True)
    dock.resize(320, 300)
    dock.show()
    QApplication.processEvents()
    spin = dock.animation_panel.findChild(QSpinBox)
    bar = dock.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0, "the panel is taller than the dock: it scrolls"
    value, position = spin.value(), bar.value()
    wheel_down(spin)
    assert spin.value() == value
    assert bar.value() > position
    # Clicked into (focused), the field takes the wheel as any spin box does.
    dock.activateWindow()
    QApplication.setActiveWindow(dock)
    spin.setFocus(Qt.FocusReason.MouseFocusReason)
    QApplication.processEvents()
    assert spin.hasFocus()
    wheel_down(spin)
    assert spin.value() == value - spin.singleStep()
    dock.setFloating(False)
