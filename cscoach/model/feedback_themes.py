"""Feedback themes ("Wait time", "Friendliness", the owner's own) and the keyword rules that
suggest them.

A theme's rule is plain text the owner reads and edits: ``keywords`` are entries separated
by commas (``wait, queue, long time``); an entry of several words is looked for as those
words next to each other, in that order. ``match`` says when the rule suggests its theme:

- ``any``: at least one entry is in the text;
- ``all``: every entry is in the text (anywhere, in any order);
- ``phrase``: the whole keyword text, commas ignored, is in the text as one exact phrase.

Matching is by **whole words**, ignoring case and accents: "wait" finds "Wait", "WAIT" and
"wait," but not "waiter" or "awaited"; "cafe" finds "Café". A word is a run of letters and
digits (with the accents on them); everything else (spaces, punctuation, apostrophes)
separates words, in the keywords and the text alike, so "mix-up" and "mix up" are the same
two words. Scripts written without spaces (Chinese, Japanese) are one word per run.

Each suggestion says which entries matched and where, so the page can show the words that
made it: no black box.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cscoach.model import ordering, validate
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook, name_key

MATCHES = ("any", "all", "phrase")
MATCH_LABELS = {
    "any": "any of these words",
    "all": "all of these words",
    "phrase": "this exact phrase",
}
MAX_NAME = 80
MAX_KEYWORDS = 2000
SEPARATOR = "|"  # separates theme names in a CSV cell: not allowed in a name


# -- words ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A word of a text: its folded form and where it stands (``text[start:end]``)."""

    folded: str
    start: int
    end: int


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNM"


class _Marks(dict[int, int | None]):
    """For ``str.translate``: a combining mark to nothing, any other character to itself;
    each character looked up once (a search folds every item's text)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def fold(value: str) -> str:
    """``value`` as words are compared: accents removed (compatibility-decomposed, the
    combining marks dropped), then case-folded ("Café" → "cafe", "Straße" → "strasse")."""
    if value.isascii():  # most text: the same result, a hundred times sooner
        return value.lower()
    bare = unicodedata.normalize("NFKD", value).translate(_MARKS)
    return unicodedata.normalize("NFC", bare.casefold())


def words(value: str) -> list[Word]:
    """The words of ``value`` in order, each folded, with its place in ``value``."""
    found: list[Word] = []
    start = None
    for index, ch in enumerate(value):
        if _is_word_char(ch):
            if start is None:
                start = index
        elif start is not None:
            found.append(Word(fold(value[start:index]), start, index))
            start = None
    if start is not None:
        found.append(Word(fold(value[start:]), start, len(value)))
    return [w for w in found if w.folded]


def _folded(value: str) -> tuple[str, ...]:
    return tuple(w.folded for w in words(value))


# -- rules ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """What a rule found in a text: the rule's entries that matched (as the owner wrote
    them) and where each matching word stands in the text (``(start, end)`` pairs)."""

    entries: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    def words_in(self, text: str) -> tuple[str, ...]:
        """The words of ``text`` that matched, as written there, in order, once each."""
        seen: dict[str, None] = {}
        for start, end in self.spans:
            seen.setdefault(text[start:end], None)
        return tuple(seen)


@dataclass(frozen=True)
class KeywordRule:
    keywords: str
    match: str = "any"

    @property
    def entries(self) -> tuple[str, ...]:
        """The entries as written (outer spaces dropped, empty ones left out); in
        ``phrase`` mode the whole text is one entry."""
        if self.match == "phrase":
            text = " ".join(self.keywords.replace(",", " ").split())
            return (text,) if _folded(text) else ()
        parts = (" ".join(p.split()) for p in self.keywords.replace("\n", ",").split(","))
        return tuple(p for p in parts if _folded(p))

    def find(self, text: str) -> Match | None:
        """What this rule finds in ``text``, or None when it does not suggest its theme."""
        return _find(self.keywords, self.match, text)


def _find(keywords: str, match: str, text: str) -> Match | None:
    entries = [(entry, _folded(entry)) for entry in _entries(keywords, match)]
    if not entries:
        return None
    found = words(text)
    sequence = [w.folded for w in found]
    matched: list[str] = []
    spans: list[tuple[int, int]] = []
    for entry, folded in entries:
        hits = _occurrences(sequence, folded)
        if hits:
            matched.append(entry)
            for first in hits:
                spans += [(w.start, w.end) for w in found[first : first + len(folded)]]
        elif match in ("all", "phrase"):
            return None
    if not matched:
        return None
    return Match(tuple(matched), tuple(sorted(set(spans))))


@lru_cache(maxsize=256)
def _entries(keywords: str, match: str) -> tuple[str, ...]:
    return KeywordRule(keywords, match).entries


def _occurrences(sequence: list[str], wanted: tuple[str, ...]) -> list[int]:
    """Where ``wanted`` (words) begins in ``sequence``, every time."""
    size = len(wanted)
    first = wanted[0]
    return [
        i
        for i, word in enumerate(sequence)
        if word == first and tuple(sequence[i : i + size]) == wanted
    ]


# -- themes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    id: int
    key: str | None  # the starter themes' key (wait_time…); None for the owner's own
    name: str
    keywords: str
    match: str
    suggest: bool  # the rule suggests this theme (the owner may switch it off)
    position: int
    items: int  # feedback items with this theme

    @property
    def rule(self) -> KeywordRule:
        return KeywordRule(self.keywords, self.match)

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Theme:
        return cls(
            r["id"],
            r["key"],
            r["name"],
            r["keywords"],
            r["match"],
            bool(r["suggest"]),
            r["position"],
            r["items"],
        )


_SELECT = """
    SELECT t.id, t.key, t.name, t.keywords, t.match, t.suggest, t.position,
           (SELECT count(*) FROM feedback_item_themes l WHERE l.theme_id = t.id) AS items
    FROM feedback_themes t
