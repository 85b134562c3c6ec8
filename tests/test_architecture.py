"""Dependencies point one way: the model imports no Qt and no UI; printing and charts no UI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cscoach"


def imported_modules(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
        found[str(path.relative_to(PACKAGE))] = names
    return found


def test_model_imports_no_qt_ui_or_heavy_libraries() -> None:
    forbidden = (
        "PySide6",
        "cscoach.ui",
        "matplotlib",
        "reportlab",
        "cscoach.printing",
        "cscoach.charts",
    )
    for module, names in imported_modules(PACKAGE / "model").items():
        bad = [n for n in names if n.startswith(forbidden)]
        assert not bad, f"cscoach/{module} imports {bad}"


def test_printing_and_charts_import_no_ui() -> None:
    for sub in ("printing", "charts"):
        if not (PACKAGE / sub).exists():
            continue
        for module, names in imported_modules(PACKAGE / sub).items():
            bad = [n for n in names if n.startswith(("PySide6", "cscoach.ui"))]
            assert not bad, f"cscoach/{module} imports {bad}"


def test_command_line_starts_without_qt_or_heavy_imports() -> None:
    code = (
        "import sys, cscoach.cli, cscoach.model.workbook, cscoach.model.team;"
        "heavy = [m for m in ('PySide6', 'matplotlib', 'reportlab', 'numpy') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
