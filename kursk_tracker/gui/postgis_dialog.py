"""Choosing a series in PostGIS: a saved QGIS connection (or a service) and a schema."""

from __future__ import annotations

from qgis.core import QgsProviderRegistry
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import KurskTrackerError
from ..store.backend import LocationError, PostgisStore, check_schema_name, postgis_location
from ..toolbelt.compat import required
from ..toolbelt.i18n import tr
from ..toolbelt.settings import PluginSettings
from .widgets import ok_cancel

OPEN, NEW, COPY = "open", "new", "copy"


def saved_connections() -> list[str]:
    """Names of the PostgreSQL connections saved in QGIS."""
    metadata = required(QgsProviderRegistry.instance(), "provider registry").providerMetadata("postgres")
    return sorted(metadata.connections(False)) if metadata is not None else []


class PostgisSeriesDialog(QDialog):
    """Open an existing PostGIS series (mode OPEN), or name a new one (NEW, COPY)."""

    def __init__(self, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.setObjectName("KurskTrackerPostgisDialog")
        self.setWindowTitle(
            {
                OPEN: tr("Open PostGIS series"),
                NEW: tr("New series in PostGIS"),
                COPY: tr("Copy series to PostGIS"),
            }[mode]
        )
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            {
                OPEN: tr(
                    "A series shared in a PostgreSQL/PostGIS database. The connection is one saved in "
                    "QGIS (Browser, PostgreSQL, New Connection) or service=NAME from a PostgreSQL service "
                    "file; passwords stay there."
                ),
                NEW: tr(
                    "A new, empty series in its own schema of a PostGIS database; import into it "
                    "afterwards. Everyone with access to the schema can work on it."
                ),
                COPY: tr(
                    "Copies the open series, every snapshot and feature, into a new schema of a PostGIS "
                    "database, so a team can share it."
                ),
            }[mode],
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.connection = QComboBox(self)
        self.connection.setObjectName("postgisConnection")
        self.connection.setEditable(True)
        self.connection.addItems(saved_connections())
        self.connection.setToolTip(tr("A saved QGIS connection, or service=NAME"))
        settings = PluginSettings.load()
        if settings.last_postgis_connection:
            self.connection.setCurrentText(settings.last_postgis_connection)
        form.addRow(tr("Connection"), self.connection)
        self.schema = QComboBox(self)
        self.schema.setObjectName("postgisSchema")
        self.schema.setEditable(mode != OPEN)
        if mode != OPEN:
            self.schema.setToolTip(tr("Lower-case letters, digits and underscores, such as kursk_2024"))
        form.addRow(tr("Schema"), self.schema)
        layout.addLayout(form)
        self.list_button = QPushButton(tr("List series"), self)
        self.list_button.setObjectName("postgisListButton")
        self.list_button.clicked.connect(self.list_series)
        layout.addWidget(self.list_button)
        self.message = QLabel(self)
        self.message.setObjectName("postgisMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(ok_cancel(self))
        self.connection.currentTextChanged.connect(lambda _text: self.schema.clear())
        if mode == OPEN and self.connection.currentText():
            self.list_series()

    def database_words(self) -> dict[str, str]:
        text = self.connection.currentText().strip()
        if text.lower().startswith("service="):
            return {"service": text.split("=", 1)[1].strip()}
        return {"connection": text}

    def list_series(self) -> list[str]:
        """Fill the schema list with the series the connection holds; a problem shows in the dialog."""
        self.message.clear()
        if not self.connection.currentText().strip():
            self.message.setText(tr("Choose a connection first."))
            return []
        try:
            schemas = PostgisStore("", self.database_words()).series_schemas()
        except KurskTrackerError as error:
            self.message.setText(str(error))
            return []
        current = self.schema.currentText()
        self.schema.clear()
        self.schema.addItems(schemas)
        if current:
            self.schema.setCurrentText(current)
        if self.mode == OPEN:
            self.message.setText(
                tr("{n} series in this database.").format(n=len(schemas))
                if schemas
                else tr("No Kursk Tracker series in this database yet.")
            )
        elif schemas:
            self.message.setText(tr("Taken already: {names}").format(names=", ".join(schemas)))
        return schemas

    def location(self) -> str:
        """The chosen series' location; LocationError when the choice is incomplete or unusable."""
        schema = self.schema.currentText().strip()
        if not self.connection.currentText().strip():
            raise LocationError(tr("Choose a connection."))
        if not schema:
            raise LocationError(tr("Choose a schema."))
        if self.mode != OPEN:
            check_schema_name(schema)
        return postgis_location(schema, **self.database_words())

    def accept(self) -> None:
        try:
            self.location()
        except LocationError as error:
            self.message.setText(str(error))
            return
        settings = PluginSettings.load()
        settings.last_postgis_connection = self.connection.currentText().strip()
        settings.last_postgis_schema = self.schema.currentText().strip()
        settings.save()
        super().accept()
