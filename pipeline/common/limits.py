"""Bounds on one document, shared by the stages that enforce them and the run that sets them.

Why here: reading, structuring and planning all check these limits, and none of them may
import the run machinery or the settings layers to learn them.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep one hostile document from stalling or exhausting a run."""

    max_bytes: int = 16 * MIB
    """Largest document accepted, after decompression; larger ones are quarantined ``too_large``."""
    max_depth: int = 200
    """Deepest HTML element nesting accepted; deeper documents are quarantined ``too_deep``."""
    max_blocks: int = 20_000
    """Most blocks one document may produce; more is quarantined ``too_many_blocks``."""
