"""Issue 15: what a scheduler and its owner expect from the command line.

Worker caps, settings-named files, signals, quiet and JSON logging, ``status`` and
``unknown-terms`` reading the same settings as ``run``, and one-line reasons with
documented exit codes instead of tracebacks. Every run is a real subprocess over a few
small documents, so each test takes a second or two.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import exitcodes
from pipeline.common.small_files import MAX_SETTINGS_FILE_BYTES, read_small_file
from pipeline.run.settings import effective_workers
from tests.conftest import SAMPLES

ONE = "text-2024-clean_data-engineer-vs-mlops-engineer.txt"


def rolescope(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ROLESCOPE_")}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=environ | (env or {}),
    )


def inputs(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or (ONE,):
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a command that failed cleanly (no traceback)."""
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


# -- item 12: --workers is bounded --------------------------------------------------------


def test_workers_above_two_per_cpu_are_capped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "pipeline")
    assert effective_workers(0, cpus=2) == 2
    assert effective_workers(3, cpus=2) == 3
    assert not caplog.records
    assert effective_workers(64, cpus=2) == 4
    assert "using 4" in caplog.records[-1].getMessage()


def test_workers_64_runs_capped_and_absurd_workers_is_a_usage_error(tmp_path: Path) -> None:
    src = inputs(tmp_path / "in")
    proc = rolescope("run", "--input", str(src), "--output", str(tmp_path / "out"), "--workers", "64")
    assert proc.returncode == exitcodes.OK, proc.stderr
    cap = 2 * (os.cpu_count() or 1)
    if cap < 64:
        assert f"using {cap}" in proc.stderr
    proc = rolescope("run", "--input", str(src), "--output", str(tmp_path / "out"), "--workers", "100000")
    assert proc.returncode == exitcodes.USAGE
    assert "100000" in proc.stderr and "Traceback" not in proc.stderr
    proc = rolescope("run", "--input", str(src), "--output", str(tmp_path / "out"),
                     env={"ROLESCOPE_RUN_WORKERS": "5000"})
    assert proc.returncode == exitcodes.USAGE
    assert "ROLESCOPE_RUN_WORKERS" in one_line(proc)


# -- item 15: settings-named files are regular and small -----------------------------------


def test_rates_from_a_device_is_refused_at_once(tmp_path: Path) -> None:
    src = inputs(tmp_path / "in")
    proc = rolescope("run", "--input", str(src), "--output", str(tmp_path / "out"), "--rates", "/dev/zero")
    assert proc.returncode == exitcodes.USAGE
    assert "not a regular file" in one_line(proc)
    assert not (tmp_path / "out" / "articles.parquet").exists()


def test_oversized_or_special_settings_files_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    with open(big, "wb") as handle:
        handle.truncate(MAX_SETTINGS_FILE_BYTES + 1)  # sparse: costs no disk
    src = inputs(tmp_path / "in")
    proc = rolescope("run", "--input", str(src), "--output", str(tmp_path / "out"), "--rates", str(big))
    assert proc.returncode == exitcodes.USAGE and "over the limit" in one_line(proc)
    proc = rolescope("run", "--show-settings", "--config", str(big))
    assert proc.returncode == exitcodes.USAGE and "over the limit" in one_line(proc)
    fifo = tmp_path / "urls.fifo"
    os.mkfifo(fifo)
    proc = rolescope("fetch", "--urls", str(fifo), "--raw", str(tmp_path / "raw"))
    assert proc.returncode == exitcodes.USAGE and "a pipe, not a regular file" in one_line(proc)
    with pytest.raises(ValueError, match="character device"):
        read_small_file(Path("/dev/zero"))
    assert read_small_file(SAMPLES / ONE) == (SAMPLES / ONE).read_bytes()


# -- item 17: SIGINT and SIGTERM end a run cleanly ----------------------------------------


