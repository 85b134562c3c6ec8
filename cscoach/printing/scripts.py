"""Every script a name or a comment may be written in, on paper.

DejaVu Sans (shipped inside matplotlib) draws Latin, Greek, Cyrillic, Arabic and Hebrew but
no Chinese, Japanese or Korean. reportlab embeds TrueType fonts only (not the CFF-flavoured
OpenType of most Noto CJK files), so a TrueType font with those characters is looked for
on the computer (``FALLBACK_FONTS``; Debian's ``fonts-wqy-microhei`` or
``fonts-droid-fallback``) and used for the runs of characters DejaVu lacks.

reportlab draws characters in the order they are stored and one glyph per character:
Arabic and Hebrew are stored first letter first and Arabic letters join. ``shaped`` gives
each line of right-to-left text in the order it is seen, Arabic letters in their joined
forms (``arabic-reshaper`` and ``python-bidi``).

What no font here can draw is collected (``collecting_missing``) so the preview can name it
before anything is printed.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

FALLBACK = "CSCoachFallback"
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
_lock = threading.Lock()

_missing: ContextVar[set[str] | None] = ContextVar("print_missing", default=None)


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
            # bold and italic runs use the same face: better plain than a box
            pdfmetrics.registerFontFamily(
                FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK
            )
            return FALLBACK
    return None


_TAG = re.compile(r"<[^>]*>")


def right_to_left(markup: str) -> bool:
    """Whether a paragraph's markup (its tags not counted) starts with a right-to-left
    letter: then ``shaped`` laid its lines out right to left, as python-bidi does."""
    plain = _TAG.sub("", markup)
    first = next((c for c in plain if c.isalpha()), "")
    return bool(first) and bool(_RTL.match(first))


def shaped(value: str) -> str:
    """``value`` with each line that holds right-to-left letters in the order it is seen,
    Arabic letters joined; other lines as they are."""
    if not _RTL.search(value):
        return value
    import arabic_reshaper
    from bidi import get_display

    lines = []
    for line in value.split("\n"):
        if _RTL.search(line):
            if _ARABIC.search(line):
                line = arabic_reshaper.reshape(line)
            line = str(get_display(line))
        lines.append(line)
    return "\n".join(lines)


def runs(value: str, font: str) -> list[tuple[str, str]]:
    """``value`` (already ``shaped``) as (text, font) runs: ``font`` where it has the
    character, the fallback font where only it has it. A character neither has stays in
    ``font`` (it prints as a box) and is noted for ``collecting_missing``."""
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
                wanted = backup
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
