"""One error root for the pipeline, with the stage and a stable reason code.

Why: the error policy (quarantine the document, go on with the run) lives in one place,
the runner; stages only *say* what went wrong by raising a :class:`StageError` whose
``stage`` and ``reason`` become the ``quarantine`` row. Reason codes are short, stable
strings that analysts can group by; ``detail`` is for humans.
"""

from __future__ import annotations


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
