"""What ships beside the code: the icons, the desktop entry, the file type and its installer."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cscoach"
RESOURCES = ROOT / "resources"
ICON_DIR = PACKAGE / "ui" / "icons"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ACCENT = "#2f6f73"
MIME_TYPE = "application/x-cscoach"


def named_in_code() -> set[str]:
    """Every icon name the code asks for literally: ``icon("print")``, ``icons.icon('x')``."""
    pattern = re.compile(r"""\bicon\(\s*["']([A-Za-z0-9_-]+)["']""")
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_icon_the_code_names_exists() -> None:
    from cscoach.ui import icons
    from cscoach.ui.help import STEPS
    from cscoach.ui.pages.registry import PAGES

    wanted = named_in_code() | set(icons.NAMES)
    wanted |= {spec.key for spec in PAGES}  # the sidebar and View menu: icon(spec.key)
    wanted |= {step.page for step in STEPS}  # the help window's buttons
    missing = sorted(name for name in wanted if not (ICON_DIR / f"{name}.svg").is_file())
    assert not missing, f"no SVG in {ICON_DIR} for {missing}"
    assert (ICON_DIR / f"{icons.APP_ICON}.svg").is_file()
    with pytest.raises(FileNotFoundError):
        icons.icon_path("no-such-icon")


def test_no_icon_file_is_left_unlisted() -> None:
    from cscoach.ui import icons

    on_disk = {path.stem for path in ICON_DIR.glob("*.svg")}
    assert on_disk == set(icons.NAMES) | {icons.APP_ICON}


@pytest.mark.parametrize("path", sorted(ICON_DIR.glob("*.svg")), ids=lambda p: p.name)
def test_icons_are_24_pixel_svg_in_the_accent_colour(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 24 24"
    assert root.findtext(f"{SVG}title"), "a <title> names the icon for assistive tools"
    colours = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{3,6}", path.read_text("utf-8"))}
    if path.stem == "cscoach":
        assert colours == {ACCENT, "#ffffff"}
    else:
        # One colour, so the app can redraw it white on a selected row and grey if disabled.
        assert colours == {ACCENT}
        assert root.get("fill") == "none" and root.get("stroke") == ACCENT


def test_icons_render_with_qt(qapp) -> None:
    from PySide6.QtSvg import QSvgRenderer

    for path in sorted(ICON_DIR.glob("*.svg")):
        renderer = QSvgRenderer(str(path))
        assert renderer.isValid(), path.name
        assert renderer.viewBoxF().width() == 24


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("size", PNG_SIZES)
def test_application_icon_pngs_have_their_sizes(size: int) -> None:
    path = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "cscoach.png"
    assert path.is_file()
    assert png_size(path) == (size, size)


def test_render_script_knows_the_same_sizes() -> None:
    text = (RESOURCES / "render_icons.py").read_text(encoding="utf-8")
    assert f"SIZES = {PNG_SIZES}" in text


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(RESOURCES / "cscoach.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_has_the_required_keys() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "CS Coach"
    assert entry["Exec"] == "cscoach %f"
    assert entry["Icon"] == "cscoach"
    assert entry["Terminal"] == "false"
    assert entry["MimeType"] == f"{MIME_TYPE};"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Categories"].endswith(";")
    assert entry["Comment"]


def test_desktop_entry_matches_the_app() -> None:
    """The app tells the desktop it is ``cscoach.desktop``; the icon name matches too."""
    app_source = (PACKAGE / "ui" / "app.py").read_text(encoding="utf-8")
    assert 'setDesktopFileName("cscoach")' in app_source
    from cscoach.ui.icons import APP_ICON

    assert desktop_entry()["Icon"] == APP_ICON


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_desktop_entry_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(RESOURCES / "cscoach.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # no warnings or hints either


def test_mime_type_globs_cscoach_files() -> None:
    from cscoach.model.migrations import APPLICATION_ID
    from cscoach.model.workbook import SUFFIX

    ns = "{http://www.freedesktop.org/standards/shared-mime-info}"
    root = ET.parse(RESOURCES / "cscoach-mime.xml").getroot()
    assert root.tag == f"{ns}mime-info"
    [mime_type] = root.findall(f"{ns}mime-type")
    assert mime_type.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime_type.findall(f"{ns}glob")] == [f"*{SUFFIX}"]
    assert SUFFIX == ".cscoach"
    assert mime_type.findtext(f"{ns}comment") == "CS Coach workbook"
    # The contents are only a weaker hint (below SQLite's own priority 50), and a precise
    # one: SQLite's header plus CS Coach's application_id.
    [magic] = mime_type.findall(f"{ns}magic")
    assert int(magic.get("priority", "50")) < 50
    outer = magic.find(f"{ns}match")
    assert outer is not None and outer.get("value", "").startswith("SQLite format 3")
    inner = outer.find(f"{ns}match")
    assert inner is not None
    assert inner.get("offset") == "68"
    assert inner.get("value", "").encode() == APPLICATION_ID.to_bytes(4, "big")


def test_icon_licence_is_written_down() -> None:
    text = (RESOURCES / "LICENSE-icons.md").read_text(encoding="utf-8")
    assert "MIT" in text
    assert "cscoach/ui/icons" in text


def test_icons_ship_with_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "ui/icons/*.svg" in config["tool"]["setuptools"]["package-data"]["cscoach"]


@pytest.mark.skipif(sys.platform == "win32" or not shutil.which("sh"), reason="POSIX shell")
def test_install_script_installs_and_uninstalls_for_this_user_only(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / ".local" / "share"
    env = dict(
        os.environ,
        HOME=str(home),
        XDG_DATA_HOME=str(data),
        XDG_CONFIG_HOME=str(home / ".config"),
    )
    script = RESOURCES / "install-desktop.sh"
    assert os.access(script, os.X_OK)
    exe = tmp_path / "My Apps" / "cscoach"
    run = subprocess.run(
        ["sh", str(script), "--exec", str(exe)], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr

    desktop = data / "applications" / "cscoach.desktop"
    installed = desktop.read_text(encoding="utf-8")
    assert f'Exec="{exe}" %f' in installed.splitlines()
    assert "Icon=cscoach" in installed.splitlines()
    for size in PNG_SIZES:
        png = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "cscoach.png"
        assert png_size(png) == (size, size)
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "cscoach.svg").is_file()
    assert (data / "mime" / "packages" / "cscoach-mime.xml").is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True)
        assert check.returncode == 0

    run = subprocess.run(
        ["sh", str(script), "--uninstall"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert not desktop.exists()
    assert not list((data / "icons").rglob("cscoach.*"))
    assert not list((data / "icons").rglob("application-x-cscoach.*"))
    assert not (data / "mime" / "packages" / "cscoach-mime.xml").exists()


def test_install_script_refuses_unknown_options(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    run = subprocess.run(
        ["sh", str(RESOURCES / "install-desktop.sh"), "--frobnicate"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert "unknown option --frobnicate" in run.stderr
    assert not (tmp_path / "data").exists()