"""


def list_themes(wb: Workbook) -> list[Theme]:
    """Every theme, in the owner's order."""
    return [Theme.from_row(r) for r in wb.query(_SELECT + " ORDER BY t.position, t.id")]


def get_theme(wb: Workbook, theme_id: int) -> Theme:
    row = wb.query_one(_SELECT + " WHERE t.id = ?", (theme_id,))
    if row is None:
        raise ValidationError("theme", "That theme no longer exists.")
    return Theme.from_row(row)


def find_theme(wb: Workbook, name: str) -> Theme | None:
    """The theme called ``name`` (compared as the app compares names), or None."""
    wanted = name_key(name)
    return next((t for t in list_themes(wb) if name_key(t.name) == wanted), None)


def _clean_name(wb: Workbook, name: str, theme_id: int | None) -> str:
    clean = validate.text(
        name, "name", "Theme name", required=True, max_len=MAX_NAME, single_line=True
    )
    if SEPARATOR in clean:
        raise ValidationError(
            "name",
            f"A theme name cannot contain “{SEPARATOR}” (it separates themes in a CSV file).",
        )
    if wb.name_taken("feedback_themes", "name", clean, theme_id):
        raise ValidationError("name", f"There is already a theme called “{clean}”.")
    return clean


def clean_rule(keywords: str, match: str) -> tuple[str, str]:
    """The rule as stored: keywords tidied (entries separated by ", "), a known mode.

    Raises:
        ValidationError: an unknown mode, an entry with no word in it, characters that
            cannot be stored, or too long.
    """
    match = (match or "any").strip().lower()
    if match not in MATCHES:
        raise ValidationError("match", f"Match must be one of {', '.join(MATCHES)}, not “{match}”.")
    keywords = validate.text(
        keywords, "keywords", "Keywords", max_len=MAX_KEYWORDS, single_line=False
    )
    if match == "phrase":
        tidy = " ".join(keywords.split())
        if tidy and not _folded(tidy):
            raise ValidationError("keywords", f"The phrase “{tidy}” has no word in it.")
        return tidy, match
    entries = [" ".join(p.split()) for p in keywords.replace("\n", ",").split(",")]
    entries = [e for e in entries if e]
    empty = next((e for e in entries if not _folded(e)), None)
    if empty is not None:
        raise ValidationError(
            "keywords", f"“{empty}” has no word in it; keywords are words separated by commas."
        )
    return ", ".join(entries), match


def add_theme(
    wb: Workbook, name: str, keywords: str = "", match: str = "any", suggest: bool = True
) -> int:
    """Add a theme at the end of the list; returns its id."""
    clean = _clean_name(wb, name, None)
    words, mode = clean_rule(keywords, match)
    with wb.transaction():
        cur = wb.conn.execute(
            "INSERT INTO feedback_themes (name, keywords, match, suggest, position) "
            "VALUES (?, ?, ?, ?, ?)",
            (clean, words, mode, int(bool(suggest)), _next_position(wb)),
        )
        return int(cur.lastrowid or 0)


def _next_position(wb: Workbook) -> int:
    found = wb.query_one("SELECT coalesce(max(position), 0) + 1 AS p FROM feedback_themes")
    return int(found["p"]) if found else 1


def update_theme(
    wb: Workbook, theme_id: int, name: str, keywords: str, match: str, suggest: bool
) -> None:
    """Change a theme's name, rule and whether it is suggested, together."""
    get_theme(wb, theme_id)
    clean = _clean_name(wb, name, theme_id)
    words, mode = clean_rule(keywords, match)
    row = {"name": clean, "keywords": words, "match": mode, "suggest": int(bool(suggest))}
    with wb.transaction() as db:
        db.table("feedback_themes").update(theme_id, row)


def rename_theme(wb: Workbook, theme_id: int, name: str) -> None:
    get_theme(wb, theme_id)
    clean = _clean_name(wb, name, theme_id)
    with wb.transaction() as db:
        db.table("feedback_themes").update(theme_id, {"name": clean})


def set_rule(wb: Workbook, theme_id: int, keywords: str, match: str = "any") -> None:
    get_theme(wb, theme_id)
    clean, mode = clean_rule(keywords, match)
    with wb.transaction() as db:
        db.table("feedback_themes").update(theme_id, {"keywords": clean, "match": mode})


