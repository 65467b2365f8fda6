"""One error root for the pipeline, with the stage and a stable reason code.

Why: the error policy (quarantine the document, go on with the run) lives in one place,
the runner; stages only *say* what went wrong by raising a :class:`StageError` whose
``stage`` and ``reason`` become the ``quarantine`` row. Reason codes are short, stable
strings that analysts can group by; ``detail`` is for humans.
"""

from __future__ import annotations

import os
import traceback


class PipelineError(Exception):
    """Root of every error the pipeline raises on purpose."""


class UsageError(PipelineError):
    """The user asked for something impossible (bad folder, bad setting)."""


class StageError(PipelineError):
    """A document (or a part of it) cannot go through a stage.

    ``stage`` is one of ``read``, ``decode``, ``structure``, ``parse``, ``normalize``,
    ``validate``; ``reason`` is a stable code such as ``empty`` or ``not_an_article``.
    """

    stage: str = "parse"

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(f"{self.stage}/{reason}: {detail}" if detail else f"{self.stage}/{reason}")
        self.reason = reason
        self.detail = detail


class ReadError(StageError):
    """The bytes could not be read: empty, too large, corrupt gzip, unreadable."""

    stage = "read"


class DecodeError(StageError):
    """The bytes are not text we can decode: binary, undecodable."""

    stage = "decode"


class StructureError(StageError):
    """The text has no usable structure: blank, nested too deep, malformed markup."""

    stage = "structure"


class ParseError(StageError):
    """The blocks do not make an article: ``not_an_article``."""

    stage = "parse"


class NormalizeError(StageError):
    """A part (a job card, a salary) could not be normalized."""

    stage = "normalize"


class ValidationError(StageError):
    """A record broke the schema contract (a type, a null, a value outside its set)."""

    stage = "validate"


class InternalError(StageError):
    """A stage failed on one document with an error nobody raised on purpose: a bug.

    Why a stage error all the same: the document goes to quarantine (reason
    ``internal_error``, the exception and where it was raised as the detail) and the run
    goes on, so one odd page cannot stop a run over a hundred thousand.
    """

    def __init__(self, stage: str, error: BaseException) -> None:
        self.stage = stage
        frames = traceback.extract_tb(error.__traceback__)
        where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
        message = " ".join(str(error).split())[:200]
        detail = f"{type(error).__name__}{where}"
        super().__init__("internal_error", f"{detail}: {message}" if message else detail)
