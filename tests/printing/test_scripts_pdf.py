"""Names in Chinese, Japanese, Korean, Arabic and Hebrew print (read back with pypdf):
CJK in a TrueType fallback font found on the computer (embedded like DejaVu Sans), its bold
outlined; Arabic joined and right to left, Hebrew right to left, a paragraph of several
lines read from its first line down (read back line by line with pdftotext); what no font
can draw is named in the document's warnings before it is printed."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from helpers.dates import FIXED_TODAY
from pypdf import PdfReader

from cscoach.model import settings, team
from cscoach.model import standards as st
from cscoach.model.workbook import Workbook
from cscoach.printing import scripts
from cscoach.printing.base import markup, para, text
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


def test_an_emoji_a_font_draws_reads_back_as_itself(workbook: Workbook) -> None:
    """DejaVu Sans draws 😀 (beyond U+FFFF): a PDF reader gets the emoji back, not
    nothing nor a wrong character (the map back to characters writes it as UTF-16)."""
    team.add_member(workbook, "Ana 😀 ☕")
    printed = render(workbook, PrintRequest("signoff", today=FIXED_TODAY))
    assert printed.warnings == ()
    _, flat = read(printed.pdf)
    assert "Ana😀☕" in flat


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


ARABIC = (
    "رحب بكل عميل عند الباب بابتسامة واسأله عن اسمه ثم اعرض عليه قائمة المشروبات الموسمية "
    "واشرح له العروض الخاصة لهذا الأسبوع قبل أن تأخذ طلبه وتشكره على زيارته"
)
HEBREW = (
    "קבלו כל לקוח בדלת בחיוך שאלו לשמו הציעו לו את תפריט המשקאות העונתי הסבירו את "
    "המבצעים המיוחדים של השבוע לפני שאתם לוקחים את ההזמנה והודו לו על הביקור"
)


def plain_words(line: str) -> list[str]:
    """A line read back from a PDF as the words written: Arabic letters in their basic
    forms, pdftotext's direction marks left out."""
    line = unicodedata.normalize("NFKC", line)
    return "".join(c for c in line if unicodedata.category(c) != "Cf").split()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("written", [ARABIC, HEBREW], ids=["arabic", "hebrew"])
def test_a_right_to_left_paragraph_of_several_lines_reads_from_its_first_line(
    workbook: Workbook, written: str, tmp_path: Path
) -> None:
    category = st.list_categories(workbook)[0].id
    st.add_standard(workbook, st.StandardInput("Greeting", category, detail=written))
    pdf = tmp_path / "handbook.pdf"
    pdf.write_bytes(render(workbook, PrintRequest("standards", today=FIXED_TODAY)).pdf)
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    words = written.split()
    lines = [plain_words(line) for line in out.stdout.splitlines()]
    # the detail's lines: those made only of its words
    found = [line for line in lines if line and set(line) <= set(words)]
    assert len(found) >= 2, out.stdout
    assert found[0] == words[: len(found[0])]  # the first line holds the first words
    assert found[-1] == words[-len(found[-1]) :]
    assert [w for line in found for w in line] == words  # nothing lost, in order
    assert len(found[0]) > len(found[-1])  # the short line comes last


def test_lines_are_broken_in_the_order_written_then_each_reordered() -> None:
    hebrew = para(HEBREW)
    hebrew.wrap(150, 1000)
    seen = scripts.visual_lines(hebrew.blPara, rtl=True).lines
    assert len(seen) >= 3
    first = " ".join(seen[0][1])[::-1]  # a Hebrew line is seen reversed
    assert HEBREW.startswith(first)
    # runs in several fonts (bold markup, a Chinese name) keep their own fonts
    mixed = markup("<b>Owner:</b> " + text("דנה כהן 王小明 " + HEBREW))
    mixed.wrap(200, 1000)
    line = scripts.visual_lines(mixed.blPara, rtl=False).lines[0]
    assert line.words[0].text.startswith("Owner:") and "Bold" in line.words[0].fontName
    assert "ןהכ הנד" in "".join(w.text for w in line.words)  # the Hebrew name reversed
    if HAS_CJK_FONT:
        assert any(w.text.strip() == "王小明" for w in line.words)


def test_an_embedded_direction_character_does_not_stop_a_print() -> None:
    assert scripts.visual_order(["שלום \u2066abc\u2069 ", "עולם"], True)
    assert scripts.visual_order(["a\u202eb\u202c"], False) == [(0, "ab")]


