"""Classroom packs: a story prepared for teaching.

An editor fills a story's pack in blocks on its own tab of the edit page:
what pupils should learn, questions to discuss, activities, a short glossary
of the clinical words the story uses, and signposting (who a pupil can talk
to afterwards). The pack travels with the story: it is shown on the story
page, printed with it and put in its PDF (stories.pack_pdf), so it is
reachable exactly while the story is, through the one gate.

`has_classroom_pack` on the page row is kept in step whenever the pack is
saved, so listings ("packs by age band") can filter on it without reading
every story's blocks.
"""

from wagtail import blocks
from wagtail.admin.panels import Panel

from .readers.membership import reader_audiences
from .reading_level import story_reading_level
from .visibility import visible_stories

# Who sees a story's reading level on its page: teachers (members of a school).
READING_LEVEL_AUDIENCE = "schools"


class LearningObjectivesBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(
            blocks.CharBlock(max_length=250, label="Objective"),
            min_num=1,
            **kwargs,
        )

    class Meta:
        icon = "tick"
        label = "Learning objectives"
        description = "What pupils should understand or be able to do after the lesson."
        preview_value = ["Describe how a cleft lip can be repaired and how long it takes."]


class DiscussionQuestionsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(
            blocks.CharBlock(max_length=300, label="Question"),
            min_num=1,
            **kwargs,
        )

    class Meta:
        icon = "help"
        label = "Discussion questions"
        description = "Open questions for the class or a small group, in the order to ask them."
        preview_value = ["How do you think Flora felt on her first day back at school?"]


class ActivityBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    instructions = blocks.TextBlock(help_text="What the pupils do, step by step.")
    minutes = blocks.IntegerBlock(
        required=False, min_value=1, max_value=240, help_text="About how long it takes."
    )

    class Meta:
        icon = "group"
        label = "Activity"
        description = "Something pupils do in class: a task, a role play, a piece of writing."
        preview_value = {
            "title": "A letter to a new pupil",
            "instructions": "Write a short letter welcoming a pupil who has just had surgery.",
            "minutes": 20,
        }


class GlossaryEntryBlock(blocks.StructBlock):
    term = blocks.CharBlock(max_length=80)
    explanation = blocks.CharBlock(
        max_length=300, help_text="In plain words a pupil of the story's age band understands."
    )

    class Meta:
        icon = "doc-full"
        label = "Word"


class GlossaryBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(GlossaryEntryBlock(), min_num=1, **kwargs)

    class Meta:
        icon = "list-ul"
        label = "Glossary"
        description = "The clinical words the story uses, each with a plain explanation."
        preview_value = [
            {"term": "Orthodontist", "explanation": "A dentist who straightens teeth and jaws."}
        ]


class SignpostBlock(blocks.StructBlock):
    service = blocks.CharBlock(max_length=120, help_text="Name of the service or person.")
    how_to_reach = blocks.CharBlock(
        max_length=200, help_text="A phone number, a web address, or where to find them."
    )
    note = blocks.CharBlock(
        max_length=200, required=False, help_text="Optional: when or why to get in touch."
    )

    class Meta:
        icon = "link"
        label = "Service"


class SignpostingBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(SignpostBlock(), min_num=1, **kwargs)

    class Meta:
        icon = "user"
        label = "Who to talk to"
        description = "Where a pupil can turn after the lesson: people in school and services."
        preview_value = [
            {
                "service": "Your school nurse",
                "how_to_reach": "Ask at the school office",
                "note": "",
            }
        ]


class ClassroomPackBlock(blocks.StreamBlock):
    objectives = LearningObjectivesBlock()
    questions = DiscussionQuestionsBlock()
    activity = ActivityBlock()
    glossary = GlossaryBlock()
    signposting = SignpostingBlock()

    def value_from_datadict(self, data, files, prefix):
        # A form sent without the pack at all (a script, not the editor, which
        # always sends it) leaves an empty pack rather than failing.
        if self.value_omitted_from_data(data, files, prefix):
            return blocks.StreamValue(self, [])
        return super().value_from_datadict(data, files, prefix)

    class Meta:
        block_counts = {
            "objectives": {"max_num": 1},
            "questions": {"max_num": 1},
            "glossary": {"max_num": 1},
            "signposting": {"max_num": 1},
        }


def pack_is_filled(pack):
    """Whether a pack (a StreamValue or its raw data) has anything in it."""
    return bool(pack is not None and len(pack))


def stories_with_packs(user=None, on=None):
    """Stories this reader may see now that carry a classroom pack.

    The gate's answer (visible_stories), narrowed on the indexed flag the
    story keeps in step with its pack.
    """
    return visible_stories(user, on=on).filter(has_classroom_pack=True)


def reading_level_for(story, user):
    """The story's reading level for a reader who teaches (a member of a school,
    or someone who works in the admin), else None: it helps choose a story for
    a class, and means nothing to the storyteller's other readers."""
    if READING_LEVEL_AUDIENCE not in reader_audiences(user):
        return None
    return story_reading_level(story)


class ReadingLevelPanel(Panel):
    """The reading level of the story as it is being edited: worked out again
    from the saved draft at every save, and in the preview."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/reading_level_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["reading_level"] = story_reading_level(self.instance)
            return context
