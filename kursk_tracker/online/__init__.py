"""DeepStateMap online: its history list, which records a series wants, fetching them politely
through QGIS's network stack, a cache in the user's profile, and the update job."""
