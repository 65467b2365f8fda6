"""The parsing progress bar starts no thread: the worker pool forks while it is open."""

from __future__ import annotations

import io
import sys
import threading

import pytest

from pipeline.run.runner import progress_bar


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_shown_bar_starts_no_monitor_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    before = {thread.ident for thread in threading.enumerate()}
    with progress_bar(3, enabled=True) as bar:
        bar.update(3)
        started = {thread.ident for thread in threading.enumerate()} - before
    assert "parsing" in terminal.getvalue()  # the bar was shown
    assert started == set()


def test_a_bar_not_enabled_is_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar(3, enabled=False) as bar:
        bar.update(3)
    assert terminal.getvalue() == ""