def many_inputs(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = (SAMPLES / ONE).read_bytes()
    for n in range(count):
        (folder / f"copy-{n:04d}.txt").write_bytes(text + f"\nCopy {n}\n".encode())
    return folder


def _wait_for(predicate: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def _started(out: Path, runs: int) -> bool:
    path = out / "_runs.jsonl"
    return path.is_file() and path.read_text(encoding="utf-8").count('"started"') >= runs


@pytest.mark.parametrize(
    ("signum", "code", "workers", "group"),
    [(signal.SIGTERM, 143, "1", False), (signal.SIGINT, 130, "2", True)],
    ids=["sigterm-in-process", "sigint-to-the-group-with-workers"],
)
def test_a_signal_ends_the_run_as_interrupted_with_the_tables_untouched(
    tmp_path: Path, signum: int, code: int, workers: str, group: bool
) -> None:
    src = inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert rolescope("run", "--input", str(src), "--output", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    manifest = (out / "_manifest.json").read_bytes()
    many_inputs(src, 600)
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ROLESCOPE_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", "--input", str(src), "--output", str(out),
         "--workers", workers],
        stderr=subprocess.PIPE, text=True, env=environ, start_new_session=group,
    )
    try:
        _wait_for(lambda: _started(out, 2))
        time.sleep(0.3)
        if group:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr
    assert f"interrupted by {signal.Signals(signum).name}" in stderr
    last = [json.loads(line) for line in (out / "_runs.jsonl").read_text().splitlines()][-1]
    assert last["status"] == "interrupted" and last["error"] == signal.Signals(signum).name
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before
    assert (out / "_manifest.json").read_bytes() == manifest
    shown = rolescope("status", "--output", str(out))
    assert f"interrupted by {signal.Signals(signum).name}" in shown.stdout


# -- item 18: -q is quiet, per-document lines at -v ---------------------------------------


def test_quiet_prints_nothing_for_quarantined_documents_and_verbose_names_them(tmp_path: Path) -> None:
    src = inputs(tmp_path / "in")
    for n in range(30):
        (src / f"empty-{n}.txt").write_bytes(b"")
    out = tmp_path / "out"
    quiet = rolescope("run", "--input", str(src), "--output", str(out), "-q")
    assert quiet.returncode == 0 and quiet.stderr == ""
    normal = rolescope("run", "--input", str(src), "--output", str(tmp_path / "out2"))
    assert normal.returncode == 0
    (line,) = normal.stderr.splitlines()  # the summary only, with counts per stage and reason
    assert "quarantined: 30 (read/empty=30)" in line
    verbose = rolescope("run", "--input", str(src), "--output", str(tmp_path / "out3"), "-v")
    assert sum("quarantined empty-" in line for line in verbose.stderr.splitlines()) == 30


# -- item 19: --log-json makes every stderr line a JSON object ----------------------------


def test_log_json_makes_every_stderr_line_json_with_an_iso_utc_time(tmp_path: Path) -> None:
    src = inputs(tmp_path / "in")
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    for args in ((), ("-v",), ("--max-quarantined", "0"), ("--workers", "64")):
        proc = rolescope("run", "--input", str(src), "--output", str(out), "--log-json", *args)
        lines = proc.stderr.splitlines()
        assert lines
        for line in lines:
            entry = json.loads(line)
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry["time"]), entry
            assert entry["level"] and entry["message"]
    summary = json.loads(rolescope("run", "--input", str(src), "--output", str(out), "--log-json")
                         .stderr.splitlines()[-1])
    assert summary["summary"]["documents"] == 2 and summary["summary"]["quarantine"] == {"read/empty": 1}
    over = rolescope("run", "--input", str(src), "--output", str(out), "--log-json", "--max-quarantined", "0")
    assert over.returncode == exitcodes.QUARANTINE_OVER
    assert json.loads(over.stderr.splitlines()[-1])["level"] == "ERROR"
    bad = rolescope("run", "--input", str(tmp_path / "missing"), "--output", str(out), "--log-json")
    assert bad.returncode == exitcodes.UNUSABLE_FOLDER
    assert "does not exist" in json.loads(one_line(bad))["message"]


# -- item 20: status and unknown-terms read run's settings; paths stored absolute ---------


