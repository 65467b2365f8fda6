"""The command line: ``python -m pipeline`` and the ``rolescope`` console script.

Thin by design: it parses options, builds the immutable :class:`Settings`, configures
logging, calls the library and maps library errors to documented exit codes.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click
import pyarrow.parquet as pq

from pipeline import __version__, exitcodes
from pipeline.config import FETCH_KEYS, load_section
from pipeline.errors import UsageError
from pipeline.fetch.crawl import Targets, fetch
from pipeline.fetch.policy import FetchSettings
from pipeline.lock import LockBusyError
from pipeline.manifest import read_manifest, read_runs, verify
from pipeline.mentions import unknown_terms
from pipeline.runner import run
from pipeline.schema import data_dictionary
from pipeline.settings import Limits, Settings
from pipeline.vocabulary import load_vocabulary

log = logging.getLogger("pipeline")


class _JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(
            {
                "time": self.formatTime(record),
                "level": record.levelname,
                "logger": record.name,
                "message": record.getMessage(),
            },
            ensure_ascii=False,
        )


def _configure_logging(verbosity: int, as_json: bool = False) -> None:
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbosity, logging.DEBUG)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        _JsonFormatter() if as_json else logging.Formatter("%(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger("pipeline")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolescope")
def cli() -> None:
    """rolescope: AI/ML career-comparison articles and job cards -> Parquet and CSV."""


@cli.command("run")
@click.option(
    "--input",
    "input_dir",
    type=click.Path(path_type=Path),
    default=Path("raw"),
    show_default=True,
    help="Folder of documents (.txt, .html, .htm, each optionally .gz).",
)
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    default=Path("processed"),
    show_default=True,
    help="Folder for <table>.parquet and csv/<table>.csv.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Worker processes; 0 = one per CPU, 1 = in-process.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=Limits().max_bytes,
    show_default=True,
    help="Largest document accepted (after decompression).",
)
@click.option(
    "--max-depth",
    type=click.IntRange(min=1),
    default=Limits().max_depth,
    show_default=True,
    help="Deepest HTML nesting accepted.",
)
@click.option(
    "--rates",
    "rates_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Exchange-rate CSV for the USD columns (default: the bundled table).",
)
@click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    help="Seconds to wait when another run is writing the same output folder.",
)
@click.option(
    "--max-quarantined",
    type=click.IntRange(min=0),
    default=None,
    help="Exit with code 5 when more documents than this are quarantined (tables still written).",
)
@click.option("--log-json", is_flag=True, help="Log JSON lines instead of plain lines.")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line.")
def run_command(
    *,
    input_dir: Path,
    output_dir: Path,
    workers: int,
    max_bytes: int,
    max_depth: int,
    verbose: int,
    quiet: bool,
    rates_path: Path | None,
    lock_timeout: float,
    max_quarantined: int | None,
    log_json: bool,
) -> None:
    """Parse every document under --input and write every table to --output."""
    _configure_logging(verbose, log_json)
    settings = Settings(
        limits=Limits(max_bytes=max_bytes, max_depth=max_depth),
        workers=workers,
        rates_path=rates_path,
        lock_timeout=lock_timeout,
    )
    try:
        summary = run(input_dir, output_dir, settings)
    except UsageError as error:
        click.echo(f"rolescope: {error}", err=True)
        sys.exit(exitcodes.UNUSABLE_FOLDER)
    except LockBusyError as error:
        click.echo(f"rolescope: {error}", err=True)
        sys.exit(exitcodes.LOCK_BUSY)
    if not quiet:
        click.echo(f"rolescope: {summary.line()}", err=True)
    if max_quarantined is not None and summary.quarantined > max_quarantined:
        click.echo(
            f"rolescope: {summary.quarantined} quarantined, over the limit of {max_quarantined}", err=True
        )
        sys.exit(exitcodes.QUARANTINE_OVER)


@cli.command("status")
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("processed"),
    show_default=True,
    help="The output folder to report on.",
)
def status_command(output_dir: Path) -> None:
    """Show the last finished run, its counts and quarantine, and whether its files are intact."""
    manifest = read_manifest(output_dir)
    runs = read_runs(output_dir)
    if manifest is None:
        click.echo(f"no finished run in {output_dir}" + (f" ({len(runs)} failed)" if runs else ""))
        return
    click.echo(
        f"last finished run: {manifest['run_id']} ({manifest['started_at']} .. {manifest['finished_at']}, "
        f"{manifest['seconds']}s, parser {manifest['parser_version']})"
    )
    inputs = manifest["inputs"]
    click.echo(f"inputs: {inputs['documents']} documents ({inputs['duplicates']} duplicates)")
    for name, entry in manifest["tables"].items():
        click.echo(f"  {name:14} {entry['rows']:>8} rows")
    reasons = manifest.get("quarantine") or {}
    click.echo("quarantined: " + (", ".join(f"{k}={v}" for k, v in reasons.items()) if reasons else "none"))
    bad = verify(output_dir, manifest)
    click.echo("files: " + ("intact" if not bad else "CHANGED since the run: " + ", ".join(bad)))
    if runs and runs[-1].get("status") != "ok":
        click.echo(f"last attempt failed: {runs[-1].get('error')}")
    click.echo(f"runs recorded: {len(runs)}")


def _read_urls(path: Path) -> list[str]:
    """One URL a line; blank lines and ``#`` comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise UsageError(f"cannot read URL list {str(path)!r}: {error.strerror}") from error
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


