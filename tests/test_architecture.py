"""The package layout of docs/architecture.md, enforced by reading every import of the code.

Why a test and not a convention: a stage that imports the run machinery, or a parser that
reaches into the row builders, works today and makes every later change harder; it is
caught here the day it is written. Imports are read from the source (``ast``), including
the lazy ones inside functions and under ``TYPE_CHECKING``, so nothing hides from it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

STAGES = ("read", "decode", "structure", "parse", "normalize", "tables")
"""The stage packages, in the order a document goes through them (``tables`` validates and writes)."""

FOUNDATION = frozenset({"errors", "version", "common"})
"""What anything may import: the error types, the versions, the shared document types."""

ALLOWED: dict[str, frozenset[str]] = {
    "errors": frozenset(),
    "version": frozenset(),
    "exitcodes": frozenset(),
    "common": frozenset({"errors", "version"}),
    "tables": FOUNDATION,
    "fetch": FOUNDATION,
    "read": FOUNDATION | {"fetch"},
    "decode": FOUNDATION,
    "structure": FOUNDATION,
    "parse": FOUNDATION | {"decode", "structure"},
    "normalize": FOUNDATION | {"parse", "tables"},
    "run": FOUNDATION | {"fetch", "read", "decode", "structure", "parse", "normalize", "tables"},
    "config": FOUNDATION | {"fetch"},
    "corpus": frozenset(),
    "bench": FOUNDATION | {"corpus", "tables"},
    "report": FOUNDATION | {"tables"},
    "cli": FOUNDATION
    | {"exitcodes", "config", "fetch", "normalize", "run", "tables", "corpus", "bench", "report"},
    "__main__": frozenset({"cli"}),
    "__init__": frozenset({"version", "tables"}),
}
"""Which units each unit may import (a unit is a sub-package, or a module loose in ``pipeline/``).
This is the table of docs/architecture.md; change both together."""

LOOSE_LIMIT = 8
MODULE_LINE_LIMIT = 500


def _unit(module: str) -> str | None:
    """``pipeline.parse.cards.runs`` -> ``parse``; ``pipeline`` -> ``__init__``; others -> None."""
    parts = module.split(".")
    if parts[0] != "pipeline":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(tree: ast.AST, importer: str, is_package: bool) -> set[str]:
    """Every ``pipeline`` module (or ``pipeline.x.name``) an AST imports, relative imports resolved."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = importer.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "pipeline" or name.startswith("pipeline.")}


@cache
def _modules() -> dict[str, tuple[Path, set[str]]]:
    modules: dict[str, tuple[Path, set[str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        modules[name] = (path, _imported(tree, name, path.name == "__init__.py"))
    return modules


def _unit_of_module(name: str) -> str:
    unit = _unit(name)
    assert unit is not None
    return unit


def _resolve(imported: str) -> str | None:
    """The module an imported dotted name lives in (``pipeline.a.b.Name`` -> ``pipeline.a.b``)."""
    modules = _modules()
    name = imported
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def test_every_package_imports_only_what_the_architecture_allows() -> None:
    breaches = []
    for name, (path, imports) in _modules().items():
        unit = _unit_of_module(name)
        allowed = ALLOWED.get(unit)
        assert allowed is not None, f"{path}: unit {unit!r} is not in the architecture table"
        for imported in sorted(imports):
            target = _resolve(imported)
            if target is None or target == "pipeline":
                continue  # ``from pipeline import x`` is resolved through its dotted name
            other = _unit_of_module(target)
            if other != unit and other not in allowed:
                breaches.append(f"{path.relative_to(PACKAGE.parent)}: {unit} imports {target} ({other})")
    assert not breaches, "imports against docs/architecture.md:\n" + "\n".join(breaches)


def test_the_allowed_directions_have_no_cycle() -> None:
    seen: dict[str, int] = {}

    def visit(unit: str, path: tuple[str, ...]) -> None:
        if seen.get(unit) == 2:
            return
        assert seen.get(unit) != 1, f"cycle: {' -> '.join((*path, unit))}"
        seen[unit] = 1
        for other in sorted(ALLOWED[unit]):
            visit(other, (*path, unit))
        seen[unit] = 2

    for unit in sorted(ALLOWED):
        visit(unit, ())


def test_no_import_cycle_between_modules() -> None:
    """Module by module, top-level imports included and lazy ones too: the route only runs down."""
    graph: dict[str, set[str]] = defaultdict(set)
    for name, (_, imports) in _modules().items():
        for imported in imports:
            target = _resolve(imported)
            if target and target not in (name, "pipeline") and not name.startswith(f"{target}."):
                graph[name].add(target)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt):], nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_stages_never_import_the_run_machinery_the_settings_or_the_cli() -> None:
    for stage in (*STAGES, "fetch", "common"):
        assert not ALLOWED[stage] & {"run", "config", "cli", "corpus", "bench"}, stage
    assert "normalize" not in ALLOWED["parse"], "the parser never builds rows"
    users = {unit for unit, allowed in ALLOWED.items() if {"corpus", "bench"} & allowed}
    assert users <= {"corpus", "bench", "cli"}, users


def test_the_layout_has_few_loose_modules_and_a_package_per_stage() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(loose) <= LOOSE_LIMIT, loose
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert set(STAGES) <= packages
    assert len(set(STAGES) | {"fetch"}) >= 6


def test_no_module_is_over_the_line_limit() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): count
        for path, _ in _modules().values()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINE_LIMIT
    }
    assert not long, long


@pytest.mark.parametrize("package", sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py")))
def test_each_package_says_what_it_takes_gives_and_never_does(package: str) -> None:
    init = PACKAGE / package / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc, f"{init} has no docstring"
    lowered = doc.lower()
    assert "takes" in lowered and "gives" in lowered and "never" in lowered, (init, doc)


def test_the_architecture_doc_lists_every_unit() -> None:
    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for unit in ALLOWED:
        if unit not in {"__main__", "__init__", "exitcodes", "version", "errors"}:
            assert f"`{unit}/`" in text or f"`{unit}.py`" in text, unit
