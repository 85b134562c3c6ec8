"""Feedback themes and their keyword rules: whole words, case and accents ignored, any /
all / exact phrase, the words that matched; add, rename, merge, delete, reorder."""

from __future__ import annotations

import datetime as dt

import pytest

from cscoach.model import feedback as fb
from cscoach.model import feedback_edit as fe
from cscoach.model import feedback_themes as th
from cscoach.model.errors import ValidationError
from cscoach.model.feedback_starter import THEMES
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


def rule(keywords: str, match: str = "any") -> th.KeywordRule:
    return th.KeywordRule(*th.clean_rule(keywords, match))


# -- matching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I had to wait ages", True),
        ("WAIT!", True),
        ("wait,", True),
        ("(wait)", True),
        ("The waiter was lovely", False),
        ("It was awaited", False),
        ("We waited", False),
        ("a wait-list", True),  # a hyphen separates words
        ("", False),
    ],
)
def test_whole_words_only(text: str, found: bool) -> None:
    assert (rule("wait").find(text) is not None) is found


def test_case_and_accents_are_ignored_both_ways() -> None:
    assert rule("cafe").find("Best CAFÉ in town") is not None
    assert rule("Café").find("best cafe in town") is not None
    assert rule("cafe").find("cafe\u0301 au lait") is not None  # a decomposed accent
    assert rule("strasse").find("an der Straße") is not None
    assert rule("naive").find("a naïve question") is not None
    assert rule("cafe").find("cafeteria") is None


def test_any_reports_every_entry_that_matched_and_the_words_as_written() -> None:
    text = "Slow service, we WAITED twenty minutes in the queue. Slow!"
    found = rule("wait, waited, queue, slow, long time").find(text)
    assert found is not None
    assert found.entries == ("waited", "queue", "slow")
    assert found.words_in(text) == ("Slow", "WAITED", "queue")
    assert [text[a:b] for a, b in found.spans] == ["Slow", "WAITED", "queue", "Slow"]


def test_an_entry_of_several_words_is_found_only_together_in_order() -> None:
    r = rule("long time, value for money")
    assert r.find("It took a long time").entries == ("long time",)
    assert r.find("a time so long") is None
    assert r.find("Good value for   money!").entries == ("value for money",)
    assert r.find("value, for money") is not None  # punctuation between words is no word


def test_all_needs_every_entry_anywhere() -> None:
    r = rule("cold, coffee", "all")
    assert r.find("The coffee was cold").entries == ("cold", "coffee")
    assert r.find("The tea was cold") is None
    assert r.find("Coffee: cold.") is not None


def test_phrase_needs_the_words_in_order_together() -> None:
    r = rule("took  forever", "phrase")
    assert r.keywords == "took forever"
    assert r.find("The order TOOK forever.").entries == ("took forever",)
    assert r.find("forever took") is None
    assert r.find("took a forever") is None
    assert rule("took, forever", "phrase").find("it took forever") is not None


def test_non_latin_scripts() -> None:
    assert rule("очередь").find("Большая ОЧЕРЕДЬ утром") is not None
    assert rule("очередь").find("очереди") is None
    assert rule("תור").find("היה תור ארוך") is not None
    assert rule("αναμονή").find("Πολλή ΑΝΑΜΟΝΗ") is not None  # the accent dropped too


