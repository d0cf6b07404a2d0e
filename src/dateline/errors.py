"""Errors that reach a user: the input's name, a stable code and one line of reason.

The library raises these; the CLI prints ``str(error)`` and sets the exit code. Codes are
stable so scripts and tests can match on them rather than on wording.
"""

from __future__ import annotations


class DatelineError(Exception):
    code = "E000"

    def __init__(self, source: str, reason: str, code: str | None = None):
        self.source = str(source)
        self.reason = " ".join(str(reason).split())  # always one line
        if code:
            self.code = code
        super().__init__(f"{self.source}: {self.reason} [{self.code}]")


class InputError(DatelineError):
    """An input that cannot become an article: empty, binary, undecodable, too large..."""

    code = "E100"


class ExtractError(DatelineError):
    """An article that was read but could not be extracted."""

    code = "E200"


# Stable codes for input problems (see docs/errors.md).
EMPTY = "E101"
BINARY = "E102"
ENCODING = "E103"
TOO_LARGE = "E104"
NO_ARTICLE = "E105"
BAD_JSON = "E106"
BAD_FIELD = "E107"
UNREADABLE = "E108"
UNSUPPORTED = "E109"
