"""The building blocks of a story's body.

Each block says in the picker what it is for and shows a preview, so that an
editor can choose the right one without guessing.
"""

import copy
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.functional import SimpleLazyObject
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import AudioChooserBlock, VideoChooserBlock

from .consent.subjects import PICTURE, RECORDINGS

# Library pictures a page fetched in one query before rendering its body, by id.
PICTURES_AT_HAND = ContextVar("pictures_at_hand", default=None)
# Library clips the API fetched in one query before serialising its pages' bodies, by id.
CLIPS_AT_HAND = ContextVar("clips_at_hand", default=None)
# Stories a plain page's cards lead to, asked of the gate in one query before
# rendering: (the ids asked about, the visible stories by id).
STORIES_AT_HAND = ContextVar("stories_at_hand", default=None)


@contextmanager
def pictures_at_hand(pictures):
    """While a page renders, its picture blocks take these instead of each
    fetching its own (one query per kind of block otherwise). Fetched when a
    block first asks: a body kept whole in the cache asks for none."""
    token = PICTURES_AT_HAND.set(
        SimpleLazyObject(lambda: {picture.pk: picture for picture in pictures})
    )
    try:
        yield
    finally:
        PICTURES_AT_HAND.reset(token)


@contextmanager
def stories_at_hand(asked, visible):
    """While a plain page renders, its story cards take the gate's answers
    for these stories (the reader may see `visible`, none of the others asked)."""
    token = STORIES_AT_HAND.set((set(asked), {story.pk: story for story in visible}))
    try:
        yield
    finally:
        STORIES_AT_HAND.reset(token)


class StoryImageChooserBlock(ImageChooserBlock):
    """A library picture, taken from those the page fetched at once when it did."""

    def bulk_to_python(self, values):
        at_hand = PICTURES_AT_HAND.get()
        wanted = {value for value in values if value is not None}
        if at_hand is None or not wanted <= at_hand.keys():
            return super().bulk_to_python(values)
        # A distinct instance for each use, as Wagtail's own chooser gives.
        return [None if value is None else copy.copy(at_hand[value]) for value in values]


class ClipsAtHand:
    """A library clip, taken from those the API fetched at once when it did."""

    def bulk_to_python(self, values):
        at_hand = CLIPS_AT_HAND.get()
        wanted = {value for value in values if value is not None}
        if at_hand is None or not wanted <= at_hand.keys():
            return super().bulk_to_python(values)
        return [None if value is None else copy.copy(at_hand[value]) for value in values]


class VoiceChooserBlock(ClipsAtHand, AudioChooserBlock):
    pass


class VideoClipChooserBlock(ClipsAtHand, VideoChooserBlock):
    pass


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        template = "blocks/paragraph.html"
        icon = "pilcrow"
        description = "Text of the story, in the storyteller's words."
        preview_value = (
            "<p>I used to cancel every appointment. This time I stayed in the chair.</p>"
        )
        features = ["bold", "italic", "link", "ol", "ul"]


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="A sentence worth lifting out of the story.")
    attribution = blocks.CharBlock(
        required=False, help_text="Leave empty to credit the storyteller's shown name."
    )

    class Meta:
        template = "blocks/pull_quote.html"
        icon = "openquote"
        description = "A short quotation set large, to catch a reader's eye."
        preview_value = {"quote": "I smiled in a photo for the first time in years."}


class CaptionedImageBlock(blocks.StructBlock):
    image = StoryImageChooserBlock()
    caption = blocks.CharBlock(required=False)

    rendition_place = "image"  # stories.renditions

    def consent_media(self, value):
        """A library picture, judged by its own flags (stories.consent.subjects)."""
        return [(PICTURE, value["image"])] if value["image"] else []

    def get_api_representation(self, value, context=None):
        """The picture as addresses the API's reader may use (stories.api_pictures)."""
        from .api_pictures import picture_for_api

        return {
            "image": picture_for_api(value["image"], "image", context),
            "caption": value["caption"],
        }

    class Meta:
        template = "blocks/captioned_image.html"
        icon = "image"
        description = "A picture with an optional caption; its alt text comes from the library."


class BeforeAfterBlock(blocks.StructBlock):
    before = StoryImageChooserBlock()
    after = StoryImageChooserBlock()
    caption = blocks.CharBlock(required=False)

    rendition_place = "before_after"  # stories.renditions

    def consent_media(self, value):
        """Both pictures, each judged by its own flags (stories.consent.subjects)."""
        return [(PICTURE, value[side]) for side in ("before", "after") if value[side]]

    def get_api_representation(self, value, context=None):
        """Both pictures as addresses the API's reader may use (stories.api_pictures)."""
        from .api_pictures import picture_for_api

        return {
            "before": picture_for_api(value["before"], "before_after", context),
            "after": picture_for_api(value["after"], "before_after", context),
            "caption": value["caption"],
        }

    class Meta:
        template = "blocks/before_after.html"
        icon = "image"
        label = "Before and after"
        description = "Two pictures side by side: before treatment and after."


class MilestoneBlock(blocks.StructBlock):
    when = blocks.CharBlock(help_text="e.g. “March 2041” or “Week 3”.")
    title = blocks.CharBlock()
    text = blocks.TextBlock(required=False)

    class Meta:
        icon = "date"


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, default="How it went")
    milestones = blocks.ListBlock(MilestoneBlock(), min_num=1)

    class Meta:
        template = "blocks/timeline.html"
        icon = "list-ol"
        description = "Milestones of the treatment, in order."
        preview_value = {
            "heading": "How it went",
            "milestones": [
                {"when": "Week 1", "title": "First visit", "text": "Just a chat, no chair."},
                {"when": "Week 4", "title": "First filling", "text": "With the VR headset on."},
            ],
        }


class WhatHelpedBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="What helped")
    text = blocks.RichTextBlock(features=["bold", "italic", "ul", "link"])

    class Meta:
        template = "blocks/what_helped.html"
        icon = "help"
        label = "“What helped” callout"
        description = "A boxed note of what made the difference, for readers facing the same."
        preview_value = {
            "heading": "What helped",
            "text": "<ul><li>A signal to stop</li><li>Seeing the room first</li></ul>",
        }


class MediaEmbedBlock(blocks.StructBlock):
    """A recording of the storyteller. Whether it is their voice or a video
    matters: consent covers each separately."""

    kind = blocks.ChoiceBlock(
        choices=[("video", "Video"), ("voice", "Voice recording")], default="video"
    )
    embed = EmbedBlock(help_text="The address of the video or recording.")
    caption = blocks.CharBlock(required=False)
    transcript = blocks.TextBlock(
        required=False, help_text="What is said, for readers who cannot hear it."
    )

    def consent_media(self, value):
        """The kind of recording, a medium consent covers on its own; the file
        is hosted elsewhere, so there is no item (stories.consent.subjects)."""
        return [(value["kind"], None)] if value["kind"] in RECORDINGS else []

    class Meta:
        template = "blocks/embed.html"
        icon = "media"
        label = "Video or voice recording"
        description = "A video or voice recording hosted elsewhere, with a transcript."


class ClipBlock(blocks.StructBlock):
    """A clip from the library (stories.clips) in a story's body."""

    def get_api_representation(self, value, context=None):
        """The clip as the API's reader may have it (stories.clip_access)."""
        from .clip_access import clip_for_api

        return {"clip": clip_for_api(value["clip"], context), "caption": value["caption"]}


class VoiceClipBlock(ClipBlock):
    """A voice clip from the library (stories.clips), played on the page with
    its transcript. The storyteller's voice: consent must cover voice."""

    clip = VoiceChooserBlock(help_text="A voice clip of this story's storyteller.")
    caption = blocks.CharBlock(required=False)

    def consent_media(self, value):
        """Its storyteller's voice (stories.consent.subjects)."""
        return [("voice", value["clip"])] if value["clip"] else []

    class Meta:
        template = "blocks/voice_clip.html"
        icon = "wagtailmedia-audio"
        label = "Voice clip"
        description = "The storyteller's voice, uploaded to the library, with its transcript."


class VideoClipBlock(ClipBlock):
    """A video clip from the library (stories.clips), with captions, a poster
    and a transcript. Consent must cover video, and the poster is a picture."""

    clip = VideoClipChooserBlock(help_text="A video clip of this story's storyteller.")
    caption = blocks.CharBlock(required=False)

    # The poster's sizes are prepared with the body's pictures (stories.renditions);
    # the poster's address serves the largest JPEG of them (stories.clip_access).
    rendition_place = "image"

    def consent_media(self, value):
        """The video, and its poster as a picture (stories.consent.subjects)."""
        clip = value["clip"]
        if not clip:
            return []
        return [("video", clip)] + ([(PICTURE, clip.poster)] if clip.poster_id else [])

    class Meta:
        template = "blocks/video_clip.html"
        icon = "wagtailmedia-video"
        label = "Video clip"
        description = "A video of the storyteller, uploaded to the library, with captions."


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    pull_quote = PullQuoteBlock()
    image = CaptionedImageBlock()
    before_after = BeforeAfterBlock()
    timeline = TimelineBlock()
    what_helped = WhatHelpedBlock()
    embed = MediaEmbedBlock()
    voice_clip = VoiceClipBlock()
    video_clip = VideoClipBlock()


class StoryCardBlock(blocks.PageChooserBlock):
    """A story's card inside a plain page. Each reader sees it only if the gate
    lets them read the story; to anyone else the block is not there at all."""

    def __init__(self, **kwargs):
        super().__init__(page_type="stories.StoryPage", **kwargs)

    def bulk_to_python(self, values):
        at_hand = STORIES_AT_HAND.get()
        wanted = {value for value in values if value is not None}
        if at_hand is None or not wanted <= at_hand[0]:
            return super().bulk_to_python(values)
        # A story this reader may not see is no card at all.
        return [None if value is None else at_hand[1].get(value) for value in values]

    def story_for(self, value, request):
        from .cards import with_card_data
        from .visibility import visible_stories

        if value is None:
            return None
        at_hand = STORIES_AT_HAND.get()
        if at_hand is not None and value.pk in at_hand[0]:
            return at_hand[1].get(value.pk)
        visible = with_card_data(visible_stories(getattr(request, "user", None)))
        return visible.filter(pk=value.pk).first()

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["story"] = self.story_for(value, context.get("request"))
        return context

    def get_api_representation(self, value, context=None):
        story = self.story_for(value, (context or {}).get("request"))
        return story.pk if story else None

    class Meta:
        template = "blocks/story_card.html"
        icon = "doc-full"
        label = "Story"
        description = (
            "A card that leads to a story. Readers who may not read the story do not see it."
        )


class StandardBodyBlock(blocks.StreamBlock):
    """The body of plain pages (about, privacy, safeguarding)."""

    paragraph = ParagraphBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    image = CaptionedImageBlock()
    what_helped = WhatHelpedBlock(label="Callout")
    story = StoryCardBlock()