@cli.command("fetch")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Settings file (default: rolescope.toml when present); its [fetch] keys are these flags.",
)
@click.option(
    "--urls",
    "urls_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="File with one URL a line to fetch as is.",
)
@click.option("--sitemap", "sitemaps", multiple=True, help="Sitemap or sitemap index URL (repeatable).")
@click.option("--index", "indexes", multiple=True, help="Listing page URL: follow article links and pages.")
@click.option("--jobs", "jobs", multiple=True, help="Job board listing URL: store it and follow its pages.")
@click.option(
    "--raw",
    "raw_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Raw store folder [default: raw].",
)
@click.option("--allow-host", "allow_hosts", multiple=True, help="Also allow this host (loopback included).")
@click.option(
    "--rate",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Requests per second per host [default: 1].",
)
@click.option("--user-agent", default=None, help="User-Agent with your contact.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Read timeout in seconds [default: 20].",
)
@click.option(
    "--max-bytes",
    "fetch_max_bytes",
    type=click.IntRange(min=1),
    default=None,
    help="Largest response body [default: 8 MiB].",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=None,
    help="Pages followed per paginated target [default: 20].",
)
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def fetch_command(
    *,
    config_path: Path | None,
    urls_file: Path | None,
    sitemaps: tuple[str, ...],
    indexes: tuple[str, ...],
    jobs: tuple[str, ...],
    raw_dir: Path | None,
    allow_hosts: tuple[str, ...],
    rate: float | None,
    user_agent: str | None,
    timeout: float | None,
    fetch_max_bytes: int | None,
    max_pages: int | None,
    verbose: int,
) -> None:
    """Fetch articles and job boards politely into the raw store (WARC), then `run` parses them.

    Flags override the settings file, which overrides the defaults.
    """
    _configure_logging(verbose)
    try:
        conf = load_section(config_path, "fetch", FETCH_KEYS)
        urls = _read_urls(urls_file) if urls_file else []
        if not urls_file and conf.get("urls"):
            listed = conf["urls"]
            urls = _as_list(listed) if isinstance(listed, list) else _read_urls(Path(listed))
        targets = Targets(
            urls=urls,
            sitemaps=list(sitemaps) or _as_list(conf.get("sitemap")),
            index_pages=list(indexes) or _as_list(conf.get("index")),
            job_pages=list(jobs) or _as_list(conf.get("jobs")),
        )
        if not targets.items():
            raise UsageError(
                "nothing to fetch: give --urls, --sitemap, --index or --jobs "
                "(or set them in [fetch] of the settings file)"
            )
        base = FetchSettings()
        overrides: dict[str, Any] = {
            "rate": rate if rate is not None else conf.get("rate"),
            "user_agent": user_agent or conf.get("user_agent"),
            "timeout": timeout if timeout is not None else conf.get("timeout"),
            "max_bytes": fetch_max_bytes or conf.get("max_bytes"),
            "max_pages": max_pages or conf.get("max_pages"),
        }
        settings = replace(base, **{k: v for k, v in overrides.items() if v is not None})
        settings = settings.with_hosts([*_as_list(conf.get("allow_host")), *allow_hosts])
        raw = raw_dir or Path(conf.get("raw", "raw"))
        summary = fetch(targets, raw, settings)
    except UsageError as error:
        click.echo(f"rolescope: {error}", err=True)
        sys.exit(exitcodes.USAGE)
    click.echo(f"rolescope: {summary.line()}", err=True)


@cli.command("unknown-terms")
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("processed"),
    show_default=True,
    help="The output folder of a run (reads its sections table).",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Report terms seen at least this often.",
)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many.")
def unknown_terms_command(output_dir: Path, min_count: int, limit: int) -> None:
    """List capitalized tool-like terms in the articles that the vocabulary does not know.

    Add the real ones to pipeline/data/vocabulary.csv (kind, name, aliases) and re-run.
    """
    path = output_dir / "sections.parquet"
    if not path.is_file():
        click.echo(f"rolescope: {path} not found: run `rolescope run` first", err=True)
        sys.exit(exitcodes.UNUSABLE_FOLDER)
    texts = pq.read_table(path, columns=["text"]).column("text").to_pylist()
    for term, count in unknown_terms(texts, load_vocabulary(), min_count=min_count)[:limit]:
        click.echo(f"{count}\t{term}")


@cli.command("schema")
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the data dictionary to this file (default: print it).",
)
def schema_command(output: Path | None) -> None:
    """Print (or write) the data dictionary generated from the schema module."""
    text = data_dictionary() + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="rolescope")
