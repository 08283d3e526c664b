"""Reading time: pure logic, no database."""

import math
import re

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def count_words(text):
    return len(_WORD.findall(strip_tags(text or "")))


def reading_time_minutes(text, words_per_minute=WORDS_PER_MINUTE):
    """Minutes to read the text at an ordinary pace, never less than one."""
    return max(1, math.ceil(count_words(text) / words_per_minute))


def text_of_stream(raw_blocks, skip_types=("embed",)):
    """All the words in a StreamField's raw data, for counting.

    Walks the JSON-like blocks and keeps strings, leaving out block types that
    hold no prose (embeds are URLs).
    """
    parts = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, dict):
            if value.get("type") in skip_types:
                return
            if "type" in value and "value" in value:
                walk(value["value"])
            else:
                for item in value.values():
                    walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(list(raw_blocks or []))
    return " ".join(parts)