@pytest.mark.parametrize(
    ("keywords", "match", "field"),
    [
        ("wait, !!!", "any", "keywords"),
        ("---", "phrase", "keywords"),
        ("wait", "some", "match"),
        ("wait\x00", "any", "keywords"),
        ("\ud800", "any", "keywords"),
        ("x" * 2001, "any", "keywords"),
    ],
)
def test_bad_rules_are_refused_naming_the_field(keywords: str, match: str, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        th.clean_rule(keywords, match)
    assert caught.value.field == field


def test_rules_are_stored_tidy() -> None:
    assert th.clean_rule(" wait ,queue,,  long   time ,", "ANY") == (
        "wait, queue, long time",
        "any",
    )
    assert th.clean_rule("wait\nqueue", "all") == ("wait, queue", "all")
    assert th.clean_rule("", "any") == ("", "any")


# -- suggestions ------------------------------------------------------------------------


def test_starter_themes_suggest_with_the_words_that_matched(workbook: Workbook) -> None:
    assert [t.name for t in th.list_themes(workbook)] == [name for _, name, _ in THEMES]
    text = "Waited 20 minutes and the waiter was rude, but the coffee was delicious."
    found = {s.theme: s for s in th.suggest_themes(workbook, text)}
    assert set(found) == {"Wait time", "Friendliness", "Product quality"}
    assert found["Wait time"].words == ("Waited", "minutes")
    assert found["Friendliness"].words == ("rude",)
    assert found["Product quality"].entries == ("delicious",)
    for s in found.values():
        assert all(text[a:b] for a, b in s.spans)


def test_switched_off_excluded_and_empty_rules_suggest_nothing(workbook: Workbook) -> None:
    wait = th.find_theme(workbook, "wait time")
    assert wait is not None
    text = "Long wait in a dirty room"
    assert "Wait time" in [s.theme for s in th.suggest_themes(workbook, text)]
    assert "Wait time" not in [
        s.theme for s in th.suggest_themes(workbook, text, exclude=[wait.id])
    ]
    th.set_suggest(workbook, wait.id, False)
    assert [s.theme for s in th.suggest_themes(workbook, text)] == ["Cleanliness"]
    assert th.get_theme(workbook, wait.id).keywords  # the rule is kept
    own = th.add_theme(workbook, "Oat milk")
    assert own not in [s.theme_id for s in th.suggest_themes(workbook, "oat milk please")]


# -- themes -----------------------------------------------------------------------------


def test_add_rename_and_the_one_name_rule(workbook: Workbook) -> None:
    new = th.add_theme(workbook, "  Terrace  ", "terrace, outside, sun", "any")
    theme = th.get_theme(workbook, new)
    assert (theme.name, theme.keywords, theme.match, theme.suggest, theme.key) == (
        "Terrace",
        "terrace, outside, sun",
        "any",
        True,
        None,
    )
    assert theme.position == len(THEMES) + 1
    for clash in ("TERRACE", "terrace ", "wait  TIME", "Wait time"):
        with pytest.raises(ValidationError, match="already a theme") as caught:
            th.add_theme(workbook, clash)
        assert caught.value.field == "name"
    th.rename_theme(workbook, new, "TERRACE")  # its own name in other letters is fine
    assert th.get_theme(workbook, new).name == "TERRACE"
    with pytest.raises(ValidationError, match="already a theme"):
        th.rename_theme(workbook, new, "price")
    for bad in ("", "   ", "a|b", "x" * 81, "line\nbreak"):
        with pytest.raises(ValidationError) as caught:
            th.add_theme(workbook, bad)
        assert caught.value.field == "name"


def test_update_theme_changes_name_rule_and_switch_together(workbook: Workbook) -> None:
    theme = th.find_theme(workbook, "Price")
    assert theme is not None
    th.update_theme(workbook, theme.id, "Prices", "dear, expensive", "all", False)
    changed = th.get_theme(workbook, theme.id)
    assert (changed.name, changed.keywords, changed.match, changed.suggest) == (
        "Prices",
        "dear, expensive",
        "all",
        False,
    )
    with pytest.raises(ValidationError) as caught:
        th.update_theme(workbook, theme.id, "Prices", "!!", "any", True)
    assert caught.value.field == "keywords"
    assert th.get_theme(workbook, theme.id) == changed  # nothing written


def _item(wb: Workbook, text: str, kind: str, *themes: int) -> int:
    return fe.add_item(wb, fb.FeedbackInput(TODAY, kind, text, theme_ids=themes), today=TODAY)


def test_merge_moves_items_once_and_keeps_one_theme(workbook: Workbook) -> None:
    wait = th.find_theme(workbook, "Wait time")
    queue = th.add_theme(workbook, "Queues", "queue, line, queued", "any")
    slow = th.add_theme(workbook, "Slow", "took ages", "phrase")
    assert wait is not None
    both = _item(workbook, "Long queue, long wait", "complaint", wait.id, queue)
    only_queue = _item(workbook, "Queue out of the door", "complaint", queue)
    only_slow = _item(workbook, "It took ages", "complaint", slow)
    th.merge_themes(workbook, [queue, slow], wait.id)
    assert workbook.history.undo_label == "Merge “Queues”, “Slow” into “Wait time”"
    names = [t.name for t in th.list_themes(workbook)]
    assert "Queues" not in names and "Slow" not in names
    assert [t.position for t in th.list_themes(workbook)] == list(range(1, len(names) + 1))
    for item_id in (both, only_queue, only_slow):
        assert fb.get_item(workbook, item_id).theme_ids == (wait.id,)
    merged = th.get_theme(workbook, wait.id)
    assert merged.items == 3
    # an "any" rule gains the other "any" rule's new entries; a phrase rule is not mixed in
    assert merged.keywords == wait.keywords + ", line"
    with pytest.raises(ValidationError):
        th.merge_themes(workbook, [wait.id], wait.id)
    assert workbook.undo() is not None
    assert {t.name for t in th.list_themes(workbook)} >= {"Queues", "Slow"}
    assert fb.get_item(workbook, only_slow).themes == ("Slow",)


def test_delete_keeps_the_items(workbook: Workbook) -> None:
    theme = th.add_theme(workbook, "Parking")
    item = _item(workbook, "Nowhere to park", "complaint", theme)
    th.delete_theme(workbook, theme)
    assert fb.get_item(workbook, item).theme_ids == ()
    assert workbook.history.undo_label == "Delete theme “Parking”"
    with pytest.raises(ValidationError, match="no longer exists"):
        th.get_theme(workbook, theme)


def test_move_and_reorder(workbook: Workbook) -> None:
    themes = th.list_themes(workbook)
    th.move_theme(workbook, themes[2].id, -2)
    assert [t.id for t in th.list_themes(workbook)][:3] == [
        themes[2].id,
        themes[0].id,
        themes[1].id,
    ]
    backwards = [t.id for t in reversed(themes)]
    th.reorder_themes(workbook, backwards)
    assert [t.id for t in th.list_themes(workbook)] == backwards
    assert workbook.history.undo_label == "Reorder themes"
    with pytest.raises(ValidationError):
        th.reorder_themes(workbook, backwards[:-1])
