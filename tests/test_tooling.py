"""The tools that keep the shape (run by the test suite, so CI runs them): ruff, mypy, import-linter.

Each runs from the project root with its configuration in pyproject.toml; a finding fails the
test with the tool's own output. The schema drift check is tests/test_schema_drift.py.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def check_tool(tool: str, *args: str, timeout: int = 600) -> None:
    found = shutil.which(tool, path=str(BIN)) or shutil.which(tool)
    if found is None:
        pytest.fail(f"{tool} is not installed: pip install -e '.[test]' (see pyproject.toml)")
    result = subprocess.run([found, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{tool} {' '.join(args)}:\n{result.stdout}{result.stderr}"


def test_ruff():
    check_tool("ruff", "check", "counter", "tests", "benchmarks", "main.py")


def test_mypy():
    check_tool("mypy")  # files, exclusions and the baseline list: [tool.mypy] in pyproject.toml


def test_import_contracts():
    check_tool("lint-imports")
