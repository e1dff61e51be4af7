<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="31"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="43"/>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="48"/>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="50"/>
        <source>Export map as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="68"/>
        <source>Export map as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="68"/>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/export_dock.py" line="91"/>
        <source>Written: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="27"/>
        <source>Situation layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="67"/>
        <source>Open series…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="68"/>
        <source>Open sample series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="48"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="48"/>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="48"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="48"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="61"/>
        <source>No series open. Open a series GeoPackage or the sample series.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="64"/>
        <source>{n} snapshots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/situation_dock.py" line="68"/>
        <source>Illustrative data, not ground truth.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="25"/>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="41"/>
        <source>Previous snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="51"/>
        <source>Next snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="76"/>
        <source>No series open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/gui/timeline_dock.py" line="80"/>
        <source>week {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="100"/>
        <source>{name} (illustrative)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="129"/>
        <source>Context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="132"/>
        <source>Countries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="132"/>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="144"/>
        <source>Areas held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="145"/>
        <source>Front lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="146"/>
        <source>Movements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="147"/>
        <source>Annotations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/layers/series_layers.py" line="148"/>
        <source>Places</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/provider.py" line="19"/>
        <source>Kursk Tracker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="137"/>
        <source>Open series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="137"/>
        <source>Series GeoPackage (*.gpkg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/plugin.py" line="157"/>
        <source>Opened series {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="32"/>
        <source>List snapshots of a series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="35"/>
        <source>Series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="41"/>
        <source>Lists the snapshots of a series GeoPackage: the instant (UTC, ISO 8601), the date as the locale writes it, the week number from the series epoch, title and source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="51"/>
        <source>Series GeoPackage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/list_snapshots.py" line="54"/>
        <source>Snapshots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../kursk_tracker/processing/provider.py" line="22"/>
        <source>Kursk Tracker {version}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