def test_status_and_unknown_terms_read_the_settings_file_and_environment(tmp_path: Path) -> None:
    src = inputs(tmp_path / "data" / "in")
    (tmp_path / "rolescope.toml").write_text('[run]\ninput = "data/in"\noutput = "data/out"\n')
    proc = rolescope("run", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((tmp_path / "data" / "out" / "_manifest.json").read_text())
    assert manifest["input"] == str(src.resolve())
    status = rolescope("status", cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    assert "last finished run" in status.stdout and "pending in" in status.stdout
    terms = rolescope("unknown-terms", cwd=tmp_path)
    assert terms.returncode == 0, terms.stderr
    # from elsewhere: the environment names the settings file; the stored input is absolute
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    status = rolescope("status", "--output", str(tmp_path / "data" / "out"), cwd=elsewhere)
    assert f"pending in {src.resolve()}: 0 new, 0 changed, 0 removed" in status.stdout
    env = {"ROLESCOPE_RUN_OUTPUT": str(tmp_path / "data" / "out")}
    assert "last finished run" in rolescope("status", cwd=elsewhere, env=env).stdout
    assert rolescope("unknown-terms", cwd=elsewhere, env=env).returncode == 0
    bad = rolescope("status", cwd=elsewhere, env={"ROLESCOPE_RUN_WORKERS": "x"})
    assert bad.returncode == exitcodes.USAGE


# -- item 21: one-line reasons and documented exit codes ----------------------------------


def test_status_on_a_damaged_history_or_manifest_reports_and_exits_6(tmp_path: Path) -> None:
    src = inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert rolescope("run", "--input", str(src), "--output", str(out)).returncode == 0
    with open(out / "_runs.jsonl", "ab") as handle:
        handle.write(b'[1, 2]\n"text"\n\xff\xfe garbage\n')
    proc = rolescope("status", "--output", str(out))
    assert proc.returncode == exitcodes.DAMAGED, proc.stderr
    assert "last finished run" in proc.stdout and "3 damaged lines" in one_line(proc)
    manifest = (out / "_manifest.json").resolve()
    manifest.write_bytes(b"\x00garbage{")
    proc = rolescope("status", "--output", str(out))
    assert proc.returncode == exitcodes.DAMAGED and "manifest" in one_line(proc)
    manifest.write_text('{"run_id": "x"}')
    proc = rolescope("status", "--output", str(out))
    assert proc.returncode == exitcodes.DAMAGED and "manifest" in one_line(proc)


@pytest.mark.skipif(os.geteuid() == 0 and not shutil.which("setpriv"), reason="root ignores permissions")
def test_a_read_only_generations_folder_is_a_one_line_exit_3(tmp_path: Path) -> None:
    src = inputs(tmp_path / "in")
    out = tmp_path / "out"
    assert rolescope("run", "--input", str(src), "--output", str(out)).returncode == 0
    inputs(src, "text-2024-flat_ai-product-manager-vs-data-scientist.txt")
    generations = out / ".generations"
    generations.chmod(0o555)
    try:
        prefix = ["setpriv", "--inh-caps=-all", "--bounding-set=-all"] if os.geteuid() == 0 else []
        environ = {k: v for k, v in os.environ.items() if not k.startswith("ROLESCOPE_")}
        proc = subprocess.run(
            [*prefix, sys.executable, "-m", "pipeline", "run", "--input", str(src), "--output", str(out)],
            capture_output=True, text=True, check=False, env=environ,
        )
    finally:
        generations.chmod(0o755)
    assert proc.returncode == exitcodes.UNUSABLE_FOLDER, proc.stderr
    assert "Permission denied" in one_line(proc)
    last = json.loads((out / "_runs.jsonl").read_text().splitlines()[-1])
    assert last["status"] == "failed"


def test_a_file_size_limit_is_a_one_line_exit_3_not_a_crash(tmp_path: Path) -> None:
    src = inputs(tmp_path / "in")
    out = tmp_path / "out"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("ROLESCOPE_")}

    def limit_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, resource.RLIM_INFINITY))

    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--input", str(src), "--output", str(out)],
        capture_output=True, text=True, check=False, env=environ, preexec_fn=limit_files,
    )
    assert proc.returncode == exitcodes.UNUSABLE_FOLDER, proc.stderr
    assert "Traceback" not in proc.stderr
    line = proc.stderr.strip().splitlines()[-1]
    assert "cannot write in" in line and ("File too large" in line or "SQLITE_IOERR" in line), line
    assert not (out / "articles.parquet").exists()


def test_a_full_disk_is_a_one_line_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from pipeline import cli

    src = inputs(tmp_path / "in")

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cli, "run", full)
    result = CliRunner().invoke(cli.cli, ["run", "--input", str(src), "--output", str(tmp_path / "out")])
    assert result.exit_code == exitcodes.UNUSABLE_FOLDER
    assert result.stderr.strip().splitlines() == [
        f"rolescope: cannot write in {str(tmp_path / 'out')!r}: No space left on device"
    ]


def test_a_capture_in_a_hidden_folder_is_skipped_like_hidden_files(tmp_path: Path) -> None:
    from pipeline.fetch.warc_reader import warc_files

    for name in ("warc/a.warc.gz", ".old/b.warc.gz", "warc/.c.warc.gz", "x/.hidden/d.warc"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    assert [p.relative_to(tmp_path).as_posix() for p in warc_files(tmp_path)] == ["warc/a.warc.gz"]


def test_log_json_turns_the_progress_bar_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under --log-json every stderr line is one JSON object: no progress bar, even on a terminal."""
    import tqdm

    from pipeline.cli import cli

    real = tqdm.tqdm
    disabled: list[object] = []

    def recording(*args: object, **kwargs: object) -> object:
        disabled.append(kwargs.get("disable"))
        return real(*args, **{**kwargs, "disable": True})

    monkeypatch.setattr(tqdm, "tqdm", recording)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Data Analyst vs. Data Engineer\n\nnothing else", encoding="utf-8")
    for flags, expected in ((["--log-json"], True), ([], None)):
        out = tmp_path / f"out{len(flags)}"
        result = CliRunner().invoke(
            cli, ["run", "--input", str(tmp_path / "in"), "--output", str(out), "--workers", "1", *flags]
        )
        assert result.exit_code == 0, result.output
        assert disabled.pop() is expected  # None: tqdm draws only when stderr is a terminal
