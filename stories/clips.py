"""Voice and video clips uploaded into stories (wagtailmedia's library, our model).

A clip is a storyteller's voice or face, which consent covers separately
from their words and photos. Each clip says whose it is, whether it would
let someone recognise them, what in it may upset a listener, and what is
said: a transcript for every voice clip, and for a video WebVTT captions
and a poster picture (shown before it plays, and itself a picture of the
library, with its own consent flags).

Files are kept like pictures, in private storage (stories.picture_storage),
and every address of a clip, its captions and its poster leads to
`stories.clip_access`, which serves them only while a story the reader may
see shows the clip. Whatever is stored in `file` went through the one
pipeline of stories.clip_checks first: the field runs it on every save that
brings a file the pipeline has not already cleaned (factories, the demo, the
shell), and the admin's forms run it while they validate (stories.clip_forms).
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from wagtailmedia.models import AbstractMedia, MediaType

from .caching import content_changed
from .clip_checks import AUDIO, VIDEO, check_webvtt, cleaned_clip
from .consent.subjects import declared_media
from .picture_storage import image_storage


class CleanedClipFieldFile(FieldFile):
    """A stored clip: whatever is saved here goes through the pipeline first,
    and the clip's type, duration and size then describe the stored file."""

    def save(self, name, content, save=True):
        kind = self.instance.type if self.instance.type in (AUDIO, VIDEO) else None
        cleaned = cleaned_clip(content, kind)
        # The pipeline's neutral name ("audio.m4a", "video.mp4"), made unique by the
        # storage: the uploaded name may name someone, and it would be in the URL.
        super().save(cleaned.name, cleaned, save=False)
        self.instance.type = cleaned.media_type
        self.instance.duration = cleaned.duration
        self.instance.width = cleaned.width
        self.instance.height = cleaned.height
        if save:
            self.instance.save()

    save.alters_data = True


class CleanedClipField(models.FileField):
    """A file field storing only what the clip pipeline wrote."""

    attr_class = CleanedClipFieldFile


def validate_webvtt(captions):
    check_webvtt(captions)


class StoryClip(AbstractMedia):
    """A voice or video clip of a storyteller, as the library keeps it."""

    # Private storage, like pictures: clips reach readers only through the access check.
    file = CleanedClipField(upload_to="clips", storage=image_storage, verbose_name="file")
    # wagtailmedia's thumbnail would be kept in the public media folder; a
    # video's poster is a library picture instead, so this is never filled.
    thumbnail = models.FileField(
        upload_to="clips/thumbnails", storage=image_storage, blank=True, editable=False
    )
    storyteller = models.ForeignKey(
        "stories.Storyteller",
        on_delete=models.PROTECT,
        related_name="clips",
        help_text="Whose voice or face this is. A story shows only its own storyteller's clips.",
    )
    identifiable = models.BooleanField(
        "a recognisable face or voice",
        default=True,
        help_text="Untick only if no one could recognise the storyteller from it.",
    )
    content_note = models.TextField(
        blank=True,
        help_text="What is heard or seen that may upset, e.g. “The sound of a dental drill”. "
        "Shown before the player.",
    )
    transcript = models.TextField(
        blank=True,
        help_text="What is said, for readers who cannot hear it. Required for a voice clip.",
    )
    captions = models.FileField(
        upload_to="clips/captions",
        storage=image_storage,
        blank=True,
        validators=[validate_webvtt],
        help_text="WebVTT captions (.vtt) for the video. Required for a video.",
    )
    captions_language = models.CharField(
        max_length=12, default="en", help_text="The language of the captions, e.g. “en” or “es”."
    )
    poster = models.ForeignKey(
        "stories.StoryImage",
        null=True,
        blank=True,
        # A picture erased with its storyteller takes no clip's row with it.
        on_delete=models.SET_NULL,
        related_name="posters_of",
        help_text="The picture shown before the video plays. Required for a video.",
    )

    admin_form_fields = (
        "title",
        "file",
        "storyteller",
        "identifiable",
        "content_note",
        "transcript",
        "captions",
        "captions_language",
        "poster",
        "collection",
        "tags",
    )

    class Meta(AbstractMedia.Meta):
        verbose_name = "clip"
        verbose_name_plural = "clips"

    @property
    def url(self):
        """The clip's address, which leads to the access check (stories.clip_access)."""
        return reverse("story_clip_file", args=[self.pk, self.filename])

    @property
    def captions_url(self):
        if not self.captions:
            return ""
        return reverse("story_clip_captions", args=[self.pk])

    @property
    def poster_url(self):
        if not self.poster_id:
            return ""
        return reverse("story_clip_poster", args=[self.pk])

    @property
    def content_type(self):
        """What the pipeline stores: AAC in MP4 for voice, H.264 and AAC in MP4 for video."""
        return "audio/mp4" if self.type == MediaType.AUDIO else "video/mp4"

    @property
    def sources(self):
        return [{"src": self.url, "type": self.content_type}]

    def clean(self, *args, **kwargs):
        if self.file and not self.file._committed:
            # The shell's full_clean, or a form without ours: refused before anything is stored.
            kind = self.type if self.type in (AUDIO, VIDEO) else None
            cleaned = cleaned_clip(self.file.file, kind)
            self.file = cleaned
            self.type = cleaned.media_type
        super().clean(*args, **kwargs)
        problems = {}
        if self.type == AUDIO and not self.transcript.strip():
            problems["transcript"] = "Write what is said, for readers who cannot hear it."
        if self.type == VIDEO:
            if not self.captions:
                problems["captions"] = "Add WebVTT captions, for readers who cannot hear it."
            if not self.poster_id:
                problems["poster"] = "Choose the picture shown before the video plays."
        if (
            self.poster_id
            and self.storyteller_id
            and self.poster.storyteller_id not in (None, self.storyteller_id)
            and self.poster.shows_identifiable_person
        ):
            problems["poster"] = "This picture shows another storyteller; choose one of this clip."
        if problems:
            raise ValidationError(problems)

    def save(self, *args, **kwargs):
        # A new file is stored first, through the pipeline of its field, so that the
        # type, duration and size saved with the clip describe the stored file.
        if self.file and not self.file._committed:
            self.file.save(self.file.name, self.file.file, save=False)
        super().save(*args, **kwargs)


