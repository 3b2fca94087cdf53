"""The domain, forms engine and printing never import Qt (napari-style layering)."""
from __future__ import annotations

import ast
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        found += [n for n in names if n.split(".")[0] == "PySide6" or n.startswith("counter.ui")]
    return found


def test_no_qt_outside_counter_ui():
    offenders = {}
    for path in (ROOT / "counter").rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[:2] == ("counter", "ui") or relative.name == "cli.py":
            continue  # cli.py starts the GUI layer on purpose, lazily
        if imports := qt_imports(path):
            offenders[str(relative)] = imports
    assert offenders == {}


def test_no_window_opens_a_database_session():
    """Services own their transactions: a window calls them (in a background task), it never
    opens a session or a read itself (`ctx.sessions`, `db.reading`, `db.quick_read`)."""
    opened = []
    for path in sorted((ROOT / "counter" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "sessions":
                opened.append(f"{path.relative_to(ROOT)}:{node.lineno} .sessions")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("reading", "quick_read"):
                opened.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.func.id}()")
    assert opened == []
