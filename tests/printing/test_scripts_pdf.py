"""Names in Chinese, Japanese, Korean, Arabic and Hebrew print (read back with pypdf):
CJK in a TrueType fallback font found on the computer (embedded like DejaVu Sans), Arabic
joined and right to left, Hebrew right to left; what no font can draw is named in the
document's warnings before it is printed."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY
from pypdf import PdfReader

from cscoach.model import settings, team
from cscoach.model import standards as st
from cscoach.model.workbook import Workbook
from cscoach.printing import scripts
from cscoach.printing.documents import PrintRequest, render

NAMES = ["田中 愛子", "王小明", "김민준", "محمد العلي", "דנה כהן"]
HAS_CJK_FONT = scripts.fallback_font() is not None


def read(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return reader, "".join(unicodedata.normalize("NFKC", text).split())


def squash(value: str) -> str:
    return "".join(value.split())


def embedded(reader: PdfReader) -> dict[str, bool]:
    found = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font.get("/FontDescriptor")
            )
            found[str(font["/BaseFont"])] = bool(descriptor and "/FontFile2" in descriptor)
    return found


@pytest.fixture
def multilingual(workbook: Workbook) -> Workbook:
    settings.set_business_name(workbook, "你好咖啡 مقهى")
    for name in NAMES:
        team.add_member(workbook, name, "バリスタ")
    return workbook


@pytest.mark.skipif(not HAS_CJK_FONT, reason="no TrueType CJK font on this computer")
@pytest.mark.parametrize("document", ["signoff", "poster", "standards"])
def test_every_script_prints_and_reads_back(multilingual: Workbook, document: str) -> None:
    category = st.list_categories(multilingual)[0].id
    st.add_standard(
        multilingual, st.StandardInput("고객에게 미소로 인사하기", category, on_poster=True)
    )
    st.add_standard(multilingual, st.StandardInput("رحب بكل عميل", category, on_poster=True))
    printed = render(multilingual, PrintRequest(document, today=FIXED_TODAY))
    reader, flat = read(printed.pdf)
    assert printed.warnings == ()  # every character has a font
    assert squash("你好咖啡") in flat
    if document == "signoff":
        for name in NAMES:
            assert squash(name) in flat, name
    else:
        assert squash("고객에게 미소로 인사하기") in flat and squash("رحب بكل عميل") in flat
    fonts = embedded(reader)
    assert all(fonts.values()), fonts
    assert any(
        name.endswith(("WenQuanYiMicroHei", "DroidSansFallbackFull", "NanumGothic"))
        or "Fallback" in name
        or "Hei" in name
        for name in fonts
    ), fonts


def test_what_no_font_draws_is_named_before_printing(workbook: Workbook) -> None:
    team.add_member(workbook, "Ana 🙂")
    printed = render(workbook, PrintRequest("signoff", today=FIXED_TODAY))
    assert any("🙂 (U+1F642)" in w and "empty box" in w for w in printed.warnings)
    _, flat = read(printed.pdf)
    assert "Ana" in flat  # the rest prints


def test_without_a_cjk_font_the_characters_are_named(
    workbook: Workbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scripts, "fallback_font", lambda: None)
    team.add_member(workbook, "王小明")
    printed = render(workbook, PrintRequest("signoff", today=FIXED_TODAY))
    assert any("王 (U+738B)" in w for w in printed.warnings)


def test_the_debian_font_is_installed_by_the_setup_script() -> None:
    script = Path(__file__).parents[2] / "scripts" / "install-system-deps.sh"
    assert "fonts-wqy-microhei" in script.read_text()
    assert scripts.FALLBACK_FONTS[0][0].endswith("wqy-microhei.ttc")


def test_right_to_left_lines_come_in_reading_order() -> None:
    assert scripts.shaped("abc") == "abc"
    assert scripts.shaped("שלום") == "םולש"  # stored as seen: the first letter on the right
    joined = scripts.shaped("مرحبا")
    assert unicodedata.normalize("NFKC", joined)[::-1] == "مرحبا" and joined != "مرحبا"[::-1]
    assert scripts.right_to_left("<b>שלום</b> world") and not scripts.right_to_left("Hi שלום")
