"""The facts about the machine a bench ran on, so its figures are never quoted without them."""

from __future__ import annotations

import datetime as dt
import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

_PACKAGES = ("rolescope", "pyarrow", "lxml", "selectolax", "trafilatura", "psutil")


def cpu_model(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The first ``model name`` of /proc/cpuinfo (the platform's processor name elsewhere)."""
    try:
        for line in cpuinfo.read_text("utf-8", "replace").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name" and value.strip():
                return value.strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _ram_bytes() -> int:
    try:
        import psutil  # noqa: PLC0415 (benchmark-only dependency)

        return int(psutil.virtual_memory().total)
    except ImportError:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def load_average() -> list[float] | None:
    """1, 5 and 15 minute load averages: a busy machine makes every wall-clock figure slower."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine_facts() -> dict[str, Any]:
    """CPU model, cores, RAM, OS, Python and the versions of the packages that set the pace."""
    return {
        "cpu_model": cpu_model(),
        "cores": os.cpu_count() or 1,
        "ram_gb": round(_ram_bytes() / 1024**3, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in _PACKAGES},
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_avg": load_average(),
    }
