"""How the commands talk to the person or scheduler that runs them: stderr lines and signals.

Why one place: a scheduled job greps its log, a log shipper parses it. So every line on
stderr goes through here and has one shape: ``rolescope: ...`` / ``LEVEL logger: ...``
in plain mode, or one JSON object (``time`` in ISO 8601 UTC, ``level``, ``logger``,
``message``, and structured fields such as the summary's counts) with ``--log-json``.
``-q`` keeps only errors; ``-v`` adds per-document lines. SIGINT and SIGTERM become an
:class:`Interrupted` exception so a run can record itself as interrupted and exit 130 or
143 instead of dying half-way or printing a traceback.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import signal
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

PROGRAM = "rolescope"


def iso_utc(timestamp: float) -> str:
    """``2026-01-31T12:00:00.123Z``: ISO 8601, UTC, milliseconds."""
    moment = datetime.fromtimestamp(timestamp, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers; ``record.fields`` adds structured keys."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": iso_utc(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class _PlainFormatter(logging.Formatter):
    """``LEVEL logger: message``; the command's own lines (logger ``rolescope``) as ``rolescope: ...``."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name == PROGRAM:
            text = f"{PROGRAM}: {record.getMessage()}"
            return text + ("\n" + self.formatException(record.exc_info) if record.exc_info else "")
        return f"{record.levelname} {record.name}: {super().format(record)}"


@dataclass(frozen=True, slots=True)
class Console:
    """The stderr of one command: its verbosity and format, set once by :func:`configure`."""

    verbosity: int = 0
    """-1 quiet (errors only), 0 warnings and the summary, 1 info (-v), 2 debug (-vv)."""
    as_json: bool = False

    @property
    def _logger(self) -> logging.Logger:
        return logging.getLogger(PROGRAM)

    def say(self, message: str, **fields: Any) -> None:
        """A line of the command itself (the summary): shown unless quiet."""
        self._logger.info(message, extra={"fields": fields} if fields else None)

    def error(self, message: str, **fields: Any) -> None:
        """A one-line reason for a non-zero exit: always shown."""
        self._logger.error(message, extra={"fields": fields} if fields else None)

    def fail(self, message: str, code: int) -> NoReturn:
        """Print a one-line reason and exit with ``code``."""
        self.error(message, exit_code=code)
        sys.exit(code)

    def stop(self, error: KeyboardInterrupt, what: str, *, now: bool = False) -> NoReturn:
        """Ctrl-C or SIGTERM: a one-line note and exit 130 or 143 (128 + the signal).

        ``now``: exit without waiting for threads still blocked on the network (the caller's
        state is saved already).
        """
        stopped = error if isinstance(error, Interrupted) else Interrupted(signal.SIGINT)
        message = f"interrupted by {stopped.name}: {what}"
        if not now:
            self.fail(message, stopped.exit_code)
        self.error(message, exit_code=stopped.exit_code)
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(stopped.exit_code)


_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM})
"""OS errors that mean "this folder cannot be written" (full disk, file-size limit, read-only)."""
_SQLITE_WRITE_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")


def describe_failure(error: Exception, folder: Path) -> tuple[str, bool]:
    """A one-line reason for an error that stopped a command, and whether ``folder`` cannot be written.

    Anything else is a bug: its traceback is logged at debug level (``-vv``), not printed.
    """
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        if error.errno in _WRITE_ERRNOS:
            return f"cannot write in {str(folder)!r}{where}: {error.strerror}", True
        reason = f"stopped by an OS error{where}: {error.strerror or error}"
    elif isinstance(error, sqlite3.OperationalError):
        name = getattr(error, "sqlite_errorname", "")
        if name.startswith(_SQLITE_WRITE_ERRORS):
            return f"cannot write in {str(folder)!r}: {error} ({name})", True
        reason = f"state store error: {error} ({name or 'sqlite'})"
    else:
        reason = f"unexpected error: {type(error).__name__}: {error}"
    logging.getLogger("pipeline").debug("stopped by an error", exc_info=error)
    return f"{reason} (-vv shows where)", False


def configure(verbosity: int = 0, as_json: bool = False) -> Console:
    """Route every log line (the pipeline's, libraries' warnings, the command's own) to stderr.

    The handler sits on the root logger so a library's warnings (and ``warnings.warn``,
    captured) come out in the same format; the pipeline's own loggers follow the
    verbosity, everything else shows warnings and errors only.
    """
    level = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if as_json else _PlainFormatter("%(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.ERROR if verbosity < 0 else logging.WARNING)
    for name in ("pipeline", PROGRAM):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
    logging.getLogger("pipeline").setLevel(level)
    logging.getLogger(PROGRAM).setLevel(logging.ERROR if verbosity < 0 else logging.INFO)
    logging.captureWarnings(True)
    return Console(verbosity, as_json)


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived: stop, record the run as interrupted, exit ``128 + signal``."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal.Signals(signum).name
        super().__init__(self.name)

    @property
    def exit_code(self) -> int:
        """130 for SIGINT, 143 for SIGTERM: the shell's convention for a death by signal."""
        return 128 + self.signum


def _raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def handle_signals() -> None:
    """SIGINT and SIGTERM raise :class:`Interrupted`; SIGXFSZ is ignored, so a write past the
    file-size limit fails with ``EFBIG`` (a one-line reason) instead of killing the process."""
    signal.signal(signal.SIGINT, _raise_interrupted)
    signal.signal(signal.SIGTERM, _raise_interrupted)
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
