"""The one exception type the core raises."""

from __future__ import annotations

# Exit codes, documented in docs/json.md and in --help.
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3  # standard output could not be written (a full disk, a closed stream)
# `data update` (docs/updates.md); in each case the data in use is left as it was.
EXIT_REFUSED = 4  # the update failed verification: altered, wrongly signed, expired, older, invalid
EXIT_DOWNLOAD = 5  # the channel could not be reached or read: no answer, timeout, HTTP error
EXIT_INSTALL = 6  # the verified update could not be written here: a full disk, no permission
EXIT_BUSY = 7  # another run holds the lock (an update, or an edit of the data file): nothing was written; try again
EXIT_INTERRUPTED = 130  # Ctrl-C, or end of input at a prompt
EXIT_BROKEN_PIPE = 141  # the reader went away (`| head`): quiet, as other tools end


class HkProBonoError(Exception):
    """A failure the user can act on: bad input, a broken data file, an unwritable path.

    The CLI prints the message on stderr and exits with `exit_code`; no traceback. `see` names what
    the user can look at next as a `model.Ref` (kind, key), never as a command: the CLI spells it
    after the hint ("steps are numbered 1 to 14: see 'hkprobono usm steps'").
    """

    def __init__(
        self,
        message: str,
        *,
        exit_code: int = EXIT_USAGE,
        hint: str | None = None,
        see: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.hint = hint
        self.see = see
