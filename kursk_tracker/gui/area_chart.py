"""A small chart of held area per side over the series, with the shown instant marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from qgis.PyQt.QtCore import QLocale, QPointF, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from qgis.PyQt.QtWidgets import QSizePolicy, QWidget

from ..core.wording import format_number, language_of
from ..toolbelt.i18n import current_language, tr


def interface_language() -> str:
    """QGIS's language; with Qt alone (no QGIS, as the Qt 6 check draws the chart), Qt's locale's."""
    try:
        return current_language()
    except ImportError:
        return language_of(QLocale().name())


class AreaChart(QWidget):
    """Lines of km² per side against time; drawn with QPainter, so it needs no plotting library."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("areaChart")
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.lines: dict[str, list[tuple[dt.datetime, float]]] = {}
        self.colours: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.instant: dt.datetime | None = None
        self.current: dict[str, float] = {}
        self.day_text: Callable[[dt.datetime], str] = lambda when: when.strftime("%Y-%m-%d")
        # Until told otherwise, km² as QGIS's language writes them ("1.144" in German), not the C locale.
        language = interface_language()
        self.number_text: Callable[[float], str] = lambda value: format_number(value, language, 0)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(400, 150)

    def set_data(
        self,
        lines: dict[str, list[tuple[dt.datetime, float]]],
        colours: dict[str, str],
        names: dict[str, str],
    ) -> None:
        self.lines, self.colours, self.names = lines, colours, names
        self.update()

    def set_format(self, day_text: Callable[[dt.datetime], str], number_text: Callable[[float], str]) -> None:
        """How the axis writes dates (in the series' zone and language) and km²."""
        self.day_text, self.number_text = day_text, number_text
        self.update()

    def set_instant(self, instant: dt.datetime | None, current: dict[str, float]) -> None:
        self.instant, self.current = instant, current
        self.update()

    def _bounds(self):
        times = [t for points in self.lines.values() for t, _v in points]
        values = [v for points in self.lines.values() for _t, v in points] + list(self.current.values())
        if not times:
            return None
        top = max(values) if values else 1.0
        return min(times), max(times), 0.0, top * 1.1 or 1.0

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        bounds = self._bounds()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        if bounds is None:
            painter.setPen(QColor("#777777"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("No areas to chart"))
            painter.end()
            return
        start, end, low, high = bounds
        plot = QRectF(48, 10, max(10, self.width() - 58), max(10, self.height() - 34))
        span = max(1.0, (end - start).total_seconds())

        def x_of(when: dt.datetime) -> float:
            return plot.left() + plot.width() * (when - start).total_seconds() / span

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * (value - low) / (high - low)

        painter.setPen(QPen(QColor("#dddddd"), 1))
        for step in range(5):
            value = low + (high - low) * step / 4
            y = y_of(value)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#555555"))
            right_middle = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            # PyQt5-stubs type Qt flags as int; PyQt6 takes the flag.
            painter.drawText(
                QRectF(0, y - 8, 44, 16),
                right_middle,  # type: ignore[call-overload]
                self.number_text(value),
            )
            painter.setPen(QPen(QColor("#dddddd"), 1))
        painter.setPen(QColor("#555555"))
        metrics = painter.fontMetrics()
        first, last = self.axis_dates(metrics, plot.width())
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 4, plot.width() / 2, 16), Qt.AlignmentFlag.AlignLeft, first
        )
        painter.drawText(
            QRectF(plot.center().x(), plot.bottom() + 4, plot.width() / 2, 16),
            Qt.AlignmentFlag.AlignRight,
            last,
        )
        title = tr("km² held")
        painter.drawText(QRectF(plot.left() + 4, plot.top(), 200, 16), Qt.AlignmentFlag.AlignLeft, title)
        legend_y = plot.top() + (16 if self.legend_below_title(metrics, plot.width()) else 0)
        legend_x = plot.right()
        for code, points in self.lines.items():
            colour = QColor(self.colours.get(code, "#808080"))
            path = QPainterPath()
            for index, (when, value) in enumerate(points):
                point = QPointF(x_of(when), y_of(value))
                if index == 0:
                    path.moveTo(point)
                else:
                    path.lineTo(point)
            painter.setPen(QPen(colour, 2))
            painter.drawPath(path)
            name = self.names.get(code, code)
            width = metrics.horizontalAdvance(name) + 22
            legend_x -= width
            painter.drawLine(QPointF(legend_x, legend_y + 8), QPointF(legend_x + 14, legend_y + 8))
            painter.setPen(QColor("#333333"))
            painter.drawText(QPointF(legend_x + 17, legend_y + 12), name)
        if self.instant is not None and start <= self.instant <= end:
            x = x_of(self.instant)
            painter.setPen(QPen(QColor("#333333"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            for code, value in self.current.items():
                painter.setPen(QPen(QColor("#ffffff"), 1))
                painter.setBrush(QColor(self.colours.get(code, "#808080")))
                painter.drawEllipse(QPointF(x, y_of(value)), 4, 4)
        painter.end()

    def axis_dates(self, metrics, width: float) -> tuple[str, str]:
        """The first and last day under the axis, shortened in a narrow chart rather than run together."""
        start, end = self._bounds()[:2]
        half = max(0, int(width / 2) - 4)
        return (
            metrics.elidedText(self.day_text(start), Qt.TextElideMode.ElideRight, half),
            metrics.elidedText(self.day_text(end), Qt.TextElideMode.ElideRight, half),
        )

    def legend_below_title(self, metrics, width: float) -> bool:
        """True where the sides' legend does not fit beside the title and goes on the line below it."""
        legend = sum(metrics.horizontalAdvance(self.names.get(code, code)) + 22 for code in self.lines)
        return metrics.horizontalAdvance(tr("km² held")) + 12 + legend > width

    def save_png(self, path: str, scale: float = 2.0) -> bool:
        """The chart as a PNG at `scale` times its size on screen."""
        from qgis.PyQt.QtGui import QImage

        size = self.size() * scale
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.scale(scale, scale)
        self.render(painter)
        painter.end()
        return image.save(path, "PNG")
