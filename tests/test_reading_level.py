"""Reading level: the score a teacher reads on a story, from its words alone."""

import pytest
from wagtail.rich_text import RichText

from stories.factories import StoryPageFactory
from stories.reading_level import (
    ENGLISH,
    SPANISH,
    language_of,
    plain_text,
    reading_level,
    story_reading_level,
    syllables,
)

# Flesch's own kind of example: 13 words, 26 syllables, one sentence, so
# 206.835 - 1.015 * 13 - 84.6 * 2 = 24.4.
PLATYPUS = "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."
SHORT_AND_PLAIN = "I was scared. The nurse was kind. She let me hold her hand. I felt safe."


def test_a_long_sentence_of_long_words_is_very_difficult():
    level = reading_level(PLATYPUS)
    assert level.ease == pytest.approx(24, abs=4)
    assert level.band == "very difficult"
    assert level.reading_age == "18 and over"


def test_short_sentences_of_short_words_are_very_easy():
    level = reading_level(SHORT_AND_PLAIN)
    assert level.ease >= 90
    assert str(level) == "Reading ease 100 (very easy) · reading age about 9–10"


def test_an_ordinary_story_sentence_scores_in_between():
    text = (
        "After the operation I stayed in hospital for three days. "
        "My orthodontist explained every appointment before it happened, "
        "which made the treatment feel less frightening."
    )
    level = reading_level(text)
    # By hand: 30 words, 52 syllables, 2 sentences: 206.835 - 15.2 - 146.6 = 45.
    assert level.ease == pytest.approx(45, abs=6)
    assert level.band == "difficult"


@pytest.mark.parametrize(
    ("word", "count"),
    [("about", 2), ("Australian", 4), ("smiled", 1), ("braces", 2), ("little", 2), ("radio", 3)],
)
def test_english_syllables_are_counted_as_said(word, count):
    assert syllables(word) == count


def test_spanish_uses_the_fernandez_huerta_formula():
    text = "Mi hermana tenía miedo del dentista. La enfermera le enseñó la sala primero."
    level = reading_level(text, SPANISH)
    # 13 words, 27 syllables by Spanish hyphenation, 2 sentences:
    # 206.84 - 1.02 * 6.5 - 60 * 27 / 13 = 75.6 (Flesch's formula would give 25 points less).
    assert level.formula == "Fernández-Huerta"
    assert level.ease == pytest.approx(76, abs=3)
    assert reading_level(text, ENGLISH).ease < level.ease - 15


def test_the_language_comes_from_the_locale_code():
    assert language_of("es") == SPANISH
    assert language_of("es-mx") == SPANISH
    assert language_of("en-gb") == ENGLISH
    assert language_of("") == ENGLISH


@pytest.mark.parametrize("text", ["", "   ", "12 34 56", "<p></p>", "…!?"])
def test_text_without_words_has_no_reading_level(text):
    assert reading_level(plain_text(text)) is None


def test_paragraphs_without_full_stops_are_still_sentences():
    text = plain_text("<p>Day one</p><p>Day two</p><ul><li>A signal to stop</li></ul>")
    assert reading_level(text).sentences == 3


def test_a_storys_level_reads_its_summary_and_words_but_not_its_pack():
    story = StoryPageFactory(
        summary="A short story.",
        body=[("paragraph", RichText("<p>I was scared. The nurse was kind.</p>"))],
        classroom_pack=[
            {"type": "questions", "value": ["Antidisestablishmentarianism notwithstanding?"]}
        ],
        publish=False,
    )
    level = story_reading_level(story)
    assert level.words == 10
    assert level.sentences == 3
    assert level.ease >= 90
