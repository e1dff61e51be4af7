<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS><TS version="2.1" language="de_DE">
<context>
    <name>@default</name>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="31" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="43" />
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="48" />
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="50" />
        <source>Export map as PNG…</source>
        <translation>Karte als PNG exportieren …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="68" />
        <source>Export map as PNG</source>
        <translation>Karte als PNG exportieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="68" />
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="91" />
        <source>Written: {path}</source>
        <translation>Geschrieben: {path}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="49" />
        <source>Situation layers</source>
        <translation>Lageebenen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="74" />
        <source>Open series…</source>
        <translation>Serie öffnen …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="75" />
        <source>Open sample series</source>
        <translation>Beispielserie öffnen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="138" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="138" />
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="138" />
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="138" />
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="132" />
        <source>No series open. Open a series GeoPackage or the sample series.</source>
        <translation>Keine Serie geöffnet. Öffnen Sie ein Serien-GeoPackage oder die Beispielserie.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="142" />
        <source>{n} snapshots</source>
        <translation>{n} Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="145" />
        <source>Illustrative data, not ground truth.</source>
        <translation>Illustrative Daten, keine gesicherte Lage.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="26" />
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="42" />
        <source>Previous snapshot</source>
        <translation>Vorheriger Lagestand</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="52" />
        <source>Next snapshot</source>
        <translation>Nächster Lagestand</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="77" />
        <source>No series open</source>
        <translation>Keine Serie geöffnet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="81" />
        <source>week {n}</source>
        <translation>{n}. Woche</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="224" />
        <source>{name} (illustrative)</source>
        <translation>{name} (illustrativ)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="258" />
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="261" />
        <source>Countries</source>
        <translation>Staaten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="261" />
        <source>Regions</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="273" />
        <source>Areas held</source>
        <translation>Gehaltene Gebiete</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="274" />
        <source>Front lines</source>
        <translation>Frontlinien</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="275" />
        <source>Movements</source>
        <translation>Bewegungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="276" />
        <source>Annotations</source>
        <translation>Anmerkungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="277" />
        <source>Places</source>
        <translation>Orte</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/provider.py" line="21" />
        <source>Kursk Tracker</source>
        <translation>Kursk Tracker</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="160" />
        <source>Open series</source>
        <translation>Serie öffnen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="160" />
        <source>Series GeoPackage (*.gpkg)</source>
        <translation>Serien-GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="180" />
        <source>Opened series {path}</source>
        <translation>Serie geöffnet: {path}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="30" />
        <source>List snapshots of a series</source>
        <translation>Lagestände einer Serie auflisten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/series_statistics.py" line="34" />
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="39" />
        <source>Lists the snapshots of a series GeoPackage: the instant (UTC, ISO 8601), the date as the locale writes it, the week number from the series epoch, title and source.</source>
        <translation>Listet die Lagestände eines Serien-GeoPackages auf: den Zeitpunkt (UTC, ISO 8601), das Datum in der Schreibweise der Sprache, die Wochennummer ab dem Beginn der Serie, Titel und Quelle.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/series_statistics.py" line="50" />
        <source>Series GeoPackage</source>
        <translation>Serien-GeoPackage</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="52" />
        <source>Snapshots</source>
        <translation>Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/provider.py" line="24" />
        <source>Kursk Tracker {version}</source>
        <translation>Kursk Tracker {version}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="62" />
        <source>Controlled</source>
        <translation>Kontrolliert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="63" />
        <source>Contested</source>
        <translation>Umkämpft</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="64" />
        <source>Claimed</source>
        <translation>Beansprucht</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="65" />
        <source>Pocket</source>
        <translation>Kessel</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="66" />
        <source>Unknown</source>
        <translation>Unklar</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="67" />
        <source>Attack</source>
        <translation>Angriff</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="68" />
        <source>Counterattack</source>
        <translation>Gegenangriff</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="69" />
        <source>Relief attack</source>
        <translation>Entlastungsangriff</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="70" />
        <source>Withdrawal</source>
        <translation>Rückzug</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="135" />
        <source>Other sides</source>
        <translation>Andere Seiten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="34" />
        <source>Detect from the files</source>
        <translation>Aus den Dateien erkennen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="35" />
        <source>Folder of dated files</source>
        <translation>Ordner mit datierten Dateien</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="36" />
        <source>Google My Maps KML/KMZ</source>
        <translation>Google My Maps KML/KMZ</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="37" />
        <source>DeepStateMap snapshots</source>
        <translation>DeepStateMap-Stände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="38" />
        <source>ISW layers</source>
        <translation>ISW-Ebenen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="76" />
        <source>file or folder not found</source>
        <translation>Datei oder Ordner nicht gefunden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/series_gpkg.py" line="69" />
        <source>the series has no snapshots</source>
        <translation>die Serie hat keine Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/series_file.py" line="101" />
        <source>{origin}: the series already has a snapshot at {when}; not imported</source>
        <translation>{origin}: die Serie hat bereits einen Lagestand am {when}; nicht importiert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/series_file.py" line="152" />
        <source>{path}: the new date has no time zone</source>
        <translation>{path}: das neue Datum hat keine Zeitzone</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/series_file.py" line="156" />
        <source>{path}: another snapshot already has that date</source>
        <translation>{path}: ein anderer Lagestand hat bereits dieses Datum</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/series_file.py" line="171" />
        <source>{path}: no snapshot {id}</source>
        <translation>{path}: kein Lagestand {id}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="42" />
        <source>Import into a series</source>
        <translation>In eine Serie importieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="51" />
        <source>Imports dated situation files into a series GeoPackage: a folder of files one per date (GeoJSON, KML, KMZ, GeoPackage, Shapefile), Google My Maps KML/KMZ, DeepStateMap history snapshots, ISW layers or another series. The date comes from the file name, a field or the layer metadata. Everything is transformed to WGS84, clipped to the area of interest, repaired where invalid, and areas of one side are dissolved. An existing series keeps all its snapshots: new dates are added, dates it already has are reported and skipped. Problems are reported per file.</source>
        <translation>Importiert datierte Lagedateien in ein Serien-GeoPackage: einen Ordner mit einer Datei je Datum (GeoJSON, KML, KMZ, GeoPackage, Shapefile), Google-My-Maps-KML/KMZ, DeepStateMap-Verlaufsstände, ISW-Ebenen oder eine andere Serie. Das Datum kommt aus dem Dateinamen, einem Feld oder den Metadaten der Ebene. Alles wird nach WGS84 transformiert, auf das Interessengebiet zugeschnitten, wo ungültig repariert, und die Gebiete einer Seite werden vereinigt. Eine bestehende Serie behält alle ihre Lagestände: neue Daten kommen hinzu, bereits vorhandene Daten werden gemeldet und übersprungen. Probleme werden je Datei gemeldet.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="65" />
        <source>Files or folders</source>
        <translation>Dateien oder Ordner</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="68" />
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="70" />
        <source>Area of interest</source>
        <translation>Interessengebiet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="72" />
        <source>Series name (for a new series)</source>
        <translation>Name der Serie (für eine neue Serie)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="74" />
        <source>Operation start, week 0 (YYYY-MM-DD; for a new series)</source>
        <translation>Beginn der Operation, Woche 0 (JJJJ-MM-TT; für eine neue Serie)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="76" />
        <source>Display time zone</source>
        <translation>Zeitzone der Anzeige</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="78" />
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="80" />
        <source>Snapshots added</source>
        <translation>Hinzugefügte Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="81" />
        <source>Snapshots skipped</source>
        <translation>Übersprungene Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="82" />
        <source>Files with errors</source>
        <translation>Dateien mit Fehlern</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="90" />
        <source>{path}: the series must be a .gpkg file</source>
        <translation>{path}: die Serie muss eine .gpkg-Datei sein</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="112" />
        <source>Import cancelled; the series is unchanged.</source>
        <translation>Import abgebrochen; die Serie ist unverändert.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="114" />
        <source>Nothing could be imported; no series was written.</source>
        <translation>Nichts konnte importiert werden; keine Serie wurde geschrieben.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="115" />
        <source>{n} snapshots added to {path}</source>
        <translation>{n} Lagestände zu {path} hinzugefügt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="136" />
        <source>The operation start {text} is not a date (YYYY-MM-DD)</source>
        <translation>Der Beginn der Operation {text} ist kein Datum (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/series_statistics.py" line="31" />
        <source>Series statistics (held area)</source>
        <translation>Serienstatistik (gehaltene Fläche)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/series_statistics.py" line="40" />
        <source>Held area per snapshot, side and status in km² on the WGS84 ellipsoid, with the net change since the previous snapshot. One row per snapshot, side and status; a status that disappears gets a row with area 0 and its loss.</source>
        <translation>Gehaltene Fläche je Lagestand, Seite und Status in km² auf dem WGS84-Ellipsoid, mit der Nettoänderung seit dem vorherigen Lagestand. Eine Zeile je Lagestand, Seite und Status; ein verschwindender Status erhält eine Zeile mit Fläche 0 und seinem Verlust.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/series_statistics.py" line="51" />
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/compat.py" line="76" />
        <source>Kursk Tracker needs the Python package shapely 2 for importing and measuring series; it is not installed. Install it for QGIS's Python: python3 -m pip install --user 'shapely==2.0.7'</source>
        <translation>Kursk Tracker braucht das Python-Paket shapely 2, um Serien zu importieren und zu vermessen; es ist nicht installiert. Installieren Sie es für das Python von QGIS: python3 -m pip install --user 'shapely==2.0.7'</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/compat.py" line="81" />
        <source>Kursk Tracker needs shapely 2 for importing and measuring series; QGIS's Python has shapely {version}. Install a newer one: python3 -m pip install --user 'shapely==2.0.7'</source>
        <translation>Kursk Tracker braucht shapely 2, um Serien zu importieren und zu vermessen; das Python von QGIS hat shapely {version}. Installieren Sie ein neueres: python3 -m pip install --user 'shapely==2.0.7'</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/compat.py" line="90" />
        <source>shapely {version} does not work with this QGIS's GEOS library ({error}). Install shapely 2.0: python3 -m pip install --user 'shapely==2.0.7'</source>
        <translation>shapely {version} arbeitet nicht mit der GEOS-Bibliothek dieses QGIS ({error}). Installieren Sie shapely 2.0: python3 -m pip install --user 'shapely==2.0.7'</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="50" />
        <source>Import into the series</source>
        <translation>In die Serie importieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="64" />
        <source>Files or a folder; several separated by ;</source>
        <translation>Dateien oder ein Ordner; mehrere durch ; getrennt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="65" />
        <source>Files…</source>
        <translation>Dateien …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="67" />
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="72" />
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="73" />
        <source>Clip to the map's current extent</source>
        <translation>Auf den aktuellen Kartenausschnitt zuschneiden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="78" />
        <source>Side of each source value (a colour such as #01579b, a folder or field value); remembered for the next import:</source>
        <translation>Seite je Quellwert (eine Farbe wie #01579b, ein Ordner- oder Feldwert); wird für den nächsten Import gemerkt:</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="81" />
        <source>Source value</source>
        <translation>Quellwert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="81" />
        <source>Side code</source>
        <translation>Seitenkürzel</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="86" />
        <source>Add a mapping</source>
        <translation>Zuordnung hinzufügen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="103" />
        <source>Files to import</source>
        <translation>Zu importierende Dateien</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="103" />
        <source>Situation files (*.geojson *.json *.kml *.kmz *.gpkg *.shp);;All files (*)</source>
        <translation>Lagedateien (*.geojson *.json *.kml *.kmz *.gpkg *.shp);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="110" />
        <source>Folder to import</source>
        <translation>Zu importierender Ordner</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="275" />
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="90" />
        <source>Re-date…</source>
        <translation>Umdatieren …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="93" />
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="104" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="138" />
        <source>Features</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="138" />
        <source>{side} km²</source>
        <translation>{side} km²</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="230" />
        <source>New series</source>
        <translation>Neue Serie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="259" />
        <source>Import failed: {error}</source>
        <translation>Import fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="268" />
        <source>{n} snapshots imported into {name}.</source>
        <translation>{n} Lagestände in {name} importiert.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="275" />
        <source>{n} problems; the other files were imported:</source>
        <translation>{n} Probleme; die übrigen Dateien wurden importiert:</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="304" />
        <source>Re-date snapshot</source>
        <translation>Lagestand umdatieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="306" />
        <source>New date and time ({zone}):</source>
        <translation>Neues Datum und Uhrzeit ({zone}):</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="335" />
        <source>Remove snapshot</source>
        <translation>Lagestand entfernen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="335" />
        <source>Remove the snapshot of {when} and its features from the series?</source>
        <translation>Den Lagestand vom {when} und seine Objekte aus der Serie entfernen?</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/tasks.py" line="21" />
        <source>Importing into {name}</source>
        <translation>Import in {name}</translation>
    </message>
</context>
</TS>