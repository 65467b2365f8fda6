"""Settings for run and fetch: flag > environment > settings file > default, through the real CLI.

Fetch is only ever asked for ``--show-settings`` here, so no test reaches the network.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import _expand_urls, cli
from pipeline.config.keys import FETCH, RUN, TABLES
from pipeline.config.layers import load_file, resolve
from pipeline.config.report import BEGIN, END, key_reference
from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No ROLESCOPE_* variable from the caller's environment, and no rolescope.toml but the test's."""
    for name in list(os.environ):
        if name.startswith("ROLESCOPE_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


Shown = dict[str, dict[str, tuple[Any, str]]]


def show(command: str, *args: str, env: dict[str, str] | None = None) -> Shown:
    """``rolescope <command> --show-settings``: {table: {key: (value, source)}}; unset keys value None."""
    result = invoke(command, "--show-settings", *args, env=env)
    assert result.exit_code == 0, result.output
    data = tomllib.loads(result.stdout)
    shown: Shown = {}
    table = ""
    for line in result.stdout.splitlines():
        if line.startswith("["):
            table = line.strip("[]")
            shown[table] = {}
        elif table and line.strip():
            text, source = line.rsplit("  # ", 1)
            name = text.lstrip("# ").split(" ", 1)[0]
            shown[table][name] = (data[table].get(name), source)
    return shown


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- precedence ------------------------------------------------------------------------------------


def test_defaults_without_a_settings_file() -> None:
    shown = show("run")
    assert set(shown) == {"run", "fetch"}
    assert [key.name for key in RUN.keys] == list(shown["run"])
    assert [key.name for key in FETCH.keys] == list(shown["fetch"])
    assert all(source == "default" for table in shown.values() for _, source in table.values())
    assert shown["run"]["workers"] == (0, "default")
    assert shown["run"]["max_quarantined"] == (None, "default")  # written as a comment: TOML has no null
    assert shown["fetch"]["rate"] == (1.0, "default")


def test_file_beats_default(tmp_path: Path) -> None:
    write(tmp_path / "rolescope.toml", '[run]\nworkers = 3\nkeep-removed = true\nengine = "dask"\n')
    shown = show("run")["run"]
    assert shown["workers"] == (3, "file rolescope.toml")
    assert shown["keep_removed"] == (True, "file rolescope.toml")
    assert shown["engine"] == ("dask", "file rolescope.toml")
    assert shown["max_depth"][1] == "default"


def test_env_beats_file(tmp_path: Path) -> None:
    write(tmp_path / "rolescope.toml", "[run]\nworkers = 3\n[fetch]\nrate = 2.0\n")
    env = {"ROLESCOPE_RUN_WORKERS": "5", "ROLESCOPE_FETCH_RATE": "0.5"}
    shown = show("run", env=env)
    assert shown["run"]["workers"] == (5, "env ROLESCOPE_RUN_WORKERS")
    assert shown["fetch"]["rate"] == (0.5, "env ROLESCOPE_FETCH_RATE")


def test_flag_beats_env(tmp_path: Path) -> None:
    write(tmp_path / "rolescope.toml", "[run]\nworkers = 3\nkeep_removed = false\n[fetch]\nrate = 2.0\n")
    env = {"ROLESCOPE_RUN_WORKERS": "5", "ROLESCOPE_RUN_KEEP_REMOVED": "yes", "ROLESCOPE_FETCH_RATE": "0.5"}
    run = show("run", "--workers", "7", "--drop-removed", env=env)
    assert run["run"]["workers"] == (7, "flag --workers")
    assert run["run"]["keep_removed"] == (False, "flag --drop-removed")
    assert run["fetch"]["rate"] == (0.5, "env ROLESCOPE_FETCH_RATE")  # run's flags are run's only
    fetch = show("fetch", "--rate", "4", env=env)
    assert fetch["fetch"]["rate"] == (4.0, "flag --rate")
    assert fetch["run"]["workers"] == (5, "env ROLESCOPE_RUN_WORKERS")


def test_a_flag_equal_to_the_default_still_wins() -> None:
    """Given-ness comes from click's parameter source, not from comparing with the default."""
    shown = show("run", "--workers", "0", env={"ROLESCOPE_RUN_WORKERS": "5"})["run"]
    assert shown["workers"] == (0, "flag --workers")


def test_config_flag_beats_config_env_beats_default_file(tmp_path: Path) -> None:
    write(tmp_path / "rolescope.toml", "[run]\nworkers = 1\n")
    write(tmp_path / "env.toml", "[run]\nworkers = 2\n")
    write(tmp_path / "flag.toml", "[run]\nworkers = 3\n")
    assert show("run")["run"]["workers"][0] == 1
    env = {"ROLESCOPE_CONFIG": str(tmp_path / "env.toml")}
    assert show("run", env=env)["run"]["workers"] == (2, f"file {tmp_path / 'env.toml'}")
    assert show("run", "--config", str(tmp_path / "flag.toml"), env=env)["run"]["workers"][0] == 3


def test_settings_reach_the_run(tmp_path: Path) -> None:
    """Values from the file and the environment are the ones the run uses, not just displayed."""
    (tmp_path / "docs").mkdir()
    write(tmp_path / "docs" / "junk.txt", "nothing to see\n")
    write(tmp_path / "rolescope.toml", '[run]\ninput = "docs"\noutput = "tables"\nmax_quarantined = 0\n')
    over = invoke("run", "-q")
    assert over.exit_code == 5 and "over the limit of 0" in over.stderr
    assert (tmp_path / "tables" / "articles.parquet").is_file()
    ok = invoke("run", "-q", env={"ROLESCOPE_RUN_MAX_QUARANTINED": "1"})
    assert ok.exit_code == 0, ok.output


# --- errors ------------------------------------------------------------------------------------------


def test_unknown_key_and_table_are_usage_errors(tmp_path: Path) -> None:
    write(tmp_path / "rolescope.toml", "[run]\nwrokers = 2\n")
    result = invoke("run", "--show-settings")
    assert result.exit_code == 2 and "unknown key 'wrokers' in [run]" in result.stderr
    write(tmp_path / "rolescope.toml", "[rnu]\nworkers = 2\n")
    result = invoke("run")
    assert result.exit_code == 2 and "unknown table [rnu]" in result.stderr


def test_bad_type_in_the_file_names_key_and_file(tmp_path: Path) -> None:
    settings = write(tmp_path / "custom.toml", '[run]\nworkers = "4"\n')
    result = invoke("run", "--config", str(settings))
    assert result.exit_code == 2
    assert "workers" in result.stderr and str(settings) in result.stderr and "integer" in result.stderr
    write(settings, "[fetch]\nrate = true\n")
    result = invoke("fetch", "--config", str(settings))
    assert result.exit_code == 2 and "rate" in result.stderr and "number" in result.stderr
    write(settings, "[run]\nworkers = -1\n")
    result = invoke("run", "--config", str(settings))
    assert result.exit_code == 2 and "workers" in result.stderr and "0<=x<=1024" in result.stderr


def test_missing_named_settings_file(tmp_path: Path) -> None:
    result = invoke("run", env={"ROLESCOPE_CONFIG": str(tmp_path / "nope.toml")})
    assert result.exit_code == 2 and "not found" in result.stderr and "ROLESCOPE_CONFIG" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("ROLESCOPE_RUN_WORKERS", "four", "expected an integer"),
        ("ROLESCOPE_RUN_WORKERS", "-1", "not in the range"),
        ("ROLESCOPE_RUN_KEEP_REMOVED", "maybe", "expected a boolean"),
        ("ROLESCOPE_RUN_ENGINE", "spark", "not one of"),
        ("ROLESCOPE_RUN_RATES", "no-such-rates.csv", "does not exist"),
        ("ROLESCOPE_FETCH_RATE", "0", "not in the range"),
        ("ROLESCOPE_FETCH_TIMEOUT", "nan", "finite"),
        ("ROLESCOPE_RUN_WROKERS", "2", "unknown setting"),
    ],
)
def test_bad_environment_value_names_the_variable(variable: str, value: str, reason: str) -> None:
    command = "fetch" if "_FETCH_" in variable else "run"
    result = invoke(command, env={variable: value})
    assert result.exit_code == 2, result.output
    assert variable in result.stderr and reason in result.stderr


