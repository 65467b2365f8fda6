"""The vega runtime the page inlines: vega, vega-lite and vega-embed as one script, built by vl-convert.

Why a cache: bundling runs a JavaScript bundler inside ``vl-convert`` and costs one to two
CPU seconds (many more on a busy machine), the largest part of a report; the result depends
only on the installed ``vl-convert-python``. It is kept in the output folder
(``OUT/.cache/vega-runtime-<version>.js``, written atomically) and in memory, so a scheduled
report after each run pays for it once per upgrade. The cache is best-effort: a folder that
cannot be written, or a file that looks wrong, just means bundling again.
"""

from __future__ import annotations

import logging
from functools import cache
from importlib.metadata import version
from pathlib import Path

from pipeline.common.atomic import atomic_write

log = logging.getLogger(__name__)

SNIPPET = "window.vegaEmbed = vegaEmbed;"
"""What the bundle exposes to the page: ``vegaEmbed`` (which brings vega and vega-lite along)."""

MARKER = "vegaEmbed"
"""A cached bundle must mention this (a truncated or foreign file is rebuilt)."""


@cache
def _bundle() -> str:
    import vl_convert  # noqa: PLC0415 (a native module of tens of MB: loaded only to bundle)

    bundle: str = vl_convert.javascript_bundle(SNIPPET)
    return bundle.replace("</script", "<\\/script")  # safe inside an inline <script>


def cache_path(cache_dir: Path) -> Path:
    """Where the bundle of the installed vl-convert is kept in ``cache_dir``."""
    return cache_dir / f"vega-runtime-{version('vl-convert-python')}.js"


def vega_runtime(cache_dir: Path | None = None) -> str:
    """The runtime script, from ``cache_dir`` when it holds this version's bundle, else bundled (and kept)."""
    if cache_dir is None:
        return _bundle()
    path = cache_path(cache_dir)
    try:
        cached = path.read_text(encoding="utf-8")
        if MARKER in cached and "</script" not in cached and len(cached) > 100_000:
            return cached
    except (OSError, UnicodeDecodeError):
        pass
    bundle = _bundle()
    try:
        atomic_write(path, lambda tmp: Path(tmp).write_text(bundle, encoding="utf-8"))
    except OSError as error:
        log.info("vega runtime not cached in %s: %s", cache_dir, error)
    return bundle
