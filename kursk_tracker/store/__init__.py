"""The series on disk: the GeoPackage schema, reading and writing."""
