<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>@default</name>
    <message>
        <location filename="../kursk_tracker/processing/base.py" line="24"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="88"/>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="93"/>
        <source>Resolution</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="459"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="161"/>
        <source>Written: {path}</source>
        <translation>Geschrieben: {path}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="58"/>
        <source>Situation layers</source>
        <translation>Lageebenen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="92"/>
        <source>Open series…</source>
        <translation>Serie öffnen …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="93"/>
        <source>Open sample series</source>
        <translation>Beispielserie öffnen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="198"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="198"/>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="198"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="198"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="204"/>
        <source>{n} snapshots</source>
        <translation>{n} Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="217"/>
        <source>Illustrative data, not ground truth.</source>
        <translation>Illustrative Daten, keine gesicherte Lage.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/base.py" line="24"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="338"/>
        <source>No series open</source>
        <translation>Keine Serie geöffnet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="344"/>
        <source>week {n}</source>
        <translation>{n}. Woche</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="355"/>
        <source>{name} (illustrative)</source>
        <translation>{name} (illustrativ)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="399"/>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="402"/>
        <source>Countries</source>
        <translation>Staaten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="402"/>
        <source>Regions</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="414"/>
        <source>Areas held</source>
        <translation>Gehaltene Gebiete</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="415"/>
        <source>Front lines</source>
        <translation>Frontlinien</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="416"/>
        <source>Movements</source>
        <translation>Bewegungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="417"/>
        <source>Annotations</source>
        <translation>Anmerkungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="418"/>
        <source>Places</source>
        <translation>Orte</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/report.py" line="29"/>
        <source>Kursk Tracker</source>
        <translation>Kursk Tracker</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="198"/>
        <source>Open series</source>
        <translation>Serie öffnen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/base.py" line="60"/>
        <source>Series GeoPackage (*.gpkg)</source>
        <translation>Serien-GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="221"/>
        <source>Opened series {path}</source>
        <translation>Serie geöffnet: {path}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="26"/>
        <source>List snapshots of a series</source>
        <translation>Lagestände einer Serie auflisten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/remove_snapshot.py" line="36"/>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="29"/>
        <source>Lists the snapshots of a series GeoPackage: the instant (UTC, ISO 8601), the date as the locale writes it, the week number from the series epoch, title and source.</source>
        <translation>Listet die Lagestände eines Serien-GeoPackages auf: den Zeitpunkt (UTC, ISO 8601), das Datum in der Schreibweise der Sprache, die Wochennummer ab dem Beginn der Serie, Titel und Quelle.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="47"/>
        <source>Series GeoPackage</source>
        <translation>Serien-GeoPackage</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="37"/>
        <source>Snapshots</source>
        <translation>Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/provider.py" line="34"/>
        <source>Kursk Tracker {version}</source>
        <translation>Kursk Tracker {version}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="81"/>
        <source>Controlled</source>
        <translation>Kontrolliert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="82"/>
        <source>Contested</source>
        <translation>Umkämpft</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="83"/>
        <source>Claimed</source>
        <translation>Beansprucht</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="84"/>
        <source>Pocket</source>
        <translation>Kessel</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="85"/>
        <source>Unknown</source>
        <translation>Unklar</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="86"/>
        <source>Attack</source>
        <translation>Angriff</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="87"/>
        <source>Counterattack</source>
        <translation>Gegenangriff</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="88"/>
        <source>Relief attack</source>
        <translation>Entlastungsangriff</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="89"/>
        <source>Withdrawal</source>
        <translation>Rückzug</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="164"/>
        <source>Other sides</source>
        <translation>Andere Seiten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="42"/>
        <source>Detect from the files</source>
        <translation>Aus den Dateien erkennen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="43"/>
        <source>Folder of dated files</source>
        <translation>Ordner mit datierten Dateien</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="44"/>
        <source>Google My Maps KML/KMZ</source>
        <translation>Google My Maps KML/KMZ</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="45"/>
        <source>DeepStateMap snapshots</source>
        <translation>DeepStateMap-Stände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="46"/>
        <source>ISW layers</source>
        <translation>ISW-Ebenen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/registry.py" line="86"/>
        <source>file or folder not found</source>
        <translation>Datei oder Ordner nicht gefunden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/series_gpkg.py" line="88"/>
        <source>the series has no snapshots</source>
        <translation>die Serie hat keine Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/operations.py" line="129"/>
        <source>{origin}: the series already has a snapshot at {when}; not imported</source>
        <translation>{origin}: die Serie hat bereits einen Lagestand am {when}; nicht importiert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/operations.py" line="280"/>
        <source>{path}: the new date has no time zone</source>
        <translation>{path}: das neue Datum hat keine Zeitzone</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/operations.py" line="286"/>
        <source>{path}: another snapshot already has that date</source>
        <translation>{path}: ein anderer Lagestand hat bereits dieses Datum</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/operations.py" line="249"/>
        <source>{path}: no snapshot {id}</source>
        <translation>{path}: kein Lagestand {id}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="41"/>
        <source>Import into a series</source>
        <translation>In eine Serie importieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="58"/>
        <source>Files or folders</source>
        <translation>Dateien oder Ordner</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="62"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="92"/>
        <source>Area of interest</source>
        <translation>Interessengebiet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="68"/>
        <source>Series name (for a new series)</source>
        <translation>Name der Serie (für eine neue Serie)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="71"/>
        <source>Operation start, week 0 (YYYY-MM-DD; for a new series)</source>
        <translation>Beginn der Operation, Woche 0 (JJJJ-MM-TT; für eine neue Serie)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="76"/>
        <source>Display time zone</source>
        <translation>Zeitzone der Anzeige</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="69"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="100"/>
        <source>Snapshots added</source>
        <translation>Hinzugefügte Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="85"/>
        <source>Snapshots skipped</source>
        <translation>Übersprungene Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="86"/>
        <source>Files with errors</source>
        <translation>Dateien mit Fehlern</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="128"/>
        <source>Import cancelled; the series is unchanged.</source>
        <translation>Import abgebrochen; die Serie ist unverändert.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="130"/>
        <source>Nothing could be imported; no series was written.</source>
        <translation>Nichts konnte importiert werden; keine Serie wurde geschrieben.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="131"/>
        <source>{n} snapshots added to {path}</source>
        <translation>{n} Lagestände zu {path} hinzugefügt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="149"/>
        <source>The operation start {text} is not a date (YYYY-MM-DD)</source>
        <translation>Der Beginn der Operation {text} ist kein Datum (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/series_statistics.py" line="35"/>
        <source>Series statistics (held area)</source>
        <translation>Serienstatistik (gehaltene Fläche)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/series_statistics.py" line="38"/>
        <source>Held area per snapshot, side and status in km² on the WGS84 ellipsoid, with the net change since the previous snapshot. One row per snapshot, side and status; a status that disappears gets a row with area 0 and its loss.</source>
        <translation>Gehaltene Fläche je Lagestand, Seite und Status in km² auf dem WGS84-Ellipsoid, mit der Nettoänderung seit dem vorherigen Lagestand. Eine Zeile je Lagestand, Seite und Status; ein verschwindender Status erhält eine Zeile mit Fläche 0 und seinem Verlust.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/series_statistics.py" line="46"/>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="108"/>
        <source>Files or a folder; several separated by ;</source>
        <translation>Dateien oder ein Ordner; mehrere durch ; getrennt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="109"/>
        <source>Files…</source>
        <translation>Dateien …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="111"/>
        <source>Folder…</source>
        <translation>Ordner …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="116"/>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="117"/>
        <source>Clip to the map&apos;s current extent</source>
        <translation>Auf den aktuellen Kartenausschnitt zuschneiden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="122"/>
        <source>Side of each source value (a colour such as #01579b, a folder or field value); remembered for the next import:</source>
        <translation>Seite je Quellwert (eine Farbe wie #01579b, ein Ordner- oder Feldwert); wird für den nächsten Import gemerkt:</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="131"/>
        <source>Source value</source>
        <translation>Quellwert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="131"/>
        <source>Side code</source>
        <translation>Seitenkürzel</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="133"/>
        <source>Add a mapping</source>
        <translation>Zuordnung hinzufügen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="171"/>
        <source>Files to import</source>
        <translation>Zu importierende Dateien</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="171"/>
        <source>Situation files (*.geojson *.json *.kml *.kmz *.gpkg *.shp);;All files (*)</source>
        <translation>Lagedateien (*.geojson *.json *.kml *.kmz *.gpkg *.shp);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="181"/>
        <source>Folder to import</source>
        <translation>Zu importierender Ordner</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="339"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="135"/>
        <source>Re-date…</source>
        <translation>Umdatieren …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="139"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="122"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="198"/>
        <source>Features</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="198"/>
        <source>{side} km²</source>
        <translation>{side} km²</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/new_series.py" line="40"/>
        <source>New series</source>
        <translation>Neue Serie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="328"/>
        <source>Import failed: {error}</source>
        <translation>Import fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="57"/>
        <source>{n} snapshots imported into {name}.</source>
        <translation>{n} Lagestände in {name} importiert.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="390"/>
        <source>Re-date snapshot</source>
        <translation>Lagestand umdatieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="414"/>
        <source>Remove snapshot</source>
        <translation>Lagestand entfernen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="414"/>
        <source>Remove the snapshot of {when} and its features from the series?</source>
        <translation>Den Lagestand vom {when} und seine Objekte aus der Serie entfernen?</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/import_task.py" line="65"/>
        <source>Importing into {name}</source>
        <translation>Import in {name}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate_features.py" line="153"/>
        <source>{n} features have no DeepState key in their name; classified by their English name or fill colour</source>
        <translation>{n} Objekte haben keinen DeepState-Schlüssel im Namen; nach englischem Namen oder Füllfarbe eingeordnet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate_features.py" line="161"/>
        <source>{n} areas freed by Ukraine in 2022 (fill {fill}) not imported as held areas</source>
        <translation>{n} 2022 von der Ukraine befreite Gebiete (Füllung {fill}) nicht als gehaltene Gebiete importiert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate_features.py" line="168"/>
        <source>{n} territory outlines (Crimea and the like) ignored</source>
        <translation>{n} Gebietsumrisse (Krim u. Ä.) übergangen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate_features.py" line="173"/>
        <source>unknown colours of liberated areas, imported as {side}: {colours}</source>
        <translation>unbekannte Farben befreiter Gebiete, als {side} importiert: {colours}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate_features.py" line="180"/>
        <source>{n} attack directions without an arrow icon skipped</source>
        <translation>{n} Angriffsrichtungen ohne Pfeilsymbol übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate_features.py" line="184"/>
        <source>{n} features of no known DeepState kind skipped</source>
        <translation>{n} Objekte ohne bekannte DeepState-Art übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate_features.py" line="189"/>
        <source>{n} features with unreadable geometry skipped</source>
        <translation>{n} Objekte mit unlesbarer Geometrie übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate.py" line="138"/>
        <source>not a GeoJSON FeatureCollection</source>
        <translation>keine GeoJSON-FeatureCollection</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate.py" line="145"/>
        <source>no date in the file name or the file</source>
        <translation>kein Datum im Dateinamen oder in der Datei</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate.py" line="171"/>
        <source>same date as {other}; skipped</source>
        <translation>gleiches Datum wie {other}; übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/deepstate.py" line="167"/>
        <source>cannot be imported: {reason}</source>
        <translation>kann nicht importiert werden: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="81"/>
        <source>no GeoJSON, KML, KMZ, GeoPackage or Shapefile files in the folder</source>
        <translation>keine GeoJSON-, KML-, KMZ-, GeoPackage- oder Shapefile-Dateien im Ordner</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="87"/>
        <source>not a GeoJSON, KML, KMZ, GeoPackage or Shapefile file</source>
        <translation>keine GeoJSON-, KML-, KMZ-, GeoPackage- oder Shapefile-Datei</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/isw.py" line="148"/>
        <source>no such file or folder</source>
        <translation>Datei oder Ordner gibt es nicht</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="111"/>
        <source>features carry different dates, {first} to {last}; used the latest</source>
        <translation>die Objekte tragen verschiedene Daten, {first} bis {last}; das späteste verwendet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="138"/>
        <source>no date in the file name, fields or metadata (the name says week {week}, but no epoch is set)</source>
        <translation>kein Datum in Dateiname, Feldern oder Metadaten (der Name nennt Woche {week}, aber kein Stichtag ist gesetzt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="146"/>
        <source>no date in the file name, fields or metadata</source>
        <translation>kein Datum in Dateiname, Feldern oder Metadaten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="156"/>
        <source>this is a series GeoPackage; import it as a series, not as one dated file</source>
        <translation>das ist ein Serien-GeoPackage; als Serie importieren, nicht als einzelne datierte Datei</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/isw.py" line="225"/>
        <source>none of its features could be imported</source>
        <translation>keines ihrer Objekte ließ sich importieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="180"/>
        <source>KML and KMZ files need the My Maps importer, which is missing</source>
        <translation>KML- und KMZ-Dateien brauchen den My-Maps-Import, der fehlt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="192"/>
        <source>{count} dated parts in the file; kept their own dates rather than the file name&apos;s</source>
        <translation>{count} datierte Teile in der Datei; ihre eigenen Daten statt des Dateinamens behalten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/isw.py" line="194"/>
        <source>could not be imported: {reason}</source>
        <translation>nicht importierbar: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="222"/>
        <source>same date {when} as {other}; skipped</source>
        <translation>gleiches Datum {when} wie {other}; übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="235"/>
        <source>nothing left inside the area of interest; skipped</source>
        <translation>nichts innerhalb des Interessengebiets übrig; übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/folder.py" line="235"/>
        <source>no usable geometry; skipped</source>
        <translation>keine brauchbare Geometrie; übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/isw.py" line="142"/>
        <source>no GeoJSON, Esri JSON, GeoPackage or Shapefile files in the folder</source>
        <translation>keine GeoJSON-, Esri-JSON-, GeoPackage- oder Shapefile-Dateien im Ordner</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/isw.py" line="197"/>
        <source>ISW {day}</source>
        <translation>ISW {day}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/isw.py" line="208"/>
        <source>nothing of {day} left inside the area of interest</source>
        <translation>nichts vom {day} innerhalb des Interessengebiets übrig</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/isw.py" line="238"/>
        <source>{count} features have no date in their fields or the file name; skipped</source>
        <translation>{count} Objekte haben kein Datum in ihren Feldern oder im Dateinamen; übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps.py" line="54"/>
        <source>could not be read ({error})</source>
        <translation>konnte nicht gelesen werden ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps.py" line="61"/>
        <source>same date as {other} ({when}); not imported</source>
        <translation>gleiches Datum wie {other} ({when}); nicht importiert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="292"/>
        <source>cannot read the file ({error})</source>
        <translation>Datei nicht lesbar ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="237"/>
        <source>empty file</source>
        <translation>leere Datei</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/kml.py" line="116"/>
        <source>not a KML document (root element &lt;{name}&gt;)</source>
        <translation>kein KML-Dokument (Wurzelelement &lt;{name}&gt;)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps.py" line="93"/>
        <source>no placemarks in the document</source>
        <translation>keine Ortsmarken im Dokument</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps.py" line="99"/>
        <source>{count} places read; no situation features, so no snapshot</source>
        <translation>{count} Orte gelesen; keine Lageobjekte, daher kein Lagebild</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps.py" line="104"/>
        <source>no placemarks with a usable geometry</source>
        <translation>keine Ortsmarken mit brauchbarer Geometrie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps.py" line="110"/>
        <source>no date in the file name, the document or its time stamps</source>
        <translation>kein Datum im Dateinamen, im Dokument oder in seinen Zeitstempeln</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps.py" line="118"/>
        <source>no features inside the area of interest</source>
        <translation>keine Objekte im Interessengebiet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="297"/>
        <source>{count} placemarks with unreadable coordinates skipped</source>
        <translation>{count} Ortsmarken mit unlesbaren Koordinaten übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="304"/>
        <source>{count} placemarks without a geometry skipped</source>
        <translation>{count} Ortsmarken ohne Geometrie übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="308"/>
        <source>{count} places without a name skipped</source>
        <translation>{count} Orte ohne Namen übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="310"/>
        <source>{count} network links not followed (only this file is read)</source>
        <translation>{count} Netzwerklinks nicht verfolgt (nur diese Datei wird gelesen)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="317"/>
        <source>folder &apos;{folder}&apos;: unknown kind &apos;{kind}&apos; in the kind mapping</source>
        <translation>Ordner „{folder}“: unbekannte Art „{kind}“ in der Artenzuordnung</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="324"/>
        <source>folder &apos;{folder}&apos;: {count} polygons do not fit its kind and were skipped</source>
        <translation>Ordner „{folder}“: {count} Polygone passen nicht zu seiner Art und wurden übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="324"/>
        <source>folder &apos;{folder}&apos;: {count} lines do not fit its kind and were skipped</source>
        <translation>Ordner „{folder}“: {count} Linien passen nicht zu seiner Art und wurden übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="334"/>
        <source>sides guessed from colours: {guesses}; correct them in the side mapping</source>
        <translation>Seiten aus Farben geraten: {guesses}; in der Seitenzuordnung korrigieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="342"/>
        <source>unknown colours {colours} — map them to a side to import their side</source>
        <translation>unbekannte Farben {colours} – einer Seite zuordnen, um ihre Seite zu importieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="357"/>
        <source>no colour</source>
        <translation>keine Farbe</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="359"/>
        <source>{colour} (1 feature)</source>
        <translation>{colour} (1 Objekt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/mymaps_placemarks.py" line="360"/>
        <source>{colour} ({count} features)</source>
        <translation>{colour} ({count} Objekte)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="307"/>
        <source>not UTF-8 text (byte {offset})</source>
        <translation>kein UTF-8-Text (Byte {offset})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="130"/>
        <source>the file is empty</source>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="322"/>
        <source>invalid JSON at line {line}, column {column}: {reason}</source>
        <translation>ungültiges JSON in Zeile {line}, Spalte {column}: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="329"/>
        <source>JSON nested too deeply</source>
        <translation>JSON zu tief verschachtelt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="126"/>
        <source>not a supported vector file ({suffix})</source>
        <translation>keine unterstützte Vektordatei ({suffix})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="128"/>
        <source>the file does not exist</source>
        <translation>die Datei gibt es nicht</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="144"/>
        <source>not recognised</source>
        <translation>nicht erkannt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="145"/>
        <source>cannot be read as {format}: {reason}</source>
        <translation>nicht als {format} lesbar: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="202"/>
        <source>layer {layer} has no coordinate system and its coordinates look projected (up to {value}); read as longitude/latitude</source>
        <translation>Layer {layer} hat kein Koordinatensystem, und seine Koordinaten sehen projiziert aus (bis {value}); als Länge/Breite gelesen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="216"/>
        <source>layer {layer} says longitude/latitude but has coordinates up to {value}</source>
        <translation>Layer {layer} gibt Länge/Breite an, hat aber Koordinaten bis {value}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="229"/>
        <source>layer {layer}: no transformation from its coordinate system to WGS84</source>
        <translation>Layer {layer}: keine Transformation von seinem Koordinatensystem nach WGS84</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="284"/>
        <source>layer {layer}: {count} features without geometry skipped</source>
        <translation>Layer {layer}: {count} Objekte ohne Geometrie übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="291"/>
        <source>layer {layer}: {count} geometries too broken to repair; skipped</source>
        <translation>Layer {layer}: {count} Geometrien zu kaputt zum Reparieren; übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="298"/>
        <source>layer {layer}: {count} features could not be transformed to WGS84; skipped</source>
        <translation>Layer {layer}: {count} Objekte ließen sich nicht nach WGS84 transformieren; übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="327"/>
        <source>cannot be read: {reason}</source>
        <translation>nicht lesbar: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/ogr_reader.py" line="332"/>
        <source>the file holds no features</source>
        <translation>die Datei enthält keine Objekte</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/classify.py" line="251"/>
        <source>no side for {count} features; map one of these values to a side: {values}</source>
        <translation>keine Seite für {count} Objekte; ordnen Sie einen dieser Werte einer Seite zu: {values}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/classify.py" line="258"/>
        <source>unknown feature kinds in the mapping: {kinds}</source>
        <translation>unbekannte Objektarten in der Zuordnung: {kinds}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/classify.py" line="263"/>
        <source>{count} features have a geometry their kind cannot hold (points as areas, say); skipped</source>
        <translation>{count} Objekte haben eine Geometrie, die zu ihrer Art nicht passt (etwa Punkte als Gebiete); übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/classify.py" line="270"/>
        <source>layers not imported as held ground (map them to a kind to import them): {layers}</source>
        <translation>nicht als gehaltenes Gebiet importierte Layer (zum Importieren einer Art zuordnen): {layers}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="68"/>
        <source>file too large ({size} MB, at most {cap} MB)</source>
        <translation>Datei zu groß ({size} MB, höchstens {cap} MB)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="81"/>
        <source>file too large (more than {cap} MB)</source>
        <translation>Datei zu groß (mehr als {cap} MB)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="122"/>
        <source>XML too large ({size} MB, at most {cap} MB)</source>
        <translation>XML zu groß ({size} MB, höchstens {cap} MB)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="94"/>
        <source>XML declares entities (refused)</source>
        <translation>XML deklariert Entitäten (abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="160"/>
        <source>XML refers to an external entity (refused)</source>
        <translation>XML verweist auf eine externe Entität (abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="96"/>
        <source>XML declares notations (refused)</source>
        <translation>XML deklariert Notationen (abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="97"/>
        <source>XML has a DOCTYPE (refused)</source>
        <translation>XML hat einen DOCTYPE (abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="110"/>
        <source>not well-formed XML at line {line}: {reason}</source>
        <translation>kein wohlgeformtes XML in Zeile {line}: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="195"/>
        <source>KMZ entry {entry} inflates to more than {cap} MB (refused)</source>
        <translation>KMZ-Eintrag {entry} entpackt auf mehr als {cap} MB (abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="265"/>
        <source>KMZ entry {entry} inflates more than {ratio}:1 (refused as a ZIP bomb)</source>
        <translation>KMZ-Eintrag {entry} entpackt mehr als {ratio}:1 (als ZIP-Bombe abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="242"/>
        <source>KMZ has {count} entries (refused)</source>
        <translation>KMZ hat {count} Einträge (abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="247"/>
        <source>KMZ entry {entry} points outside the archive (absolute or &apos;..&apos; path, refused)</source>
        <translation>KMZ-Eintrag {entry} zeigt aus dem Archiv hinaus (absoluter oder „..“-Pfad, abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="255"/>
        <source>KMZ would inflate to {size} MB (at most {cap} MB, refused)</source>
        <translation>KMZ würde auf {size} MB entpacken (höchstens {cap} MB, abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="273"/>
        <source>KMZ holds no KML document (doc.kml)</source>
        <translation>KMZ enthält kein KML-Dokument (doc.kml)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="275"/>
        <source>KMZ entry {entry} is encrypted</source>
        <translation>KMZ-Eintrag {entry} ist verschlüsselt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="287"/>
        <source>truncated or damaged KMZ ({error})</source>
        <translation>abgeschnittene oder beschädigte KMZ ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="289"/>
        <source>not a ZIP archive (a KMZ is a zipped KML)</source>
        <translation>kein ZIP-Archiv (eine KMZ ist ein gezipptes KML)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="319"/>
        <source>truncated JSON at line {line}, column {column}</source>
        <translation>abgeschnittenes JSON in Zeile {line}, Spalte {column}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/date_dialog.py" line="62"/>
        <source>Files without a date</source>
        <translation>Dateien ohne Datum</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="136"/>
        <source>Kind of each folder or layer name (one of {kinds}):</source>
        <translation>Art je Ordner- oder Layername (eine von {kinds}):</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="141"/>
        <source>Folder or layer</source>
        <translation>Ordner oder Layer</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="141"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_dialog.py" line="143"/>
        <source>Add a kind mapping</source>
        <translation>Art-Zuordnung hinzufügen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/area_chart.py" line="81"/>
        <source>No areas to chart</source>
        <translation>Keine Gebiete für das Diagramm</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/area_chart.py" line="162"/>
        <source>km² held</source>
        <translation>gehaltene km²</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="153"/>
        <source>{days} days/s</source>
        <translation>{days} Tage/s</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="156"/>
        <source>Loop</source>
        <translation>Schleife</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timings.py" line="11"/>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="142"/>
        <source>Go</source>
        <translation>Los</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="143"/>
        <source>Jump to the typed date and time</source>
        <translation>Zum eingegebenen Datum und zur Uhrzeit springen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="173"/>
        <source>PNG…</source>
        <translation>PNG …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="174"/>
        <source>Save the chart as a PNG image</source>
        <translation>Diagramm als PNG-Bild speichern</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="459"/>
        <source>Save chart</source>
        <translation>Diagramm speichern</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/live_layers.py" line="62"/>
        <source>{side}: gained</source>
        <translation>{side}: gewonnen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/live_layers.py" line="76"/>
        <source>{side}: lost</source>
        <translation>{side}: verloren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/live_layers.py" line="94"/>
        <source>Areas at the shown instant</source>
        <translation>Gebiete zum gezeigten Zeitpunkt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/change_between.py" line="46"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/change_between.py" line="33"/>
        <source>Change between two dates</source>
        <translation>Änderung zwischen zwei Daten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/change_between.py" line="36"/>
        <source>Polygons of ground each side gained and lost between FROM and TO (ISO 8601 instants; between snapshots the front is interpolated), with their area in km² on the WGS84 ellipsoid. Held ground is controlled or pocketed ground.</source>
        <translation>Polygone des Geländes, das jede Seite zwischen FROM und TO (Zeitpunkte nach ISO 8601; zwischen Lageständen wird die Front interpoliert) gewonnen und verloren hat, mit ihrer Fläche in km² auf dem WGS84-Ellipsoid. Gehalten ist kontrolliertes oder eingekesseltes Gelände.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/change_between.py" line="44"/>
        <source>From (ISO 8601)</source>
        <translation>Von (ISO 8601)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/change_between.py" line="45"/>
        <source>To (ISO 8601)</source>
        <translation>Bis (ISO 8601)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/change_between.py" line="86"/>
        <source>{side} {kind}: {area} km²</source>
        <translation>{side} {kind}: {area} km²</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/front_at_date.py" line="29"/>
        <source>{name}: {text} is not an ISO 8601 date and time</source>
        <translation>{name}: {text} ist kein Datum mit Uhrzeit nach ISO 8601</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/front_at_date.py" line="45"/>
        <source>Front at a date (interpolated)</source>
        <translation>Front zu einem Datum (interpoliert)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/front_at_date.py" line="48"/>
        <source>The areas each side holds at any instant: a snapshot&apos;s own areas at its instant, and between two snapshots the areas interpolated so that each gained patch grows from the old front and each lost patch shrinks from the side it was lost to. DATETIME is ISO 8601 (2024-10-29T21:00:00Z; without a zone, UTC). Also writes each side&apos;s front line.</source>
        <translation>Die Gebiete, die jede Seite zu einem beliebigen Zeitpunkt hält: zum Zeitpunkt eines Lagestands dessen eigene Gebiete, zwischen zwei Lageständen interpolierte Gebiete, bei denen jedes gewonnene Stück aus der alten Front wächst und jedes verlorene von der Seite schrumpft, an die es verloren ging. DATETIME nach ISO 8601 (2024-10-29T21:00:00Z; ohne Zone UTC). Schreibt auch die Frontlinie jeder Seite.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/front_at_date.py" line="57"/>
        <source>Date and time (ISO 8601)</source>
        <translation>Datum und Uhrzeit (ISO 8601)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/front_at_date.py" line="58"/>
        <source>Pace between snapshots</source>
        <translation>Tempo zwischen den Lageständen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/front_at_date.py" line="63"/>
        <source>Areas at the date</source>
        <translation>Gebiete zum Datum</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/front_at_date.py" line="64"/>
        <source>Front lines at the date</source>
        <translation>Frontlinien zum Datum</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/front_at_date.py" line="84"/>
        <source>{path}: the series has no snapshots</source>
        <translation>{path}: Die Serie enthält keine Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/front_at_date.py" line="86"/>
        <source>{when} is outside the series ({first} to {last}); the nearest end is used</source>
        <translation>{when} liegt außerhalb der Serie ({first} bis {last}); das nächste Ende wird verwendet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/live_layers.py" line="101"/>
        <source>Front lines at the shown instant</source>
        <translation>Frontlinien zum gezeigten Zeitpunkt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="146"/>
        <source>the template cannot be read ({error})</source>
        <translation>die Vorlage kann nicht gelesen werden ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="154"/>
        <source>the template is not a QGIS layout template (.qpt)</source>
        <translation>die Vorlage ist keine QGIS-Layoutvorlage (.qpt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="156"/>
        <source>the template has no map item (give one the id kt_map)</source>
        <translation>die Vorlage hat kein Kartenelement (eines braucht die ID kt_map)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild_batch.py" line="66"/>
        <source>{name}: the series has no snapshots</source>
        <translation>{name}: die Serie hat keine Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="206"/>
        <source>the layout has no map item</source>
        <translation>das Layout hat kein Kartenelement</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="279"/>
        <source>unknown format {fmt}: use png, pdf or svg</source>
        <translation>unbekanntes Format {fmt}: png, pdf oder svg verwenden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="283"/>
        <source>the folder cannot be created ({error})</source>
        <translation>der Ordner kann nicht angelegt werden ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="303"/>
        <source>the {fmt} could not be written ({problem})</source>
        <translation>die {fmt}-Datei konnte nicht geschrieben werden ({problem})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="349"/>
        <source>the file cannot be written</source>
        <translation>die Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="350"/>
        <source>not enough memory</source>
        <translation>nicht genug Arbeitsspeicher</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="351"/>
        <source>the page could not be drawn</source>
        <translation>die Seite konnte nicht gezeichnet werden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="352"/>
        <source>a layer could not be drawn</source>
        <translation>ein Layer konnte nicht gezeichnet werden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="353"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/lagebild.py" line="355"/>
        <source>export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="66"/>
        <source>Web figure (1600 × 1000 px)</source>
        <translation>Web-Abbildung (1600 × 1000 px)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="67"/>
        <source>A4 page</source>
        <translation>A4-Seite</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="70"/>
        <source>Other template file…</source>
        <translation>Andere Vorlagendatei …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="74"/>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="87"/>
        <source>Width of PNG images; PDF and SVG keep the template&apos;s page size</source>
        <translation>Breite von PNG-Bildern; PDF und SVG behalten die Seitengröße der Vorlage</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="96"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="104"/>
        <source>Export Lagebild…</source>
        <translation>Lagebild exportieren …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="106"/>
        <source>The instant shown on the timeline, framed as the map canvas</source>
        <translation>Der Zeitpunkt der Zeitleiste, im Ausschnitt der Kartenansicht</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="109"/>
        <source>Export all snapshots…</source>
        <translation>Alle Lagestände exportieren …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="113"/>
        <source>Open in layout designer</source>
        <translation>Im Layout-Designer öffnen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="183"/>
        <source>Layout template</source>
        <translation>Layoutvorlage</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="183"/>
        <source>QGIS layout templates (*.qpt)</source>
        <translation>QGIS-Layoutvorlagen (*.qpt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="250"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="251"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Zeichnungen (*.svg)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="253"/>
        <source>Export Lagebild</source>
        <translation>Lagebild exportieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="176"/>
        <source>Open a series first.</source>
        <translation>Zuerst eine Serie öffnen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="288"/>
        <source>Lagebild written: {path}</source>
        <translation>Lagebild geschrieben: {path}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="293"/>
        <source>Folder for the Lagebild of every snapshot</source>
        <translation>Ordner für das Lagebild jedes Lagestands</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="331"/>
        <source>Exporting the Lagebild of every snapshot…</source>
        <translation>Das Lagebild jedes Lagestands wird exportiert …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="378"/>
        <source>Cancelled: {done} of {total} files written to {folder}</source>
        <translation>Abgebrochen: {done} von {total} Dateien in {folder} geschrieben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="380"/>
        <source>{done} of {total} files written to {folder}</source>
        <translation>{done} von {total} Dateien in {folder} geschrieben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="402"/>
        <source>Layout “{name}” added to the project</source>
        <translation>Layout „{name}“ zum Projekt hinzugefügt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="43"/>
        <source>Export Lagebild (map figure)</source>
        <translation>Lagebild exportieren (Kartenabbildung)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="46"/>
        <source>The Lagebild of a series as a print layout exported to PNG, PDF or SVG: title, map, legend, scale bar, north arrow, overview, caption and credit, in German or English. DATETIME is an ISO 8601 instant (2024-10-29T21:00:00Z; without a zone, UTC); between snapshots the front is interpolated. Leave DATETIME empty for every snapshot: OUTPUT is then a folder, and the files are named from the dates (lagebild_2024-10-29_2200.png, in the series&apos; time zone). TEMPLATE: a .qpt file, or empty for the built-in web figure; the items with ids kt_title, kt_map, kt_overview, kt_legend, kt_scalebar, kt_north, kt_caption, kt_credit and kt_week are filled, and labels can use [% @kt_title %], @kt_date, @kt_week, @kt_caption, @kt_credit and @kt_series. WIDTH_PX is the width of PNG images; PDF and SVG keep the template&apos;s page size. A single file&apos;s format follows its suffix (.png, .pdf, .svg), FORMAT otherwise.</source>
        <translation>Das Lagebild einer Serie als Drucklayout, exportiert als PNG, PDF oder SVG: Titel, Karte, Legende, Maßstab, Nordpfeil, Übersichtskarte, Bildunterschrift und Quellenangabe, auf Deutsch oder Englisch. DATETIME ist ein Zeitpunkt nach ISO 8601 (2024-10-29T21:00:00Z; ohne Zone UTC); zwischen zwei Lageständen wird die Front interpoliert. DATETIME leer lassen für jeden Lagestand: OUTPUT ist dann ein Ordner, und die Dateien werden nach den Daten benannt (lagebild_2024-10-29_2200.png, in der Zeitzone der Serie). TEMPLATE: eine .qpt-Datei, oder leer für die eingebaute Web-Abbildung; die Elemente mit den IDs kt_title, kt_map, kt_overview, kt_legend, kt_scalebar, kt_north, kt_caption, kt_credit und kt_week werden gefüllt, und Beschriftungen können [% @kt_title %], @kt_date, @kt_week, @kt_caption, @kt_credit und @kt_series verwenden. WIDTH_PX ist die Breite von PNG-Bildern; PDF und SVG behalten die Seitengröße der Vorlage. Das Format einer einzelnen Datei folgt ihrer Endung (.png, .pdf, .svg), sonst FORMAT.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="65"/>
        <source>Date and time (ISO 8601); empty for every snapshot</source>
        <translation>Datum und Uhrzeit (ISO 8601); leer für jeden Lagestand</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="70"/>
        <source>Layout template (.qpt); empty for the built-in web figure</source>
        <translation>Layoutvorlage (.qpt); leer für die eingebaute Web-Abbildung</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="81"/>
        <source>Width of PNG images (px)</source>
        <translation>Breite von PNG-Bildern (px)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="91"/>
        <source>Resolution (dpi)</source>
        <translation>Auflösung (dpi)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="101"/>
        <source>Lagebild file (a folder for every snapshot)</source>
        <translation>Lagebild-Datei (ein Ordner für jeden Lagestand)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="108"/>
        <source>Files written</source>
        <translation>Geschriebene Dateien</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="143"/>
        <source>{count} files written to {folder}</source>
        <translation>{count} Dateien in {folder} geschrieben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_lagebild.py" line="149"/>
        <source>{when} is outside the series; the nearest end is used</source>
        <translation>{when} liegt außerhalb der Serie; das nähere Ende wird verwendet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/scene.py" line="281"/>
        <source>Preparing the timeline</source>
        <translation>Zeitleiste wird vorbereitet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/frame_plan.py" line="59"/>
        <source>Unknown animation format {name}: use gif or mp4</source>
        <translation>Unbekanntes Animationsformat {name}: gif oder mp4 verwenden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/frame_plan.py" line="63"/>
        <source>{fps} frames per second is not possible for {format}</source>
        <translation>{fps} Bilder pro Sekunde sind für {format} nicht möglich</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/frame_plan.py" line="69"/>
        <source>The step between frames must be longer than zero</source>
        <translation>Der Zeitschritt zwischen den Bildern muss größer als null sein</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/frame_plan.py" line="71"/>
        <source>The hold on snapshots cannot be negative</source>
        <translation>Die Standzeit bei Lageständen kann nicht negativ sein</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/frame_plan.py" line="73"/>
        <source>A frame of {w}×{h} pixels is not possible</source>
        <translation>Ein Bild von {w}×{h} Pixeln ist nicht möglich</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/animation.py" line="283"/>
        <source>{path}: export cancelled, nothing written</source>
        <translation>{path}: Export abgebrochen, nichts geschrieben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="380"/>
        <source>Exporting animation {name}</source>
        <translation>Animation {name} wird exportiert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/animation.py" line="348"/>
        <source>{path}: the series cannot be read ({error})</source>
        <translation>{path}: Die Serie kann nicht gelesen werden ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/video.py" line="191"/>
        <source>{path}: the GIF could not be written ({error})</source>
        <translation>{path}: Das GIF konnte nicht geschrieben werden ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/video.py" line="184"/>
        <source>{path}: no frames to write</source>
        <translation>{path}: keine Bilder zu schreiben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/video.py" line="225"/>
        <source>MP4 needs the program ffmpeg, which is not on the PATH. Install ffmpeg (Debian/Ubuntu: apt install ffmpeg; Windows/macOS: ffmpeg.org) or export a GIF.</source>
        <translation>Für MP4 wird das Programm ffmpeg benötigt, es ist nicht im PATH. Installieren Sie ffmpeg (Debian/Ubuntu: apt install ffmpeg; Windows/macOS: ffmpeg.org) oder exportieren Sie ein GIF.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/video.py" line="304"/>
        <source>{path}: MP4 frames need an even width and height, not {w}×{h}</source>
        <translation>{path}: MP4-Bilder brauchen eine gerade Breite und Höhe, nicht {w}×{h}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/video.py" line="349"/>
        <source>{path}: ffmpeg stopped ({error})</source>
        <translation>{path}: ffmpeg wurde beendet ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/video.py" line="387"/>
        <source>{path}: ffmpeg failed ({error})</source>
        <translation>{path}: ffmpeg ist fehlgeschlagen ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="153"/>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="153"/>
        <source>{n} days</source>
        <translation>{n} Tage</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="154"/>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="197"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="198"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="106"/>
        <source>Frames per second</source>
        <translation>Bilder pro Sekunde</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="207"/>
        <source>Step per frame</source>
        <translation>Zeitschritt pro Bild</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="232"/>
        <source>Hold on snapshots</source>
        <translation>Standzeit bei Lageständen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="246"/>
        <source>Frame size</source>
        <translation>Bildgröße</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="248"/>
        <source>GIF animation</source>
        <translation>GIF-Animation</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="249"/>
        <source>MP4 video (H.264)</source>
        <translation>MP4-Video (H.264)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="258"/>
        <source>Whole Lagebild layout on every frame (slower)</source>
        <translation>Vollständiges Lagebild-Layout auf jedem Bild (langsamer)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="265"/>
        <source>Export animation…</source>
        <translation>Animation exportieren…</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="356"/>
        <source>Export animation</source>
        <translation>Animation exportieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="356"/>
        <source>GIF animation (*.gif)</source>
        <translation>GIF-Animation (*.gif)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="356"/>
        <source>MP4 video (*.mp4)</source>
        <translation>MP4-Video (*.mp4)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="395"/>
        <source>Exporting {name}…</source>
        <translation>{name} wird exportiert…</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="211"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="429"/>
        <source>Written: {path} ({frames} frames, {seconds} s)</source>
        <translation>Geschrieben: {path} ({frames} Bilder, {seconds} s)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="441"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="78"/>
        <source>Export animation (GIF, MP4)</source>
        <translation>Animation exportieren (GIF, MP4)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="68"/>
        <source>From (ISO 8601; empty: first snapshot)</source>
        <translation>Von (ISO 8601; leer: erster Lagestand)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="73"/>
        <source>To (ISO 8601; empty: last snapshot)</source>
        <translation>Bis (ISO 8601; leer: letzter Lagestand)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="107"/>
        <source>Hours per frame</source>
        <translation>Stunden pro Bild</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="108"/>
        <source>Hold on snapshots (seconds)</source>
        <translation>Standzeit bei Lageständen (Sekunden)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="117"/>
        <source>Width (pixels)</source>
        <translation>Breite (Pixel)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="118"/>
        <source>Height (pixels)</source>
        <translation>Höhe (Pixel)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="119"/>
        <source>Language of dates and names</source>
        <translation>Sprache von Daten und Namen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="129"/>
        <source>Whole Lagebild layout on every frame</source>
        <translation>Vollständiges Lagebild-Layout auf jedem Bild</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="136"/>
        <source>Animation</source>
        <translation>Animation</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="136"/>
        <source>GIF animation (*.gif);;MP4 video (*.mp4)</source>
        <translation>GIF-Animation (*.gif);;MP4-Video (*.mp4)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="141"/>
        <source>Frames rendered</source>
        <translation>Gezeichnete Bilder</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="142"/>
        <source>Playing time (seconds)</source>
        <translation>Laufzeit (Sekunden)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="160"/>
        <source>Print layouts can only be drawn on QGIS&apos;s main thread: run this with USE_LAYOUT from qgis_process or the Python console, or export the map frames without the layout.</source>
        <translation>Drucklayouts können nur im Hauptthread von QGIS gezeichnet werden: mit USE_LAYOUT über qgis_process oder die Python-Konsole ausführen oder die Kartenbilder ohne Layout exportieren.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="169"/>
        <source>Writing {format} to {path}</source>
        <translation>{format} wird nach {path} geschrieben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="189"/>
        <source>{path}: {frames} frames, {seconds} s, {fps} frames rendered per second</source>
        <translation>{path}: {frames} Bilder, {seconds} s, {fps} gezeichnete Bilder pro Sekunde</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="99"/>
        <source>Measure the change from this snapshot</source>
        <translation>Die Änderung ab diesem Lagestand messen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="306"/>
        <source>since the previous snapshot</source>
        <translation>seit dem vorherigen Lagestand</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="311"/>
        <source>since {when}</source>
        <translation>seit {when}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="39"/>
        <source>Open PostGIS series</source>
        <translation>PostGIS-Serie öffnen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="39"/>
        <source>New series in PostGIS</source>
        <translation>Neue Serie in PostGIS</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="463"/>
        <source>Copy series to PostGIS</source>
        <translation>Serie nach PostGIS kopieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="48"/>
        <source>A series shared in a PostgreSQL/PostGIS database. The connection is one saved in QGIS (Browser, PostgreSQL, New Connection) or service=NAME from a PostgreSQL service file; passwords stay there.</source>
        <translation>Eine gemeinsam genutzte Serie in einer PostgreSQL/PostGIS-Datenbank. Die Verbindung ist eine in QGIS gespeicherte (Browser, PostgreSQL, Neue Verbindung) oder service=NAME aus einer PostgreSQL-Dienstdatei; Passwörter bleiben dort.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="48"/>
        <source>A new, empty series in its own schema of a PostGIS database; import into it afterwards. Everyone with access to the schema can work on it.</source>
        <translation>Eine neue, leere Serie in einem eigenen Schema einer PostGIS-Datenbank; danach in sie importieren. Alle mit Zugriff auf das Schema können daran arbeiten.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="48"/>
        <source>Copies the open series, every snapshot and feature, into a new schema of a PostGIS database, so a team can share it.</source>
        <translation>Kopiert die offene Serie mit allen Lageständen und Objekten in ein neues Schema einer PostGIS-Datenbank, damit ein Team sie gemeinsam nutzen kann.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="73"/>
        <source>A saved QGIS connection, or service=NAME</source>
        <translation>Eine in QGIS gespeicherte Verbindung oder service=NAME</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="77"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="82"/>
        <source>Lower-case letters, digits and underscores, such as kursk_2024</source>
        <translation>Kleinbuchstaben, Ziffern und Unterstriche, etwa kursk_2024</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="83"/>
        <source>Schema</source>
        <translation>Schema</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="85"/>
        <source>List series</source>
        <translation>Serien auflisten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="108"/>
        <source>Choose a connection first.</source>
        <translation>Zuerst eine Verbindung wählen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="121"/>
        <source>{n} series in this database.</source>
        <translation>{n} Serien in dieser Datenbank.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="121"/>
        <source>No Kursk Tracker series in this database yet.</source>
        <translation>Noch keine Kursk-Tracker-Serie in dieser Datenbank.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="127"/>
        <source>Taken already: {names}</source>
        <translation>Schon vergeben: {names}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="134"/>
        <source>Choose a connection.</source>
        <translation>Eine Verbindung wählen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/postgis_dialog.py" line="136"/>
        <source>Choose a schema.</source>
        <translation>Ein Schema wählen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="94"/>
        <source>Open PostGIS series…</source>
        <translation>PostGIS-Serie öffnen …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="83"/>
        <source>New series in PostGIS…</source>
        <translation>Neue Serie in PostGIS …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="87"/>
        <source>Copy series to PostGIS…</source>
        <translation>Serie nach PostGIS kopieren …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="89"/>
        <source>Copy series to GeoPackage…</source>
        <translation>Serie in ein GeoPackage kopieren …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="189"/>
        <source>No series open. Open a series GeoPackage, a PostGIS series or the sample series.</source>
        <translation>Keine Serie offen. Ein Serien-GeoPackage, eine PostGIS-Serie oder die Beispielserie öffnen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/operations.py" line="261"/>
        <source>{where}: a series is there already; open it, or choose another schema.</source>
        <translation>{where}: Dort ist bereits eine Serie; sie öffnen oder ein anderes Schema wählen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="463"/>
        <source>The series was copied to {where}. Open the copy now, to work on it with your team?</source>
        <translation>Die Serie wurde nach {where} kopiert. Die Kopie jetzt öffnen, um mit dem Team daran zu arbeiten?</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="475"/>
        <source>Copy series to GeoPackage</source>
        <translation>Serie in ein GeoPackage kopieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="489"/>
        <source>Series copied to {where}.</source>
        <translation>Serie nach {where} kopiert.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="69"/>
        <source>Series (GeoPackage or PostGIS)</source>
        <translation>Serie (GeoPackage oder PostGIS)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/base.py" line="60"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/base.py" line="105"/>
        <source>{path}: not a series; give a series GeoPackage (.gpkg) or a PostGIS series (postgis:connection=NAME schema=SCHEMA)</source>
        <translation>{path}: keine Serie; ein Serien-GeoPackage (.gpkg) oder eine PostGIS-Serie (postgis:connection=NAME schema=SCHEMA) angeben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/base.py" line="119"/>
        <source>The series is a GeoPackage file or a series in PostGIS, written as postgis:connection=NAME schema=SCHEMA (NAME: a PostgreSQL connection saved in QGIS) or postgis:service=NAME schema=SCHEMA. Passwords stay in the saved connection, the service file or ~/.pgpass, never in the parameter.</source>
        <translation>Die Serie ist eine GeoPackage-Datei oder eine Serie in PostGIS, geschrieben als postgis:connection=NAME schema=SCHEMA (NAME: eine in QGIS gespeicherte PostgreSQL-Verbindung) oder postgis:service=NAME schema=SCHEMA. Passwörter bleiben in der gespeicherten Verbindung, der Dienstdatei oder ~/.pgpass, nie im Parameter.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/copy_series.py" line="28"/>
        <source>Copy a series</source>
        <translation>Serie kopieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/copy_series.py" line="31"/>
        <source>Copies a whole series, every snapshot, feature, place and setting, to another store: a GeoPackage into a PostGIS schema to share it with a team, or a PostGIS series into a GeoPackage to take it along. Dates are kept to the second with their time zone. A series already at the target is left alone unless REPLACE is set; the copy is written in one step, so a failure leaves the target as it was.</source>
        <translation>Kopiert eine ganze Serie mit allen Lageständen, Objekten, Orten und Einstellungen in einen anderen Speicher: ein GeoPackage in ein PostGIS-Schema, um sie mit einem Team zu teilen, oder eine PostGIS-Serie in ein GeoPackage, um sie mitzunehmen. Zeitpunkte bleiben sekundengenau mit Zeitzone erhalten. Eine Serie, die schon am Ziel liegt, bleibt unberührt, außer REPLACE ist gesetzt; die Kopie wird in einem Schritt geschrieben, ein Fehler lässt das Ziel, wie es war.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/copy_series.py" line="40"/>
        <source>Series to copy</source>
        <translation>Zu kopierende Serie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/new_series.py" line="35"/>
        <source>Target: a GeoPackage path or postgis:connection=NAME schema=SCHEMA</source>
        <translation>Ziel: ein GeoPackage-Pfad oder postgis:connection=NAME schema=SCHEMA</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/copy_series.py" line="46"/>
        <source>Replace a series already at the target</source>
        <translation>Eine Serie am Ziel ersetzen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/copy_series.py" line="51"/>
        <source>Copied series</source>
        <translation>Kopierte Serie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/copy_series.py" line="52"/>
        <source>Snapshots copied</source>
        <translation>Kopierte Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/copy_series.py" line="53"/>
        <source>Features copied</source>
        <translation>Kopierte Objekte</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/copy_series.py" line="63"/>
        <source>{n} snapshots and {m} features copied to {where}</source>
        <translation>{n} Lagestände und {m} Objekte nach {where} kopiert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/import_series.py" line="44"/>
        <source>Imports dated situation files into a series: a folder of files one per date (GeoJSON, KML, KMZ, GeoPackage, Shapefile), Google My Maps KML/KMZ, DeepStateMap history snapshots, ISW layers or another series. The date comes from the file name, a field or the layer metadata. Everything is transformed to WGS84, clipped to the area of interest, repaired where invalid, and areas of one side are dissolved. An existing series keeps all its snapshots: new dates are added, dates it already has are reported and skipped. Problems are reported per file. Formats: auto (detect from the files), folder, mymaps, deepstate, isw, gpkg (a series GeoPackage). The import is one step: if it fails, the series is as it was. Into a PostGIS series, several people can import at once; everyone&apos;s snapshots are kept.</source>
        <translation>Importiert datierte Lagedateien in eine Serie: einen Ordner mit einer Datei je Datum (GeoJSON, KML, KMZ, GeoPackage, Shapefile), Google-My-Maps-KML/KMZ, DeepStateMap-Verlaufsstände, ISW-Ebenen oder eine andere Serie. Das Datum kommt aus dem Dateinamen, einem Feld oder den Metadaten der Ebene. Alles wird nach WGS84 transformiert, auf das Interessengebiet zugeschnitten, wo ungültig repariert, und die Gebiete einer Seite werden vereinigt. Eine bestehende Serie behält alle ihre Lagestände: neue Daten kommen hinzu, bereits vorhandene Daten werden gemeldet und übersprungen. Probleme werden je Datei gemeldet. Formate: auto (aus den Dateien erkennen), folder, mymaps, deepstate, isw, gpkg (ein Serien-GeoPackage). Der Import ist ein Schritt: Scheitert er, bleibt die Serie, wie sie war. In eine PostGIS-Serie können mehrere Personen gleichzeitig importieren; die Lagestände aller bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/operations.py" line="219"/>
        <source>{where}: someone else removed this snapshot since you opened the series; nothing was changed. Reload the series.</source>
        <translation>{where}: Jemand anderes hat diesen Lagestand entfernt, seit Sie die Serie geöffnet haben; nichts wurde geändert. Die Serie neu laden.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/operations.py" line="228"/>
        <source>{where}: {who} changed this snapshot at {when}, after you opened the series; your change was not saved, so theirs is not overwritten. Reload the series and try again.</source>
        <translation>{where}: {who} hat diesen Lagestand um {when} geändert, nachdem Sie die Serie geöffnet haben; Ihre Änderung wurde nicht gespeichert, damit die andere nicht überschrieben wird. Die Serie neu laden und es noch einmal versuchen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/operations.py" line="322"/>
        <source>{where}: a series cannot be copied onto itself</source>
        <translation>{where}: Eine Serie kann nicht auf sich selbst kopiert werden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/operations.py" line="329"/>
        <source>{where}: a series is there already; nothing was copied. Choose another target.</source>
        <translation>{where}: Dort ist bereits eine Serie; nichts wurde kopiert. Ein anderes Ziel wählen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/session.py" line="162"/>
        <source>{where}: another user added {n} snapshots; the map shows the series as it is now.</source>
        <translation>{where}: Jemand anderes hat {n} Lagestände hinzugefügt; die Karte zeigt die Serie, wie sie jetzt ist.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/session.py" line="166"/>
        <source>{where}: another user removed {n} snapshots; the map shows the series as it is now.</source>
        <translation>{where}: Jemand anderes hat {n} Lagestände entfernt; die Karte zeigt die Serie, wie sie jetzt ist.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/session.py" line="168"/>
        <source>{where} was changed in the database; the map shows the series as it is now.</source>
        <translation>{where} wurde in der Datenbank geändert; die Karte zeigt die Serie, wie sie jetzt ist.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gate.py" line="33"/>
        <source>Kursk Tracker starts without its panels until shapely 2 is installed ({error}).</source>
        <translation>Kursk Tracker startet ohne seine Bedienfelder, bis shapely 2 installiert ist ({error}).</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gate.py" line="77"/>
        <source>Install shapely…</source>
        <translation>shapely installieren…</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gate.py" line="91"/>
        <source>Kursk Tracker can install it for itself, into your QGIS profile.</source>
        <translation>Kursk Tracker kann es für sich selbst in Ihr QGIS-Profil installieren.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gate.py" line="98"/>
        <source>Install shapely</source>
        <translation>shapely installieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gate.py" line="112"/>
        <source>Installing {requirement} for Kursk Tracker…</source>
        <translation>{requirement} wird für Kursk Tracker installiert…</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="109"/>
        <source>mismatched tag (expected &lt;/{name}&gt;)</source>
        <translation>falsches Ende-Tag (erwartet &lt;/{name}&gt;)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/safe_files.py" line="143"/>
        <source>XML nested deeper than {depth} elements (refused)</source>
        <translation>XML tiefer als {depth} Elemente verschachtelt (abgelehnt)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/dependencies.py" line="72"/>
        <source>Kursk Tracker needs the Python package shapely 2 for importing and measuring series; QGIS&apos;s Python does not have it.</source>
        <translation>Kursk Tracker braucht das Python-Paket shapely 2, um Serien zu importieren und zu vermessen; das Python von QGIS hat es nicht.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/dependencies.py" line="77"/>
        <source>Kursk Tracker needs the Python package shapely 2 for importing and measuring series; QGIS&apos;s Python has shapely {version}.</source>
        <translation>Kursk Tracker braucht das Python-Paket shapely 2, um Serien zu importieren und zu vermessen; das Python von QGIS hat shapely {version}.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/dependencies.py" line="87"/>
        <source>Kursk Tracker needs the Python package shapely 2; shapely {version} in QGIS&apos;s Python does not work with this QGIS&apos;s GEOS library ({error}).</source>
        <translation>Kursk Tracker braucht das Python-Paket shapely 2; shapely {version} im Python von QGIS arbeitet nicht mit der GEOS-Bibliothek dieses QGIS ({error}).</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/dependencies.py" line="291"/>
        <source>Or install the distribution&apos;s package: sudo apt install python3-shapely</source>
        <translation>Oder installieren Sie das Paket der Distribution: sudo apt install python3-shapely</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/dependencies.py" line="297"/>
        <source>Install it from the menu Kursk Tracker › Install shapely…, or run: {command}</source>
        <translation>Installieren Sie es über das Menü Kursk Tracker › shapely installieren… oder führen Sie aus: {command}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/dependencies.py" line="307"/>
        <source>Install it with: sudo apt install python3-pip</source>
        <translation>Installieren Sie es mit: sudo apt install python3-pip</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/dependencies.py" line="308"/>
        <source>Install it with: {command}</source>
        <translation>Installieren Sie es mit: {command}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="79"/>
        <source>There is no shapely 2 wheel that works with Python {python} and this QGIS&apos;s GEOS {geos}: install a shapely 2 built for GEOS {geos} into QGIS&apos;s Python.</source>
        <translation>Es gibt kein shapely-2-Paket (Wheel), das mit Python {python} und GEOS {geos} dieses QGIS arbeitet: Installieren Sie ein für GEOS {geos} gebautes shapely 2 in das Python von QGIS.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="89"/>
        <source>Kursk Tracker could not find the Python {version} program that QGIS runs on, to run pip with. Run this with QGIS&apos;s Python: {command}</source>
        <translation>Kursk Tracker hat das Python-{version}-Programm, mit dem QGIS läuft, nicht gefunden, um pip damit auszuführen. Führen Sie dies mit dem Python von QGIS aus: {command}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="102"/>
        <source>pip could not be started with {python} ({error}). Run: {command}</source>
        <translation>pip ließ sich mit {python} nicht starten ({error}). Führen Sie aus: {command}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="233"/>
        <source>The installation of shapely was canceled.</source>
        <translation>Die Installation von shapely wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="118"/>
        <source>pip did not finish within {minutes} minutes. Run: {command}</source>
        <translation>pip ist nicht innerhalb von {minutes} Minuten fertig geworden. Führen Sie aus: {command}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="125"/>
        <source>{requirement} is installed for Kursk Tracker in {folder}.</source>
        <translation>{requirement} ist für Kursk Tracker in {folder} installiert.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="134"/>
        <source>QGIS's Python ({python}) has no pip (No module named pip). {get_pip} Then choose Kursk Tracker › Install shapely… again, or run: {command}</source>
        <translation>Das Python von QGIS ({python}) hat kein pip (No module named pip). {get_pip} Wählen Sie danach erneut Kursk Tracker › shapely installieren… oder führen Sie aus: {command}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="142"/>
        <source>pip could not install {requirement} (exit code {code}): {error}. Check the network connection or pip&apos;s index settings and try again, or run: {command}</source>
        <translation>pip konnte {requirement} nicht installieren (Exit-Code {code}): {error}. Prüfen Sie die Netzwerkverbindung oder die Index-Einstellungen von pip und versuchen Sie es erneut, oder führen Sie aus: {command}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="176"/>
        <source>shapely 2 is installed for Kursk Tracker in {folder}, but QGIS or another plugin loaded shapely {version} from {where} first. Remove that one or disable the plugin that loads it, or start QGIS with {folder} in the environment variable PYTHONPATH.</source>
        <translation>shapely 2 ist für Kursk Tracker in {folder} installiert, aber QGIS oder ein anderes Plugin hat zuvor shapely {version} aus {where} geladen. Entfernen Sie dieses oder deaktivieren Sie das Plugin, das es lädt, oder starten Sie QGIS mit {folder} in der Umgebungsvariablen PYTHONPATH.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="189"/>
        <source>{requirement} is installed for Kursk Tracker in {folder}, but this QGIS session has already loaded shapely {version} from {where}: restart QGIS to use the new one.</source>
        <translation>{requirement} ist für Kursk Tracker in {folder} installiert, aber diese QGIS-Sitzung hat bereits shapely {version} aus {where} geladen: Starten Sie QGIS neu, um das neue zu verwenden.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="202"/>
        <source>shapely {version} is installed for Kursk Tracker in {folder}; importing and measuring series work now.</source>
        <translation>shapely {version} ist für Kursk Tracker in {folder} installiert; Serien lassen sich jetzt importieren und vermessen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/toolbelt/shapely_install.py" line="220"/>
        <source>Installing shapely for Kursk Tracker</source>
        <translation>shapely wird für Kursk Tracker installiert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="394"/>
        <source>{when} is outside the series, which runs from {first} to {last}.</source>
        <translation>{when} liegt außerhalb der Serie, die vom {first} bis zum {last} reicht.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/session.py" line="160"/>
        <source>{where}: another user added a snapshot; the map shows the series as it is now.</source>
        <translation>{where}: Jemand anderes hat einen Lagestand hinzugefügt; die Karte zeigt die Serie, wie sie jetzt ist.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/session.py" line="164"/>
        <source>{where}: another user removed a snapshot; the map shows the series as it is now.</source>
        <translation>{where}: Jemand anderes hat einen Lagestand entfernt; die Karte zeigt die Serie, wie sie jetzt ist.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="204"/>
        <source>1 snapshot</source>
        <translation>1 Lagestand</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="57"/>
        <source>1 snapshot imported into {name}.</source>
        <translation>1 Lagestand in {name} importiert.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timings.py" line="18"/>
        <source>Eased</source>
        <translation>Geglättet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="65"/>
        <source>The language of the figure&apos;s title, dates, captions, credit and place names. It starts at QGIS&apos;s language each session and applies to the exports you start from here.</source>
        <translation>Die Sprache von Titel, Daten, Bildunterschriften, Quellenangabe und Ortsnamen der Grafik. Sie beginnt in jeder Sitzung mit der Sprache von QGIS und gilt für die Exporte, die Sie hier starten.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/animation_panel.py" line="215"/>
        <source>Timing</source>
        <translation>Zeitverlauf</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/date_dialog.py" line="66"/>
        <source>No date was found in the name, fields or metadata of these files. Tick a file and give its date and time to import it:</source>
        <translation>Im Namen, in den Feldern oder Metadaten dieser Dateien wurde kein Datum gefunden. Haken Sie eine Datei an und geben Sie Datum und Uhrzeit an, um sie zu importieren:</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="44"/>
        <source>New series…</source>
        <translation>Neue Serie …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="48"/>
        <source>Into the open series</source>
        <translation>In die geöffnete Serie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="75"/>
        <source>Into</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="102"/>
        <source>The file exists: the snapshots are added to the series in it, which then opens.</source>
        <translation>Die Datei besteht schon: Die Lagestände kommen zur Serie darin hinzu, die dann geöffnet wird.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="104"/>
        <source>It is created by the import and opens when the import is done.</source>
        <translation>Der Import legt sie an; sie wird nach dem Import geöffnet.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="106"/>
        <source>{name} is then closed, unchanged.</source>
        <translation>{name} wird dann unverändert geschlossen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="107"/>
        <source>New series &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>Neue Serie &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="114"/>
        <source>The open series &lt;b&gt;{name}&lt;/b&gt;</source>
        <translation>Die geöffnete Serie &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="118"/>
        <source>A new series: choose its GeoPackage with &lt;i&gt;New series…&lt;/i&gt;</source>
        <translation>Eine neue Serie: wählen Sie ihr GeoPackage mit &lt;i&gt;Neue Serie …&lt;/i&gt;</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="37"/>
        <source>… and 1 more, listed in the details</source>
        <translation>… und 1 weiteres, aufgeführt in den Details</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="39"/>
        <source>… and {n} more, listed in the details</source>
        <translation>… und {n} weitere, aufgeführt in den Details</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="64"/>
        <source>{name} is open now; {previous} was closed, unchanged.</source>
        <translation>{name} ist jetzt geöffnet; {previous} wurde unverändert geschlossen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="68"/>
        <source>Nothing was imported, so no series was made at {where}; {previous} stays open.</source>
        <translation>Nichts wurde importiert, daher wurde unter {where} keine Serie angelegt; {previous} bleibt geöffnet.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="76"/>
        <source>1 problem</source>
        <translation>1 Problem</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="76"/>
        <source>{n} problems</source>
        <translation>{n} Probleme</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="82"/>
        <source>1 repair</source>
        <translation>1 Reparatur</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/import_report.py" line="82"/>
        <source>{n} repairs</source>
        <translation>{n} Reparaturen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="94"/>
        <source>Open the sample series: the 2024 Kursk offensive, week by week (illustrative, not ground truth)</source>
        <translation>Die Beispielserie öffnen: die Kursk-Offensive 2024, Woche für Woche (zur Veranschaulichung, keine gesicherte Lage)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="105"/>
        <source>Import dated situation files into the open series or a new one; the dialog shows where they go</source>
        <translation>Datierte Lagedateien in die geöffnete oder eine neue Serie importieren; der Dialog zeigt, wohin sie kommen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="137"/>
        <source>Give the selected snapshot another date and time</source>
        <translation>Dem gewählten Lagestand ein anderes Datum und eine andere Uhrzeit geben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="141"/>
        <source>Remove the selected snapshot and its features from the series</source>
        <translation>Den gewählten Lagestand und seine Objekte aus der Serie entfernen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="392"/>
        <source>New date and time:</source>
        <translation>Neues Datum und Uhrzeit:</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="108"/>
        <source>Previous snapshot</source>
        <translation>Vorheriger Lagestand</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="111"/>
        <source>Step back</source>
        <translation>Schritt zurück</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="114"/>
        <source>Play or pause</source>
        <translation>Abspielen oder anhalten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="118"/>
        <source>Step forward</source>
        <translation>Schritt vor</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="121"/>
        <source>Next snapshot</source>
        <translation>Nächster Lagestand</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="141"/>
        <source>Date and time to jump to (Enter or Go)</source>
        <translation>Datum und Uhrzeit, zu denen gesprungen wird (Eingabetaste oder Los)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="150"/>
        <source>Step of the step buttons</source>
        <translation>Schrittweite der Schritt-Knöpfe</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="155"/>
        <source>Playing speed: days of the series per second</source>
        <translation>Abspielgeschwindigkeit: Tage der Serie je Sekunde</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="157"/>
        <source>Play again from the start at the end</source>
        <translation>Am Ende von vorn abspielen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="169"/>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="171"/>
        <source>Show or hide the chart of the area each side holds</source>
        <translation>Diagramm der von jeder Seite gehaltenen Fläche ein- oder ausblenden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="246"/>
        <source>{what} ({panel_key} in this panel, {map_key} in the map or this panel)</source>
        <translation>{what} ({panel_key} in diesem Fenster, {map_key} in der Karte oder in diesem Fenster)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="55"/>
        <source>self-intersection</source>
        <translation>Selbstüberschneidung</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="56"/>
        <source>ring touching itself</source>
        <translation>Ring berührt sich selbst</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="57"/>
        <source>too few points</source>
        <translation>zu wenige Punkte</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="58"/>
        <source>hole outside its polygon</source>
        <translation>Loch außerhalb seines Polygons</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="59"/>
        <source>hole inside a hole</source>
        <translation>Loch in einem Loch</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="60"/>
        <source>polygon inside a polygon</source>
        <translation>Polygon in einem Polygon</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="61"/>
        <source>polygon cut in two by its holes</source>
        <translation>Polygon durch seine Löcher zerteilt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="62"/>
        <source>ring given twice</source>
        <translation>Ring doppelt angegeben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="63"/>
        <source>invalid coordinate</source>
        <translation>ungültige Koordinate</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="64"/>
        <source>ring not closed</source>
        <translation>Ring nicht geschlossen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="73"/>
        <source>{problem} at {lat} N, {lon} E</source>
        <translation>{problem} bei {lat} N, {lon} E</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="79"/>
        <source>repaired an area: {reason}</source>
        <translation>Gebiet repariert: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="80"/>
        <source>repaired a front line: {reason}</source>
        <translation>Frontlinie repariert: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="81"/>
        <source>repaired a movement arrow: {reason}</source>
        <translation>Bewegungspfeil repariert: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="82"/>
        <source>repaired an annotation: {reason}</source>
        <translation>Beschriftung repariert: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/importers/normalize.py" line="83"/>
        <source>repaired a geometry: {reason}</source>
        <translation>Geometrie repariert: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="37"/>
        <source>FORMAT {format} contradicts the output file {name}: leave FORMAT empty or name a .{format} file</source>
        <translation>FORMAT {format} widerspricht der Ausgabedatei {name}: FORMAT leer lassen oder eine .{format}-Datei angeben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="81"/>
        <source>Writes the timeline of a series as an animated GIF or an MP4 video (H.264; needs the program ffmpeg). A frame every STEP_HOURS from FROM to TO (ISO 8601; empty: the first and last snapshot), the front interpolated between snapshots, with the series name, the date and week and the change since the previous snapshot on every frame. Each snapshot stays HOLD_SECONDS longer. In a GIF, identical frames are stored once with a longer duration; an MP4 has a constant frame rate, holds are repeated frames. USE_LAYOUT draws the whole Lagebild print layout on each frame (the height then follows the page; layouts draw only on QGIS&apos;s main thread, e.g. with qgis_process). The format follows the OUTPUT file&apos;s extension (.gif or .mp4); a FORMAT that contradicts it is an error. TIMING linear (the default) moves the front at a steady pace through each interval, so the film shows motion; eased puts most change in the middle of each interval, as frontatdate does by default.</source>
        <translation>Schreibt den Zeitverlauf einer Serie als animiertes GIF oder als MP4-Video (H.264; benötigt das Programm ffmpeg). Alle STEP_HOURS ein Bild von FROM bis TO (ISO 8601; leer: erstes und letzter Lagestand), die Front zwischen den Lageständen interpoliert, auf jedem Bild mit Name der Serie, Datum und Woche sowie der Veränderung seit dem vorigen Lagestand. Jeder Lagestand bleibt HOLD_SECONDS länger stehen. Im GIF werden gleiche Bilder einmal mit längerer Dauer gespeichert; ein MP4 hat eine feste Bildrate, Standzeiten sind wiederholte Bilder. USE_LAYOUT zeichnet auf jedes Bild das vollständige Lagebild-Drucklayout (die Höhe folgt dann der Seite; Layouts werden nur im Hauptthread von QGIS gezeichnet, z. B. mit qgis_process). Das Format folgt der Endung der Datei OUTPUT (.gif oder .mp4); ein FORMAT, das ihr widerspricht, ist ein Fehler. TIMING linear (die Vorgabe) bewegt die Front gleichmäßig durch jeden Abschnitt, sodass der Film Bewegung zeigt; eased legt die meiste Änderung in die Mitte jedes Abschnitts, wie frontatdate es standardmäßig tut.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_animation.py" line="112"/>
        <source>Format (empty: from the file&apos;s extension)</source>
        <translation>Format (leer: aus der Dateiendung)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="76"/>
        <source>Timing between snapshots</source>
        <translation>Zeitverlauf zwischen Lageständen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timings.py" line="11"/>
        <source>Linear: the front moves evenly from one snapshot to the next, so every frame shows it moving.</source>
        <translation>Linear: Die Front bewegt sich gleichmäßig von einem Lagestand zum nächsten, sodass jedes Bild sie in Bewegung zeigt.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timings.py" line="18"/>
        <source>Eased: the ground changes hands in short jumps, most around the middle of each interval; the likeliest timing, the one the measured figures use.</source>
        <translation>Geglättet: Das Gelände wechselt in kurzen Sprüngen den Besitzer, meist um die Mitte jedes Abschnitts; der wahrscheinlichste Verlauf, den auch die gemessenen Zahlen verwenden.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="66"/>
        <source>SNAPSHOT is the snapshot&apos;s id (a whole number, as List snapshots of a series writes it) or its current instant in ISO 8601 (2024-10-29T21:00:00Z; without a zone, UTC). EXPECTED_VERSION (a PostGIS series only) is the snapshot version you read; where someone else changed or removed the snapshot since, nothing is written. Without it, the version read at the start of the run is checked. A GeoPackage series keeps no versions.</source>
        <translation>SNAPSHOT ist die ID des Lagestands (eine ganze Zahl, wie „Lagestände einer Serie auflisten“ sie schreibt) oder sein jetziger Zeitpunkt in ISO 8601 (2024-10-29T21:00:00Z; ohne Zone: UTC). EXPECTED_VERSION (nur bei einer PostGIS-Serie) ist die Version des Lagestands, die Sie gelesen haben; hat jemand anderes den Lagestand seitdem geändert oder entfernt, wird nichts geschrieben. Ohne sie wird die zu Beginn des Laufs gelesene Version geprüft. Eine GeoPackage-Serie führt keine Versionen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="76"/>
        <source>Snapshot (id, or its instant in ISO 8601)</source>
        <translation>Lagestand (ID oder sein Zeitpunkt in ISO 8601)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="79"/>
        <source>Expected snapshot version (PostGIS; empty: as read now)</source>
        <translation>Erwartete Version des Lagestands (PostGIS; leer: wie jetzt gelesen)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="118"/>
        <source>{where}: this series keeps no snapshot versions (only a PostGIS series does); leave EXPECTED_VERSION empty</source>
        <translation>{where}: Diese Serie führt keine Versionen der Lagestände (nur eine PostGIS-Serie tut das); lassen Sie EXPECTED_VERSION leer</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="136"/>
        <source>{where}: SNAPSHOT {text} is neither a snapshot id nor an ISO 8601 date and time</source>
        <translation>{where}: SNAPSHOT {text} ist weder eine ID eines Lagestands noch ein Datum mit Uhrzeit in ISO 8601</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="161"/>
        <source>{where}: no snapshot {snapshot} in the series (List snapshots of a series shows its snapshots)</source>
        <translation>{where}: kein Lagestand {snapshot} in der Serie („Lagestände einer Serie auflisten“ zeigt ihre Lagestände)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="184"/>
        <source>Re-date a snapshot</source>
        <translation>Lagestand umdatieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="187"/>
        <source>Gives a snapshot of a series a new instant, as the Situation panel&apos;s re-date does: its features move with it. DATETIME is ISO 8601 (2024-10-29T21:00:00Z; without a zone, UTC). A date another snapshot of the series already has is refused. The change is one step: on any error the series is left as it was.</source>
        <translation>Gibt einem Lagestand einer Serie einen neuen Zeitpunkt, wie das Umdatieren im Bedienfeld „Lageebenen“: Seine Objekte wandern mit. DATETIME ist ISO 8601 (2024-10-29T21:00:00Z; ohne Zone: UTC). Ein Datum, das schon ein anderer Lagestand der Serie hat, wird abgelehnt. Die Änderung geschieht in einem Schritt: Bei jedem Fehler bleibt die Serie, wie sie war.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="200"/>
        <source>New date and time (ISO 8601)</source>
        <translation>Neues Datum und Uhrzeit (ISO 8601)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="202"/>
        <source>Snapshot id</source>
        <translation>ID des Lagestands</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="203"/>
        <source>New date and time (UTC, ISO 8601)</source>
        <translation>Neues Datum und Uhrzeit (UTC, ISO 8601)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="204"/>
        <source>Previous date and time (UTC, ISO 8601)</source>
        <translation>Bisheriges Datum und Uhrzeit (UTC, ISO 8601)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="207"/>
        <source>Snapshot version now (0: the series keeps none)</source>
        <translation>Jetzige Version des Lagestands (0: die Serie führt keine)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="219"/>
        <source>{where}: DATETIME {text} is not an ISO 8601 date and time</source>
        <translation>{where}: DATETIME {text} ist kein Datum mit Uhrzeit in ISO 8601</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="234"/>
        <source>{where}: snapshot {other} already has the date {when}; nothing was changed</source>
        <translation>{where}: Lagestand {other} hat bereits das Datum {when}; nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="240"/>
        <source>{where}: snapshot {id} moved from {old} to {new}</source>
        <translation>{where}: Lagestand {id} von {old} auf {new} verschoben</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/remove_snapshot.py" line="21"/>
        <source>Remove a snapshot</source>
        <translation>Lagestand entfernen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/remove_snapshot.py" line="24"/>
        <source>Removes a snapshot and all its features from a series, as the Situation panel&apos;s removal does. The change is one step: on any error the series is left as it was. The outputs say what was removed: the snapshot&apos;s id, its instant and its number of features.</source>
        <translation>Entfernt einen Lagestand und alle seine Objekte aus einer Serie, wie das Entfernen im Bedienfeld „Lageebenen“. Die Änderung geschieht in einem Schritt: Bei jedem Fehler bleibt die Serie, wie sie war. Die Ausgaben nennen, was entfernt wurde: die ID des Lagestands, seinen Zeitpunkt und die Zahl seiner Objekte.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/remove_snapshot.py" line="37"/>
        <source>Removed snapshot id</source>
        <translation>ID des entfernten Lagestands</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/remove_snapshot.py" line="38"/>
        <source>Removed snapshot&apos;s date and time (UTC, ISO 8601)</source>
        <translation>Datum und Uhrzeit des entfernten Lagestands (UTC, ISO 8601)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/remove_snapshot.py" line="41"/>
        <source>Features removed</source>
        <translation>Entfernte Objekte</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/remove_snapshot.py" line="58"/>
        <source>{where}: snapshot {id} of {when} removed with {n} features</source>
        <translation>{where}: Lagestand {id} vom {when} mit {n} Objekten entfernt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/backend.py" line="67"/>
        <source>cannot read &apos;{text}&apos; (write key=value pairs)</source>
        <translation>„{text}“ ist nicht lesbar (schreiben Sie Paare Schlüssel=Wert)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/backend.py" line="105"/>
        <source>&apos;{schema}&apos; is not a usable schema name: use lower-case letters, digits and underscores, starting with a letter, at most 63 characters</source>
        <translation>„{schema}“ ist kein brauchbarer Schemaname: Kleinbuchstaben, Ziffern und Unterstriche, mit einem Buchstaben beginnend, höchstens 63 Zeichen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/backend.py" line="321"/>
        <source>PostGIS connection &apos;{name}&apos;: saved QGIS connections need QGIS; name the database with service= or host=, port=, dbname= instead</source>
        <translation>PostGIS-Verbindung „{name}“: gespeicherte QGIS-Verbindungen brauchen QGIS; geben Sie die Datenbank stattdessen mit service= oder host=, port=, dbname= an</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/backend.py" line="332"/>
        <source>PostGIS connection &apos;{name}&apos;: QGIS has no saved PostgreSQL connection of that name (saved: {known})</source>
        <translation>PostGIS-Verbindung „{name}“: QGIS hat keine gespeicherte PostgreSQL-Verbindung dieses Namens (gespeichert: {known})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/backend.py" line="385"/>
        <source>no series given: name a series GeoPackage or a PostGIS series (postgis:connection=NAME schema=SCHEMA)</source>
        <translation>keine Serie angegeben: nennen Sie ein Serien-GeoPackage oder eine PostGIS-Serie (postgis:connection=NAME schema=SCHEMA)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/backend.py" line="399"/>
        <source>a PostGIS series location must not hold a password (it would end up in projects and logs): use a saved QGIS connection, a PostgreSQL service file or ~/.pgpass</source>
        <translation>der Ort einer PostGIS-Serie darf kein Passwort enthalten (es landete in Projekten und Protokollen): verwenden Sie eine gespeicherte QGIS-Verbindung, eine PostgreSQL-Dienstdatei oder ~/.pgpass</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/backend.py" line="408"/>
        <source>{where}: no schema= given (the PostgreSQL schema that holds the series)</source>
        <translation>{where}: kein schema= angegeben (das PostgreSQL-Schema, das die Serie enthält)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/backend.py" line="412"/>
        <source>{where}: say which database: connection=NAME (a saved QGIS connection), service=NAME, or host=, port=, dbname=</source>
        <translation>{where}: geben Sie die Datenbank an: connection=NAME (eine gespeicherte QGIS-Verbindung), service=NAME oder host=, port=, dbname=</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_connection.py" line="37"/>
        <source>PostGIS needs the Python package psycopg2 (Debian: python3-psycopg2)</source>
        <translation>PostGIS braucht das Python-Paket psycopg2 (Debian: python3-psycopg2)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_connection.py" line="81"/>
        <source>cannot connect to {where}: {reason}</source>
        <translation>keine Verbindung zu {where}: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_connection.py" line="81"/>
        <source>PostGIS at {target}</source>
        <translation>PostGIS unter {target}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_write.py" line="75"/>
        <source>feature {n}: no layer &apos;{layer}&apos; in a series (layers: {layers})</source>
        <translation>Objekt {n}: keine Ebene „{layer}“ in einer Serie (Ebenen: {layers})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_write.py" line="84"/>
        <source>feature {n} ({layer}): unknown fields {fields}</source>
        <translation>Objekt {n} ({layer}): unbekannte Felder {fields}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_write.py" line="92"/>
        <source>feature {n} ({layer}): no snapshot {id}</source>
        <translation>Objekt {n} ({layer}): kein Lagestand {id}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_write.py" line="101"/>
        <source>feature {n} ({layer}): {error}</source>
        <translation>Objekt {n} ({layer}): {error}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="56"/>
        <source>{where}: no Kursk Tracker series there (the schema does not exist)</source>
        <translation>{where}: dort ist keine Kursk-Tracker-Serie (das Schema besteht nicht)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="60"/>
        <source>{where}: no Kursk Tracker series there (the schema has no series tables)</source>
        <translation>{where}: dort ist keine Kursk-Tracker-Serie (das Schema hat keine Serientabellen)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="64"/>
        <source>{where}: not a Kursk Tracker series (no table {tables})</source>
        <translation>{where}: keine Kursk-Tracker-Serie (keine Tabelle {tables})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="82"/>
        <source>{where}: series settings are incomplete or damaged ({error})</source>
        <translation>{where}: die Einstellungen der Serie sind unvollständig oder beschädigt ({error})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="136"/>
        <source>{where}: {doing}: the database user lacks the privileges ({reason}); ask the database owner to grant them</source>
        <translation>{where}: {doing}: dem Datenbankbenutzer fehlen die Rechte ({reason}); bitten Sie den Eigentümer der Datenbank, sie zu erteilen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="143"/>
        <source>{where}: {doing}: the database is read-only ({reason})</source>
        <translation>{where}: {doing}: die Datenbank ist schreibgeschützt ({reason})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="148"/>
        <source>{where}: {doing}: {reason}</source>
        <translation>{where}: {doing}: {reason}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_write.py" line="293"/>
        <source>{where}: the database has no PostGIS extension; a database owner can add it with CREATE EXTENSION postgis</source>
        <translation>{where}: die Datenbank hat keine PostGIS-Erweiterung; ein Eigentümer der Datenbank kann sie mit CREATE EXTENSION postgis hinzufügen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_write.py" line="315"/>
        <source>nothing was changed</source>
        <translation>nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_write.py" line="319"/>
        <source>{where}: nothing was changed: {error}</source>
        <translation>{where}: nichts wurde geändert: {error}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="230"/>
        <source>cannot read the series</source>
        <translation>die Serie kann nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="185"/>
        <source>cannot read the features</source>
        <translation>die Objekte können nicht gelesen werden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/store/postgis_read.py" line="247"/>
        <source>cannot list the series</source>
        <translation>die Serien können nicht aufgelistet werden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/frame_plan.py" line="77"/>
        <source>Between 1 and {most} frames can be drawn at once</source>
        <translation>Es können 1 bis {most} Bilder gleichzeitig gezeichnet werden</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/redate_snapshot.py" line="105"/>
        <source>{where}: no series there; nothing was changed</source>
        <translation>{where}: dort ist keine Serie; nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="461"/>
        <source>Nothing to draw: the layers are empty.</source>
        <translation>Nichts zu zeichnen: Die Layer sind leer.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/session.py" line="439"/>
        <source>No series is open.</source>
        <translation>Keine Serie ist geöffnet.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/project_state.py" line="75"/>
        <source>The project&apos;s saved instant {text} is not a date; the latest snapshot is shown.</source>
        <translation>Der im Projekt gespeicherte Zeitpunkt {text} ist kein Datum; der neueste Lagestand wird gezeigt.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/new_series.py" line="25"/>
        <source>New empty series</source>
        <translation>Neue leere Serie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/new_series.py" line="28"/>
        <source>Makes an empty series at a GeoPackage path or in a PostGIS schema, named for it, with the default sides (Ukraine, Russia) and time zone (Europe/Berlin); import snapshots into it afterwards. A series already at the target is left alone and the algorithm fails.</source>
        <translation>Legt eine leere Serie unter einem GeoPackage-Pfad oder in einem PostGIS-Schema an, nach diesem benannt, mit den voreingestellten Seiten (Ukraine, Russland) und der Zeitzone Europe/Berlin; Lagestände werden danach hineinimportiert. Liegt am Ziel schon eine Serie, bleibt sie unberührt und der Algorithmus schlägt fehl.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/new_series.py" line="48"/>
        <source>Empty series made at {where}</source>
        <translation>Leere Serie angelegt: {where}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/web_data.py" line="268"/>
        <source>The series has no snapshots: there is nothing to put on a page.</source>
        <translation>Die Serie hat keine Lagestände: Es gibt nichts, was auf eine Seite käme.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/web_data.py" line="276"/>
        <source>No snapshot lies between {start} and {end}; the series runs from {first} to {last}.</source>
        <translation>Zwischen {start} und {end} liegt kein Lagestand; die Serie reicht von {first} bis {last}.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/web_data.py" line="285"/>
        <source>Only one snapshot ({when}) is in the span: a page with a moving front needs two or more. Export a Lagebild for a single snapshot.</source>
        <translation>Im Zeitraum liegt nur ein Lagestand ({when}): Eine Seite mit bewegter Front braucht zwei oder mehr. Für einen einzelnen Lagestand exportieren Sie ein Lagebild.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/web_data.py" line="392"/>
        <source>The snapshots in the span hold no areas: there is no front to show.</source>
        <translation>Die Lagestände im Zeitraum enthalten keine Gebiete: Es gibt keine Front zu zeigen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/web_data.py" line="403"/>
        <source>The basemap URL must be an http(s) XYZ template with {{z}}, {{x}} and {{y}}, not {url!r}.</source>
        <translation>Die Grundkarten-URL muss eine http(s)-XYZ-Vorlage mit {{z}}, {{x}} und {{y}} sein, nicht {url!r}.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/web_page.py" line="81"/>
        <source>The web page&apos;s files are missing from the plugin: {files}. Reinstall the plugin.</source>
        <translation>Dem Plugin fehlen die Dateien der Webseite: {files}. Installieren Sie das Plugin neu.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/web_page.py" line="140"/>
        <source>{path}: the folder cannot be written to.</source>
        <translation>{path}: In diesen Ordner kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/web_page.py" line="158"/>
        <source>{path}: the page could not be written ({problem}).</source>
        <translation>{path}: Die Seite konnte nicht geschrieben werden ({problem}).</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/export/web_page.py" line="309"/>
        <source>The web page export was cancelled; nothing was written.</source>
        <translation>Der Export der Webseite wurde abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_actions.py" line="65"/>
        <source>An import is running; try again when it is done.</source>
        <translation>Ein Import läuft; versuchen Sie es erneut, wenn er fertig ist.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_actions.py" line="116"/>
        <source>Looking for new DeepStateMap snapshots failed: {error}</source>
        <translation>Die Suche nach neuen DeepStateMap-Lageständen ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_actions.py" line="124"/>
        <source>1 new snapshot available from DeepStateMap — update?</source>
        <translation>1 neuer Lagestand bei DeepStateMap — aktualisieren?</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_actions.py" line="124"/>
        <source>{n} new snapshots available from DeepStateMap — update?</source>
        <translation>{n} neue Lagestände bei DeepStateMap — aktualisieren?</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_actions.py" line="136"/>
        <source>Update</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="63"/>
        <source>From DeepStateMap (online)</source>
        <translation>Aus DeepStateMap (online)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="212"/>
        <source>Update to today, from the series&apos; last snapshot on</source>
        <translation>Bis heute aktualisieren, ab dem letzten Lagestand der Serie</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="79"/>
        <source>These days:</source>
        <translation>Diese Tage:</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="81"/>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="91"/>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="100"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="109"/>
        <source>Every day</source>
        <translation>Jeden Tag</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="110"/>
        <source>Every week</source>
        <translation>Jede Woche</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="118"/>
        <source>the last snapshot at or before</source>
        <translation>der letzte Lagestand bis</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="128"/>
        <source>xmin,ymin,xmax,ymax in degrees; empty: the whole front</source>
        <translation>xmin,ymin,xmax,ymax in Grad; leer: die ganze Front</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="129"/>
        <source>Map extent</source>
        <translation>Kartenausschnitt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="138"/>
        <source>The service, a mirror of it, or a server of your own</source>
        <translation>Der Dienst, ein Spiegel davon oder ein eigener Server</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="139"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="141"/>
        <source>On opening a series from DeepStateMap, look for new snapshots (once a day)</source>
        <translation>Beim Öffnen einer Serie aus DeepStateMap nach neuen Lageständen suchen (einmal am Tag)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="151"/>
        <source>Clear cache</source>
        <translation>Zwischenspeicher leeren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="156"/>
        <source>Cache</source>
        <translation>Zwischenspeicher</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="158"/>
        <source>The data is DeepStateMap&apos;s (deepstatemap.live); the series&apos; credit names it. Only snapshots the series lacks are fetched, at most two requests a second.</source>
        <translation>Die Daten stammen von DeepStateMap (deepstatemap.live); die Quellenangabe der Serie nennt es. Abgerufen werden nur Lagestände, die der Serie fehlen, höchstens zwei Anfragen pro Sekunde.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="172"/>
        <source>Fetch</source>
        <translation>Abrufen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="207"/>
        <source>Update to today, from the series&apos; last snapshot ({day}) on</source>
        <translation>Bis heute aktualisieren, ab dem letzten Lagestand der Serie ({day})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/online_dialog.py" line="232"/>
        <source>{n} snapshots, {mb} MB in {folder}</source>
        <translation>{n} Lagestände, {mb} MB in {folder}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="119"/>
        <source>From DeepStateMap (online)…</source>
        <translation>Aus DeepStateMap (online)…</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="44"/>
        <source>Exporting the web page…</source>
        <translation>Webseite wird exportiert …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="83"/>
        <source>One HTML file</source>
        <translation>Eine HTML-Datei</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="86"/>
        <source>Everything in one self-contained .html file, rather than index.html with its files in a folder</source>
        <translation>Alles in einer eigenständigen .html-Datei statt index.html mit ihren Dateien in einem Ordner</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="92"/>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="96"/>
        <source>none (works offline)</source>
        <translation>keine (funktioniert offline)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="97"/>
        <source>Optional XYZ tile URL such as https://tile.example.org/{z}/{x}/{y}.png. Without one the page loads nothing from anywhere: it works offline and tells no server who reads it.</source>
        <translation>Optionale XYZ-Kachel-URL wie https://tile.example.org/{z}/{x}/{y}.png. Ohne sie lädt die Seite nichts von irgendwoher: Sie funktioniert offline und verrät keinem Server, wer sie liest.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="103"/>
        <source>Basemap</source>
        <translation>Grundkarte</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="105"/>
        <source>Export web page…</source>
        <translation>Webseite exportieren …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="107"/>
        <source>The whole series as an interactive page: a time slider and the moving front, in the chosen language</source>
        <translation>Die ganze Serie als interaktive Seite: ein Zeitregler und die bewegte Front, in der gewählten Sprache</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="134"/>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="155"/>
        <source>Export web page</source>
        <translation>Webseite exportieren</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="56"/>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="159"/>
        <source>Folder for the web page (index.html)</source>
        <translation>Ordner für die Webseite (index.html)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="203"/>
        <source>Writing the web page to {path}…</source>
        <translation>Webseite wird nach {path} geschrieben …</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="229"/>
        <source>Cancelled: nothing was written.</source>
        <translation>Abgebrochen: Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/web_page_panel.py" line="233"/>
        <source>Web page written ({size} kB, {snapshots} snapshots): {path}</source>
        <translation>Webseite geschrieben ({size} kB, {snapshots} Lagestände): {path}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/answers.py" line="34"/>
        <source>the service sent an empty answer</source>
        <translation>der Dienst hat eine leere Antwort gesendet</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/answers.py" line="36"/>
        <source>the service sent a web page instead of data (a captcha or maintenance page?)</source>
        <translation>der Dienst hat statt Daten eine Webseite gesendet (eine Captcha- oder Wartungsseite?)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/answers.py" line="40"/>
        <source>the answer is not UTF-8 text (byte {offset})</source>
        <translation>die Antwort ist kein UTF-8-Text (Byte {offset})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/answers.py" line="53"/>
        <source>the answer is cut off (truncated JSON after {n} bytes)</source>
        <translation>die Antwort ist abgeschnitten (JSON endet nach {n} Bytes)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/answers.py" line="56"/>
        <source>the answer is not valid JSON (line {line}, column {column})</source>
        <translation>die Antwort ist kein gültiges JSON (Zeile {line}, Spalte {column})</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/answers.py" line="62"/>
        <source>the answer&apos;s JSON is nested too deeply</source>
        <translation>das JSON der Antwort ist zu tief verschachtelt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/answers.py" line="71"/>
        <source>the answer is JSON but not a GeoJSON FeatureCollection</source>
        <translation>die Antwort ist JSON, aber keine GeoJSON-FeatureCollection</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="281"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="207"/>
        <source>the service answered {status} {times} times in a row; try again later</source>
        <translation>der Dienst antwortete {times}-mal hintereinander mit {status}; später erneut versuchen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="216"/>
        <source>the service answered {status} and asks to wait {seconds} s; try again later</source>
        <translation>der Dienst antwortete mit {status} und bittet, {seconds} s zu warten; später erneut versuchen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="230"/>
        <source>the service has no such snapshot (404 Not Found)</source>
        <translation>der Dienst hat diesen Lagestand nicht (404 Not Found)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="231"/>
        <source>the service answered HTTP {status}</source>
        <translation>der Dienst antwortete mit HTTP {status}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="301"/>
        <source>the answer is larger than {mb} MB, far larger than any snapshot; not read</source>
        <translation>die Antwort ist größer als {mb} MB, weit größer als jeder Lagestand; nicht gelesen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="312"/>
        <source>the server {host} refused the connection</source>
        <translation>der Server {host} hat die Verbindung abgelehnt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="314"/>
        <source>the server name {host} cannot be found (no network, or a wrong address?)</source>
        <translation>der Servername {host} ist nicht auffindbar (kein Netz oder eine falsche Adresse?)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="318"/>
        <source>no answer for {seconds} s; the server stalled</source>
        <translation>{seconds} s lang keine Antwort; der Server stockt</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="322"/>
        <source>the server closed the connection before the answer was complete</source>
        <translation>der Server hat die Verbindung geschlossen, bevor die Antwort vollständig war</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/client.py" line="324"/>
        <source>the request failed: {message}</source>
        <translation>die Anfrage ist fehlgeschlagen: {message}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/history.py" line="56"/>
        <source>the history list is not a JSON array of records</source>
        <translation>die Verlaufsliste ist kein JSON-Array von Einträgen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/history.py" line="67"/>
        <source>the history list holds no record with a snapshot id</source>
        <translation>die Verlaufsliste enthält keinen Eintrag mit einer Lagestand-ID</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/task.py" line="55"/>
        <source>Updating {name} from DeepStateMap</source>
        <translation>{name} wird aus DeepStateMap aktualisiert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/task.py" line="74"/>
        <source>Cancelled: {n} snapshots planned were not fetched.</source>
        <translation>Abgebrochen: {n} geplante Lagestände wurden nicht abgerufen.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/task.py" line="108"/>
        <source>Looking for new DeepStateMap snapshots</source>
        <translation>Suche nach neuen DeepStateMap-Lageständen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/update.py" line="98"/>
        <source>{problem}; planned from the history list fetched at {when}</source>
        <translation>{problem}; geplant nach der Verlaufsliste vom {when}</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/update.py" line="114"/>
        <source>The series has no snapshot yet: give the first day to fetch.</source>
        <translation>Die Serie hat noch keinen Lagestand: Geben Sie den ersten abzurufenden Tag an.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/update.py" line="207"/>
        <source>no DeepStateMap snapshot at or before {at} that day; day skipped</source>
        <translation>kein DeepStateMap-Lagestand an diesem Tag bis {at}; Tag übersprungen</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/online/update.py" line="222"/>
        <source>not asked for: the service failed three times in a row</source>
        <translation>nicht angefragt: der Dienst ist dreimal hintereinander gescheitert</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="39"/>
        <source>Export web page (interactive Lagebild)</source>
        <translation>Webseite exportieren (interaktives Lagebild)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="42"/>
        <source>Writes the series as a web page with a time slider on which the front moves between snapshots, as on the timeline: areas, front lines, arrows, notes and places in the Lagebild&apos;s style, the date, week and caption, the change since the previous snapshot and the held-area chart, in LANGUAGE. OUTPUT is a folder that receives index.html with its data, script and the map library beside it; with SINGLE_FILE everything goes into one HTML file (OUTPUT/index.html, or OUTPUT itself when it ends in .html). The page works offline from the file; it loads tiles only when BASEMAP_URL is an XYZ template such as https://tile.example.org/{z}/{x}/{y}.png. FROM and TO (ISO 8601) limit the span; the page needs two snapshots or more. Nothing is written at OUTPUT until the page is complete.</source>
        <translation>Schreibt die Serie als Webseite mit einem Zeitregler, auf dem sich die Front zwischen den Lageständen bewegt wie auf der Zeitleiste: Gebiete, Frontlinien, Pfeile, Anmerkungen und Orte im Stil des Lagebilds, Datum, Woche und Bildunterschrift, die Veränderung seit dem vorigen Lagestand und das Diagramm der gehaltenen Fläche, in LANGUAGE. OUTPUT ist ein Ordner, der index.html mit Daten, Skript und Kartenbibliothek daneben erhält; mit SINGLE_FILE kommt alles in eine HTML-Datei (OUTPUT/index.html oder OUTPUT selbst, wenn es auf .html endet). Die Seite funktioniert offline aus der Datei; Kacheln lädt sie nur, wenn BASEMAP_URL eine XYZ-Vorlage wie https://tile.example.org/{z}/{x}/{y}.png ist. FROM und TO (ISO 8601) begrenzen den Zeitraum; die Seite braucht zwei oder mehr Lagestände. An OUTPUT wird nichts geschrieben, bevor die Seite vollständig ist.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="56"/>
        <source>Web page (folder, or an .html file with SINGLE_FILE)</source>
        <translation>Webseite (Ordner, oder eine .html-Datei mit SINGLE_FILE)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="63"/>
        <source>Language of the page</source>
        <translation>Sprache der Seite</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="81"/>
        <source>One self-contained HTML file</source>
        <translation>Eine eigenständige HTML-Datei</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="86"/>
        <source>Basemap tiles (XYZ URL template; empty: none)</source>
        <translation>Grundkarten-Kacheln (XYZ-URL-Vorlage; leer: keine)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="93"/>
        <source>Snapshots on the page</source>
        <translation>Lagestände auf der Seite</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="94"/>
        <source>Size of the page (bytes)</source>
        <translation>Größe der Seite (Bytes)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/export_web.py" line="122"/>
        <source>{path}: {snapshots} snapshots, {size} kB</source>
        <translation>{path}: {snapshots} Lagestände, {size} kB</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="35"/>
        <source>{name}: {text} is not a date (YYYY-MM-DD)</source>
        <translation>{name}: {text} ist kein Datum (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="53"/>
        <source>Update from DeepStateMap (online)</source>
        <translation>Aus DeepStateMap aktualisieren (online)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="56"/>
        <source>Fetches DeepStateMap&apos;s history (deepstatemap.live; the data is DeepStateMap&apos;s, and the series&apos; credit says so) into a series, created or added to. For each day (or week) from FROM to TO (empty: today) it takes the last snapshot the service published at or before AT (local time in the series&apos; time zone, default 22:00) and skips a day that has none. FROM empty: from the series&apos; last snapshot on (update to today). Snapshots the series already has are not fetched again; answers are cached in the QGIS profile. Through QGIS&apos;s network settings (proxy, SSL, authentication), at most two requests a second, with retries when the service asks to wait. A failed date is reported with its URL and the others are imported; the series is only ever added complete snapshots.</source>
        <translation>Ruft den Verlauf von DeepStateMap (deepstatemap.live; die Daten stammen von DeepStateMap, und die Quellenangabe der Serie sagt es) in eine Serie ab, die angelegt oder ergänzt wird. Für jeden Tag (oder jede Woche) von FROM bis TO (leer: heute) nimmt es den letzten Lagestand, den der Dienst bis AT veröffentlicht hat (Ortszeit in der Zeitzone der Serie, Vorgabe 22:00), und überspringt einen Tag ohne einen. FROM leer: ab dem letzten Lagestand der Serie (bis heute aktualisieren). Lagestände, die die Serie schon hat, werden nicht erneut abgerufen; Antworten werden im QGIS-Profil zwischengespeichert. Über die Netzwerkeinstellungen von QGIS (Proxy, SSL, Authentifizierung), höchstens zwei Anfragen pro Sekunde, mit neuen Versuchen, wenn der Dienst um Geduld bittet. Ein gescheitertes Datum wird mit seiner URL gemeldet und die übrigen werden importiert; die Serie erhält nur vollständige Lagestände.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="74"/>
        <source>First day (YYYY-MM-DD; empty: the series&apos; last snapshot)</source>
        <translation>Erster Tag (JJJJ-MM-TT; leer: der letzte Lagestand der Serie)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="79"/>
        <source>Last day (YYYY-MM-DD; empty: today)</source>
        <translation>Letzter Tag (JJJJ-MM-TT; leer: heute)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="82"/>
        <source>Every</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="85"/>
        <source>At or before this local time (HH:MM, the series&apos; time zone)</source>
        <translation>Bis zu dieser Ortszeit (HH:MM, Zeitzone der Serie)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="95"/>
        <source>Service address</source>
        <translation>Adresse des Dienstes</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="101"/>
        <source>Snapshots fetched from the service</source>
        <translation>Vom Dienst abgerufene Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="102"/>
        <source>Snapshots taken from the cache</source>
        <translation>Aus dem Zwischenspeicher genommene Lagestände</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="103"/>
        <source>Days without a snapshot</source>
        <translation>Tage ohne Lagestand</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="104"/>
        <source>Snapshots that could not be fetched</source>
        <translation>Lagestände, die nicht abgerufen werden konnten</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="111"/>
        <source>AT: {text} is not a time (HH:MM)</source>
        <translation>AT: {text} ist keine Uhrzeit (HH:MM)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="140"/>
        <source>{n} snapshots added to {path} ({fetched} fetched, {cached} from the cache)</source>
        <translation>{n} Lagestände zu {path} hinzugefügt ({fetched} abgerufen, {cached} aus dem Zwischenspeicher)</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/update_from_deepstate.py" line="149"/>
        <source>Cancelled; the complete snapshots fetched before are kept.</source>
        <translation>Abgebrochen; die zuvor vollständig abgerufenen Lagestände bleiben erhalten.</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="46"/>
        <source>Into a new series GeoPackage; it opens when the snapshots are in</source>
        <translation>In eine neue Serien-GeoPackage-Datei; sie öffnet sich, wenn die Lagestände darin sind</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/series_target.py" line="50"/>
        <source>Into the series that is open, as it is</source>
        <translation>In die geöffnete Serie, so wie sie ist</translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="144"/>
        <source>Web page</source>
        <translation>Webseite</translation>
    </message>
</context>
</TS>