@pytest.mark.skipif(not HAS_CJK_FONT, reason="no TrueType CJK font on this computer")
def test_bold_chinese_is_drawn_outlined_from_the_one_embedded_font(workbook: Workbook) -> None:
    """The fallback font has no bold: its bold runs are filled and stroked (text rendering
    mode 2), its regular runs only filled, and the PDF embeds the font once."""
    settings.set_business_name(workbook, "你好咖啡")
    category = st.list_categories(workbook)[0].id
    st.add_standard(workbook, st.StandardInput("王小明", category, detail="你好 hello"))
    printed = render(workbook, PrintRequest("standards", today=FIXED_TODAY))
    reader, flat = read(printed.pdf)
    assert "王小明" in flat and "你好hello" in flat
    streams = [page.get_contents() for page in reader.pages]
    stream = "".join(s.get_data().decode("latin-1") for s in streams if s is not None)
    assert re.search(r"[\d.]+ w 2 Tr", stream)  # within the paragraph's q ... Q
    fonts = [name for name in embedded(reader) if "Fallback" in name or "Hei" in name]
    assert len(fonts) == 1, fonts
    assert scripts.bold_fallback(text("王") + "<b>" + text("王") + "</b>", False) == (
        '<font name="CSCoachFallback">王</font><b><font name="CSCoachFallback-Bold">王</font></b>'
    )


@pytest.fixture
def every_script(demo_workbook: Workbook) -> Workbook:
    """The demo with its business, people and first standards named in other scripts."""
    wb = demo_workbook
    settings.set_business_name(wb, "你好咖啡 مقهى السلام")
    names = ["田中 愛子", "דנה כהן", "محمد العلي", "김민준"]
    for member, name in zip(team.list_members(wb), names, strict=False):
        team.update_member(wb, member.id, name, member.role, member.start_date, member.active)
    titles = [
        "رحب بكل عميل عند الباب بابتسامة",
        "顾客至上 每次微笑",
        "ענו לטלפון תוך שלושה צלצולים",
    ]
    for standard, title in zip(st.list_standards(wb), titles, strict=False):
        data = st.StandardInput(
            title,
            standard.category_id,
            standard.detail,
            standard.value_ids,
            standard.kpi_id,
            standard.owner_id,
            standard.review_months,
            True,  # on the poster
            standard.active,
        )
        st.update_standard(wb, standard.id, data)
    return wb


@pytest.mark.skipif(not HAS_CJK_FONT, reason="no TrueType CJK font on this computer")
@pytest.mark.parametrize("document", ["poster", "standards", "monthly-review"])
def test_names_in_every_script_in_the_poster_handbook_and_review(
    every_script: Workbook, document: str
) -> None:
    printed = render(every_script, PrintRequest(document, today=FIXED_TODAY))
    reader, flat = read(printed.pdf)
    flat = flat.replace("✓", "")  # the poster's tick: part of a right-to-left line's text
    assert printed.warnings == ()
    assert squash("你好咖啡 مقهى السلام") in flat
    owners = {s.owner for s in st.list_standards(every_script)}
    expected = {
        # the poster has standards only; the review names people (actions, stories), not
        # standards
        "poster": ["رحب بكل عميل عند الباب بابتسامة", "顾客至上 每次微笑"],
        "standards": [
            "رحب بكل عميل عند الباب بابتسامة",
            "顾客至上 每次微笑",
            "ענו לטלפון תוך שלושה צלצולים",
            *[name for name in ("田中 愛子", "דנה כהן", "김민준") if name in owners],
        ],
        "monthly-review": ["דנה כהן", "محمد العلي"],
    }[document]
    for value in expected:
        assert squash(value) in flat, value
    assert all(embedded(reader).values())


@pytest.mark.parametrize("document", ["poster", "standards", "monthly-review"])
def test_an_emoji_no_font_draws_is_named_in_every_document(
    demo_workbook: Workbook, document: str
) -> None:
    settings.set_business_name(demo_workbook, "Corner Café 🙂")
    printed = render(demo_workbook, PrintRequest(document, today=FIXED_TODAY))
    assert any("🙂 (U+1F642)" in w for w in printed.warnings), printed.warnings
    _, flat = read(printed.pdf)
    assert "CornerCafé" in flat  # the rest prints
