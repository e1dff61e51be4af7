"""The docks and their widgets; thin, over core/, store/, layers/, export/."""
