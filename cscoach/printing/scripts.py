"""Every script a name or a comment may be written in, on paper.

DejaVu Sans (shipped inside matplotlib) draws Latin, Greek, Cyrillic, Arabic and Hebrew but
no Chinese, Japanese or Korean. reportlab embeds TrueType fonts only (not the CFF-flavoured
OpenType of most Noto CJK files), so a TrueType font with those characters is looked for
on the computer (``FALLBACK_FONTS``; Debian's ``fonts-wqy-microhei`` or
``fonts-droid-fallback``) and used for the runs of characters DejaVu lacks.

reportlab draws characters in the order they are stored and one glyph per character:
Arabic and Hebrew are stored first letter first and Arabic letters join. ``reshaped`` puts
Arabic letters in their joined forms (``arabic-reshaper``), still in the order they are
written; a paragraph is broken into lines in that order and each line is then put in the
order it is seen (``visual_order``, the Unicode bidirectional algorithm of
``python-bidi``), so a paragraph of several lines reads from its first line down. Text
drawn on one line (a page header) is put in that order at once (``shaped``).

WenQuanYi Micro Hei and the other fallback fonts have no bold face: their bold
(``FALLBACK_BOLD``) is the regular face drawn with an outline of its own colour
(``OutliningText``, ``draw_run``), so a heading in Chinese still stands out.

What no font here can draw is collected (``collecting_missing``) so the preview can name it
before anything is printed.
"""

from __future__ import annotations

import contextlib
import copy
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

FALLBACK = "CSCoachFallback"
FALLBACK_BOLD = "CSCoachFallback-Bold"  # the same face, outlined (it has no bold)
BOLD_OUTLINE = 0.04  # the outline's width as a share of the type size
# TrueType fonts with Chinese, Japanese and Korean characters, best first: (path, index in
# a collection). Linux (Debian's packages), then macOS and Windows.
FALLBACK_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 0),
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/malgun.ttf", 0),
)

# Hebrew, Arabic (and its supplements and presentation forms), Syriac, Thaana, NKo
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_ISOLATES = frozenset({"LRI", "RLI", "FSI", "PDI"})
_lock = threading.Lock()