def clips_in(body):
    """The library clips a story's body shows, as its blocks declare them."""
    return [item for _medium, item in declared_media(body) if isinstance(item, StoryClip)]


def clips_of_others_problem(page):
    """Why a story may not show these clips: a clip is its storyteller's own
    voice or face, so a story shows only its own storyteller's. None if fine."""
    if not page.storyteller_id:
        return None
    others = {
        clip.title: None
        for clip in clips_in(page.body)
        if clip.storyteller_id != page.storyteller_id
    }
    if not others:
        return None
    titles = ", ".join(f"‘{title}’" for title in others)
    return (
        f"The clip {titles} is another storyteller's voice or face. A story may show only "
        "clips of its own storyteller; choose one of theirs or remove the block."
    )


CLIP_BLOCKS = ("voice_clip", "video_clip")


def clips_in_bodies(pages):
    """The library clips these pages' bodies show, by id, in one query (none
    without clips), read from their stored blocks without building them."""
    wanted = set()
    for page in pages:
        for block in getattr(getattr(page, "body", None), "raw_data", None) or []:
            value = block.get("value")
            if block.get("type") in CLIP_BLOCKS and isinstance(value, dict):
                wanted.add(value.get("clip"))
    wanted = {pk for pk in wanted if isinstance(pk, int)}
    if not wanted:
        return {}
    return {clip.pk: clip for clip in StoryClip.objects.filter(pk__in=wanted)}


def delete_clip_files(sender, instance, **kwargs):
    """`post_delete` receiver: the clip's file and captions go with its row once
    the deletion commits (wagtailmedia's own receiver forgets the captions)."""
    storage = image_storage()
    names = [field.name for field in (instance.file, instance.captions) if field]
    transaction.on_commit(lambda: [storage.delete(name) for name in names])


models.signals.post_delete.connect(
    delete_clip_files, sender=StoryClip, dispatch_uid="stories-clip-files"
)
# A story's cached body shows its clips' transcripts and notes: a change retires it.
models.signals.post_save.connect(
    content_changed, sender=StoryClip, dispatch_uid="stories-clip-saved"
)
models.signals.post_delete.connect(
    content_changed, sender=StoryClip, dispatch_uid="stories-clip-deleted"
)