@pytest.mark.parametrize(("text", "expected"), [("1", True), ("TRUE", True), ("yes", True), ("0", False),
                                                ("false", False), ("No", False)])
def test_boolean_environment_values(text: str, expected: bool) -> None:
    shown = show("run", env={"ROLESCOPE_RUN_KEEP_REMOVED": text, "ROLESCOPE_RUN_LOG_JSON": text})["run"]
    assert shown["keep_removed"][0] is expected and shown["log_json"][0] is expected


def test_empty_variable_counts_as_unset(tmp_path: Path) -> None:
    write(tmp_path / "rolescope.toml", "[run]\nworkers = 3\n")
    assert show("run", env={"ROLESCOPE_RUN_WORKERS": ""})["run"]["workers"] == (3, "file rolescope.toml")


def test_scheduler_needs_engine_dask() -> None:
    result = invoke("run", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2 and "engine dask" in result.stderr
    result = invoke("run", env={"ROLESCOPE_RUN_SCHEDULER": "tcp://127.0.0.1:8786"})
    assert result.exit_code == 2 and "ROLESCOPE_RUN_SCHEDULER" in result.stderr
    shown = show("run", "--engine", "dask", env={"ROLESCOPE_RUN_SCHEDULER": "tcp://127.0.0.1:8786"})["run"]
    assert shown["scheduler"] == ("tcp://127.0.0.1:8786", "env ROLESCOPE_RUN_SCHEDULER")
    assert shown["engine"] == ("dask", "flag --engine")


# --- lists (fetch) -------------------------------------------------------------------------------------


def test_list_values_from_env_file_and_flags(tmp_path: Path) -> None:
    write(
        tmp_path / "rolescope.toml",
        '[fetch]\njobs = "https://file.example/jobs/"\nallow-host = ["f.example"]\n',
    )
    env = {"ROLESCOPE_FETCH_ALLOW_HOST": "a.example, b.example,", "ROLESCOPE_FETCH_SITEMAP": "https://s/x.xml"}
    shown = show("fetch", env=env)["fetch"]
    assert shown["allow_host"] == (["a.example", "b.example"], "env ROLESCOPE_FETCH_ALLOW_HOST")
    assert shown["sitemap"] == (["https://s/x.xml"], "env ROLESCOPE_FETCH_SITEMAP")
    # A string in the file is a list of one.
    assert shown["jobs"] == (["https://file.example/jobs/"], "file rolescope.toml")
    shown = show("fetch", "--allow-host", "c.example", "--allow-host", "d.example", env=env)["fetch"]
    assert shown["allow_host"] == (["c.example", "d.example"], "flag --allow-host")  # replaced, not merged


def test_url_entries_are_urls_or_files(tmp_path: Path) -> None:
    write(tmp_path / "urls.txt", "# mine\nhttps://a.example/1\n\nhttps://a.example/2\n")
    assert _expand_urls(["https://b.example/x", "urls.txt"]) == [
        "https://b.example/x",
        "https://a.example/1",
        "https://a.example/2",
    ]


# --- show-settings output, docs, example file ------------------------------------------------------------


def test_show_settings_is_valid_toml_and_does_not_run(tmp_path: Path) -> None:
    result = invoke("run", "--show-settings", "--input", str(tmp_path / "missing"), "--max-quarantined", "2")
    assert result.exit_code == 0, result.output
    data = tomllib.loads(result.stdout)
    assert data["run"]["input"] == str(tmp_path / "missing") and data["run"]["max_quarantined"] == 2
    assert "rates" not in data["run"] and "# rates not set (the bundled table)" in result.stdout
    assert "settings file: none" in result.stdout
    assert not (tmp_path / "processed").exists()
    # What it prints can be used as a settings file, and gives the same values.
    write(tmp_path / "shown.toml", result.stdout)
    again = tomllib.loads(invoke("run", "--show-settings", "--config", "shown.toml").stdout)
    assert again == data


def test_settings_doc_is_current() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    block = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert block == key_reference(), "run `python -m pipeline.config.report docs/settings.md`"


def test_example_settings_file_documents_every_key() -> None:
    example = ROOT / "rolescope.example.toml"
    text = example.read_text(encoding="utf-8")
    parts = re.split(r"^\[(\w+)\]$", text, flags=re.MULTILINE)  # preamble, name, body, name, body
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    assert set(sections) == set(TABLES)
    for name, table in TABLES.items():
        for key in table.keys:
            assert f"{key.name} = " in sections[name], f"{key.name} missing from [{name}] of {example.name}"
    file = load_file(example, {})
    assert resolve(RUN, {}, {}, file)["workers"].source == "default"  # [run] is all commented defaults
    assert resolve(FETCH, {}, {}, file)["rate"].source == "file"


# --- the real command line ----------------------------------------------------------------------------------


def test_environment_drives_python_m_pipeline_run(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    write(tmp_path / "docs" / "junk.txt", "nothing to see\n")
    write(tmp_path / "rolescope.toml", '[run]\ninput = "docs"\nmax_quarantined = 5\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLESCOPE_")}
    env |= {
        "ROLESCOPE_RUN_OUTPUT": str(tmp_path / "from-env"),
        "ROLESCOPE_RUN_MAX_QUARANTINED": "0",
        "ROLESCOPE_RUN_LOG_JSON": "true",
        "ROLESCOPE_RUN_WORKERS": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "-q"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 5, proc.stderr  # env's 0 beat the file's 5
    assert (tmp_path / "from-env" / "articles.parquet").is_file()  # the file's input, the env's output
    lines = [line for line in proc.stderr.splitlines() if line.startswith("{")]
    assert lines and all(json.loads(line)["level"] for line in lines)
    flag = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "-q", "--max-quarantined", "1"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert flag.returncode == 0, flag.stderr