def set_suggest(wb: Workbook, theme_id: int, suggest: bool) -> None:
    """Switch a theme's suggestions on or off (its rule is kept)."""
    get_theme(wb, theme_id)
    with wb.transaction() as db:
        db.table("feedback_themes").update(theme_id, {"suggest": int(bool(suggest))})


def delete_theme(wb: Workbook, theme_id: int) -> None:
    """Delete a theme; its items stay, without it."""
    theme = get_theme(wb, theme_id)
    with wb.transaction(f"Delete theme “{theme.name}”"):  # not "Delete 9 themes": renumbered
        wb.conn.execute("DELETE FROM feedback_themes WHERE id = ?", (theme_id,))
        ordering.renumber(wb, "feedback_themes")


def merge_themes(wb: Workbook, source_ids: list[int] | tuple[int, ...], into_id: int) -> None:
    """Merge themes into one: every item of a source theme gets ``into_id`` (once), and the
    sources are deleted. The kept theme keeps its name and place; when both rules match
    "any" entry, the sources' entries are added to its keywords (each once).

    Raises:
        ValidationError: a theme no longer exists, or nothing to merge.
    """
    target = get_theme(wb, into_id)
    sources = [get_theme(wb, i) for i in dict.fromkeys(source_ids) if i != into_id]
    if not sources:
        raise ValidationError("theme", "Choose at least one other theme to merge into this one.")
    keywords = target.keywords
    if target.match == "any":
        entries = list(target.rule.entries)
        known = {_folded(e) for e in entries}
        for source in sources:
            if source.match != "any":
                continue
            for entry in source.rule.entries:
                if _folded(entry) not in known:
                    known.add(_folded(entry))
                    entries.append(entry)
        keywords = ", ".join(entries)
        if len(keywords) > MAX_KEYWORDS:
            keywords = target.keywords  # too long to merge: the kept theme's own rule
    names = ", ".join(f"“{s.name}”" for s in sources)
    label = f"Merge {names} into “{target.name}”"
    marks = ",".join("?" * len(sources))
    ids = [s.id for s in sources]
    with wb.transaction(label):
        wb.conn.execute(
            "INSERT OR IGNORE INTO feedback_item_themes (item_id, theme_id) "
            f"SELECT item_id, ? FROM feedback_item_themes WHERE theme_id IN ({marks})",
            (into_id, *ids),
        )
        wb.conn.execute(f"DELETE FROM feedback_themes WHERE id IN ({marks})", ids)
        if keywords != target.keywords:
            wb.conn.execute(
                "UPDATE feedback_themes SET keywords = ? WHERE id = ?", (keywords, into_id)
            )
        ordering.renumber(wb, "feedback_themes")


def move_theme(wb: Workbook, theme_id: int, step: int) -> None:
    """Move a theme up (negative ``step``) or down the list."""
    ids = [r["id"] for r in wb.query("SELECT id FROM feedback_themes ORDER BY position, id")]
    ordering.move(wb, "feedback_themes", ids, theme_id, step, what="theme")


def reorder_themes(wb: Workbook, theme_ids: list[int]) -> None:
    """Put the themes in the order given (every theme, once)."""
    current = [r["id"] for r in wb.query("SELECT id FROM feedback_themes ORDER BY position, id")]
    if sorted(theme_ids) != sorted(current) or len(set(theme_ids)) != len(theme_ids):
        raise ValidationError("theme", "The themes changed meanwhile; try again.")
    with wb.transaction("Reorder themes"):
        for position, theme_id in enumerate(theme_ids, start=1):
            wb.conn.execute(
                "UPDATE feedback_themes SET position = ? WHERE id = ?", (position, theme_id)
            )


# -- suggestions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A theme the keyword rules suggest for a text, and why."""

    theme_id: int
    theme: str
    entries: tuple[str, ...]  # the rule's entries that matched, as the owner wrote them
    words: tuple[str, ...]  # the words of the text that matched, as written there
    spans: tuple[tuple[int, int], ...]  # where those words stand in the text


def suggest_themes(
    wb: Workbook, text: str, *, exclude: tuple[int, ...] | list[int] = ()
) -> list[Suggestion]:
    """The themes whose rules match ``text``, in the owner's order; themes switched off,
    with no keywords, or in ``exclude`` (already on the item) are left out."""
    return suggest_from(list_themes(wb), text, exclude=exclude)


def suggest_from(
    themes: list[Theme], text: str, *, exclude: tuple[int, ...] | list[int] = ()
) -> list[Suggestion]:
    """``suggest_themes`` over themes already read."""
    skip = set(exclude)
    out: list[Suggestion] = []
    for theme in themes:
        if not theme.suggest or theme.id in skip or not theme.keywords.strip():
            continue
        found = theme.rule.find(text)
        if found is not None:
            out.append(
                Suggestion(theme.id, theme.name, found.entries, found.words_in(text), found.spans)
            )
    return out
