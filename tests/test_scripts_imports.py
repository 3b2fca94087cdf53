"""Benchmarks and tools are not run by the suite, but a name they import from `counter` that moved
or went away is found here (a module split must not break `benchmarks/slow_network.py` silently)."""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted([*ROOT.glob("benchmarks/*.py"), *ROOT.glob("tools/*.py")])


def counter_imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) of every `from counter… import name` in the file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "counter":
            found += [(node.module, alias.name) for alias in node.names]
    return found


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_name_a_script_imports_from_counter_exists(path):
    missing = []
    for module, name in counter_imports(path):
        found = importlib.import_module(module)
        if not hasattr(found, name):
            try:
                importlib.import_module(f"{module}.{name}")  # a sub-module
            except ImportError:
                missing.append(f"{module}.{name}")
    assert not missing, f"{path.name} imports what is not there: {missing}"