_missing: ContextVar[set[str] | None] = ContextVar("print_missing", default=None)


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's map from a font subset's codes back to characters (what a PDF reader
    extracts), with a character beyond U+FFFF (an emoji DejaVu Sans draws, 😀) written as
    UTF-16, as the PDF format wants: reportlab writes its code point as five hex digits,
    which readers reject (the emoji extracted as nothing, or as a wrong character)."""
    cmap: str = _reportlab_cmap(fontname, subset)
    for index, code in enumerate(subset):
        if code > 0xFFFF:
            utf16 = chr(code).encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{utf16}>")
    return cmap


_reportlab_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # reportlab's fonts look it up at each use


@contextlib.contextmanager
def collecting_missing() -> Iterator[set[str]]:
    """Within the block, the characters no font could draw are added to the set given."""
    found: set[str] = set()
    token = _missing.set(found)
    try:
        yield found
    finally:
        _missing.reset(token)


def describe_missing(chars: set[str]) -> str:
    """ "🙂 (U+1F642), ☃ (U+2603)" for a warning, the first few in code order."""
    shown = sorted(chars)[:8]
    listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in shown)
    more = len(chars) - len(shown)
    return listed + (f" and {more} more" if more > 0 else "")


@cache
def _cmap(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


@cache
def fallback_font() -> str | None:
    """The name of the registered fallback font, or None when the computer has none."""
    with _lock:
        for path, index in FALLBACK_FONTS:
            if not Path(path).is_file():
                continue
            try:
                font = TTFont(FALLBACK, path, subfontIndex=index)
            except (TTFError, OSError, ValueError):
                continue  # a CFF-flavoured or damaged font: try the next one
            pdfmetrics.registerFont(font)
            # Its bold: the same font object under a second name (a shallow copy shares the
            # face and the per-document subsets, so a PDF embeds the font once), drawn
            # outlined. Italic runs use the upright face: better plain than a box.
            bold = copy.copy(font)
            bold.fontName = FALLBACK_BOLD
            pdfmetrics.registerFont(bold)
            pdfmetrics.registerFontFamily(
                FALLBACK,
                normal=FALLBACK,
                bold=FALLBACK_BOLD,
                italic=FALLBACK,
                boldItalic=FALLBACK_BOLD,
            )
            return FALLBACK
    return None


_TAG = re.compile(r"<[^>]*>")


def right_to_left(markup: str) -> bool:
    """Whether a paragraph's markup (its tags not counted) starts with a right-to-left
    letter: then its lines are flush right and read from the right (its base direction)."""
    plain = _TAG.sub("", markup)
    first = next((c for c in plain if c.isalpha()), "")
    return bool(first) and bool(_RTL.match(first))


_BOLD_TAGS = re.compile(r'<(/?)(?:b|strong)>|<font name="' + FALLBACK + '">')


def bold_fallback(markup: str, bold: bool) -> str:
    """Paragraph ``markup`` with the fallback font of ``text`` named by its bold inside bold
    text (``<b>``, or all of it when the style is ``bold``). reportlab takes a run's weight
    from the font a ``<font name>`` tag names, so the tag alone would make it regular."""
    depth = 1 if bold else 0

    def weigh(tag: re.Match[str]) -> str:
        nonlocal depth
        if tag.group(0).startswith("<font"):
            return f'<font name="{FALLBACK_BOLD}">' if depth > 0 else tag.group(0)
        depth += -1 if tag.group(1) else 1
        return tag.group(0)

    return _BOLD_TAGS.sub(weigh, markup)


def has_right_to_left(value: str) -> bool:
    """Whether ``value`` holds any right-to-left letter (its lines need ``visual_order``)."""
    return bool(_RTL.search(value))


def reshaped(value: str) -> str:
    """``value`` with Arabic letters in their joined forms, still in the order written."""
    if not _ARABIC.search(value):
        return value
    import arabic_reshaper

    return "\n".join(
        arabic_reshaper.reshape(line) if _ARABIC.search(line) else line
        for line in value.split("\n")
    )


def shaped(value: str) -> str:
    """``value`` as it is seen when each of its lines is drawn on one line: Arabic letters
    joined, each line holding right-to-left letters in the order it is seen; other lines as
    they are."""
    if not _RTL.search(value):
        return value
    from bidi import get_display

    return "\n".join(
        str(get_display(line)) if _RTL.search(line) else line
        for line in reshaped(value).split("\n")
    )


def visual_order(pieces: Sequence[str], rtl: bool) -> list[tuple[int, str]]:
    """One line, given as ``pieces`` of text in the order written (runs in different fonts),
    in the order it is seen from left to right: (index of the piece, its text) for each
    stretch of one piece, right-to-left stretches reversed and their brackets mirrored.
    ``rtl``: the paragraph's base direction.

    python-bidi's pure-Python algorithm keeps a record per character, so the record can
    carry the piece the character came from through the reordering (its ``get_display``
    returns only the characters). Explicit embedding marks and zero-width joiners are
    dropped, as the algorithm drops them."""
    from bidi import algorithm

    written = "".join(pieces)
    # The pure-Python algorithm predates the isolates (U+2066-2069): they stand in as
    # neutral punctuation, which is how a line without them would be laid out.
    proxy = "".join("!" if unicodedata.bidirectional(c) in _ISOLATES else c for c in written)
    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    try:
        algorithm.get_embedding_levels(proxy, storage)
        owners = (n for n, piece in enumerate(pieces) for _ in piece)
        for at, (record, owner) in enumerate(zip(storage["chars"], owners, strict=True)):
            record["piece"], record["at"] = owner, at
        algorithm.explicit_embed_and_overrides(storage)
        algorithm.resolve_weak_types(storage)
        algorithm.resolve_neutral_types(storage, False)
        algorithm.resolve_implicit_levels(storage, False)
        algorithm.reorder_resolved_levels(storage, False)
        algorithm.apply_mirroring(storage, False)
    except (AssertionError, KeyError, ValueError):  # never fail a print over the order
        return [(n, piece) for n, piece in enumerate(pieces)][:: -1 if rtl else 1]
    seen: list[tuple[int, str]] = []
    for record in storage["chars"]:
        at = record["at"]
        char = record["ch"] if record["ch"] != proxy[at] else written[at]  # mirrored or not
        if seen and seen[-1][0] == record["piece"]:
            seen[-1] = (record["piece"], seen[-1][1] + char)
        else:
            seen.append((record["piece"], char))
    return seen


def runs(value: str, font: str) -> list[tuple[str, str]]:
    """``value`` (already ``shaped`` or ``reshaped``) as (text, font) runs: ``font`` where it
    has the character, the fallback font (its outlined bold for a bold ``font``) where only
    it has it. A character neither has stays in ``font`` (it prints as a box) and is noted
    for ``collecting_missing``."""
    if value.isascii():
        return [(value, font)]
    main = _cmap(font)
    result: list[tuple[str, str]] = []
    start, current = 0, font
    for n, char in enumerate(value):
        code = ord(char)
        wanted = font
        if code not in main and not char.isspace() and char not in "\u200b\u200c\u200d":
            backup = fallback_font()
            if backup is not None and code in _cmap(backup):
                wanted = FALLBACK_BOLD if "Bold" in font else backup
            else:
                found = _missing.get()
                if found is not None:
                    found.add(char)
        if wanted != current:
            if n > start:
                result.append((value[start:n], current))
            start, current = n, wanted
    result.append((value[start:], current))
    return result


def draw_run(c: Canvas, x: float, y: float, run: str, font: str, size: float) -> None:
    """Draw one run of ``runs`` on a canvas in the canvas's fill colour, the fallback font's
    bold outlined in that colour."""
    c.setFont(font, size)
    if font != FALLBACK_BOLD:
        c.drawString(x, y, run)
        return
    c.saveState()
    c.setStrokeColor(c._fillColorObj)
    c.setLineWidth(size * BOLD_OUTLINE)
    c.drawString(x, y, run, mode=2)  # fill, then stroke
    c.restoreState()


class OutliningText(PDFTextObject):
    """A text object (for a paragraph) that draws the fallback font's bold as the regular
    face filled and outlined in the text's colour (PDF text rendering mode 2)."""

    _outlined = False
    _fill: Any = None  # the colour text is filled with, once this object has set one

    def _setFont(self, psfontname: str, size: float) -> None:  # noqa: N802 - reportlab's
        super()._setFont(psfontname, size)
        self._outline(psfontname, size)

    def setFont(  # noqa: N802 - reportlab's name
        self, psfontname: str, size: float, leading: float | None = None
    ) -> None:
        super().setFont(psfontname, size, leading)
        self._outline(psfontname, size)

    def setFillColor(self, aColor: Any, alpha: float | None = None) -> None:  # noqa: N802, N803
        super().setFillColor(aColor, alpha)
        self._fill = aColor
        if self._outlined:
            self.setStrokeColor(aColor, alpha)

    def _outline(self, font: str, size: float) -> None:
        outlined = font == FALLBACK_BOLD
        if outlined:
            fill = self._fill if self._fill is not None else self._canvas._fillColorObj
            self.setStrokeColor(fill)
            self._code.append(f"{fp_str(size * BOLD_OUTLINE)} w")
        if outlined != self._outlined:
            self.setTextRenderMode(2 if outlined else 0)
            self._outlined = outlined


def visual_lines(para: Any, rtl: bool) -> Any:
    """A paragraph's lines (reportlab's ``blPara``, broken in the order written), each line
    that holds right-to-left letters in the order it is seen (``visual_order``); ``rtl``:
    the paragraph's base direction. The lines' widths do not change, only their order."""
    if para.kind == 0:  # one font: each line a list of words
        lines = []
        for extra, words in para.lines:
            line = " ".join(words)
            if _RTL.search(line):
                words = "".join(piece for _, piece in visual_order([line], rtl)).split(" ")
            lines.append((extra, words))
        return para.clone(lines=lines)
    lines = []
    for line in para.lines:  # runs of text in different fonts (and marks that hold none)
        texts = [getattr(f, "text", "") or "" for f in line.words]
        if not any(_RTL.search(t) for t in texts):
            lines.append(line)
            continue
        first = next(n for n, t in enumerate(texts) if t)
        seen = [line.words[n].clone(text=t) for n, t in visual_order(texts, rtl)]
        before = line.words[:first]
        after = [f for n, f in enumerate(line.words) if n > first and not texts[n]]
        lines.append(line.clone(words=before + seen + after))
    return para.clone(lines=lines)
