"""One module per data source; they share safe file reading and geometry cleaning.

Every importer turns files into an `ImportResult` (core/import_result.py):
snapshots of features in WGS84 with side and kind, and the problems met,
each naming its file. Writing the result into a series is the store's job.
"""
