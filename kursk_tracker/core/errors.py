"""The few domain exceptions, each with a message a user can act on."""


class KurskTrackerError(Exception):
    """Base of every error the plugin reports to the user."""


class SeriesFileError(KurskTrackerError):
    """A series file cannot be read or is not a series: names file and problem."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
