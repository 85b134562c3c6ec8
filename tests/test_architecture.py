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


def _source_files(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8") for p in folder.rglob("*.py")
    }


def test_the_ui_speaks_no_sql() -> None:
    """The UI asks the model; it never opens a connection or writes SQL itself."""
    for module, names in imported_modules(PACKAGE / "ui").items():
        assert "sqlite3" not in names, f"cscoach/{module} imports sqlite3"
    for module, text in _source_files(PACKAGE / "ui").items():
        tree = ast.parse(text)
        conns = [
            n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "conn"
        ]
        assert not conns, f"cscoach/{module} uses a connection (lines {conns})"
        assert "PRAGMA" not in text, f"cscoach/{module} runs a PRAGMA"


def test_printing_reads_no_workbook_but_through_documents() -> None:
    """Printing takes plain data: only printing/documents.py reads the workbook."""
    for module, names in imported_modules(PACKAGE / "printing").items():
        if module.endswith("documents.py"):
            continue
        assert "cscoach.model.workbook" not in names, f"cscoach/{module} reads the workbook"


def test_no_page_imports_the_window_and_no_import_by_string() -> None:
    for module, names in imported_modules(PACKAGE / "ui" / "pages").items():
        assert "cscoach.ui.main_window" not in names, f"cscoach/{module} imports the window"
    # The two that import in steps under the import lock, by design (ARCHITECTURE.md).
    by_name = {"imports.py", "ui/chart_import.py"}
    for module, text in _source_files(PACKAGE).items():
        if module in by_name:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
                raise AssertionError(f"cscoach/{module} imports a module by its name")
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
                raise AssertionError(f"cscoach/{module} imports a module by its name")
