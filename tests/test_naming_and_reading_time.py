"""Pure rules: how storytellers are named and how long a story takes to read."""

import pytest

from stories.naming import NamingChoice, naming_problems, shown_name
from stories.reading import count_words, reading_time_minutes, text_of_stream


@pytest.mark.parametrize(
    ("naming", "expected"),
    [
        (NamingChoice.FULL_NAME, "Flora Marsh"),
        (NamingChoice.FIRST_NAME, "Flora"),
        (NamingChoice.PSEUDONYM, "Bluebell"),
        (NamingChoice.ANONYMOUS, "Anonymous"),
    ],
)
def test_shown_name_follows_the_naming_choice(naming, expected):
    assert shown_name(naming, "Flora", "Marsh", "Bluebell") == expected


def test_anonymous_storyteller_never_shows_their_real_name():
    assert "Flora" not in shown_name(NamingChoice.ANONYMOUS, "Flora", "Marsh", "")


def test_pseudonym_choice_needs_a_pseudonym():
    assert set(naming_problems(NamingChoice.PSEUDONYM, "Flora", "Marsh", "  ")) == {"pseudonym"}


def test_full_name_choice_needs_both_names():
    assert set(naming_problems(NamingChoice.FULL_NAME, "", "", "")) == {"first_name", "last_name"}


def test_anonymous_choice_needs_nothing():
    assert naming_problems(NamingChoice.ANONYMOUS) == {}


def test_reading_time_is_at_least_a_minute():
    assert reading_time_minutes("") == 1
    assert reading_time_minutes("<p>Just a few words.</p>") == 1


def test_reading_time_rounds_up_at_two_hundred_words_a_minute():
    assert reading_time_minutes("word " * 200) == 1
    assert reading_time_minutes("word " * 201) == 2
    assert reading_time_minutes("word " * 1000) == 5


def test_markup_is_not_counted_as_words():
    assert count_words("<p><b>Three</b> <i>little</i> words</p>") == 3


def test_words_are_gathered_from_every_kind_of_block_but_embeds():
    raw = [
        {"type": "paragraph", "value": "<p>one two</p>", "id": "a"},
        {"type": "pull_quote", "value": {"quote": "three", "attribution": "four"}},
        {"type": "image", "value": {"image": 7, "caption": "five"}},
        {
            "type": "timeline",
            "value": {
                "heading": "six",
                "milestones": [{"type": "item", "value": {"when": "seven", "title": "eight"}}],
            },
        },
        {"type": "embed", "value": "https://video.example/watch?v=1"},
    ]
    assert count_words(text_of_stream(raw)) == 8
