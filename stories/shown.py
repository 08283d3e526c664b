"""What each story's saved body shows, summed up for the gate.

The gate (stories.visibility) asks, for every story at once, whether consent
covers what it shows: a recognisable photo of the storyteller, a voice
recording, a video, recognisable photos of other storytellers. Asked through
the body's pictures themselves, that was a walk from each story to its
StoryMedium rows and each picture's flags, for every story and every consent
record: with the hero, 130 ms for a count of 10,000 stories, and most of the
cost of building the query in Python. Summed up here, one row per story and
one per other person shown, the gate joins them as it joins the story's own
columns.

The summary is derived, never edited: it is rewritten from the body's
record (StoryMedium), the story's storyteller and the library's flags as they
are now, whenever one of those changes (the body saved in the page row, a
picture saved or deleted, a storyteller deleted). A story with no summary
reaches no one. The hero is not summed up: it is a column of the page row,
which the gate joins directly, so a row restored from an old backup is read
as it is. Nor is consent: the gate reads it as it is at that moment, so a
withdrawal, an expiry or a corrected date of birth needs nothing from here.
"""

from django.conf import settings
from django.db import models, transaction

from .consent.subjects import PICTURE, RECORDINGS, declared_media, subject_model

CHUNK = 500  # stories summed up per round of queries


class StoryMedium(models.Model):
    """One thing besides words that a story's saved content shows: a library
    picture in its body, or a recording (voice or video).

    Rewritten whenever the body in the page row is saved, never from a draft
    revision, so for a live story it is what readers are shown. It lets the
    visibility gate ask in SQL whether consent covers everything a story shows,
    reading each picture's flags (recognisable, whose) from the library as they
    are now, and lets a picture follow the live stories that show it. The hero
    picture is read from the page row itself.
    """

    MEDIA = [(PICTURE, "Picture"), *((kind, kind.title()) for kind in RECORDINGS)]

    story = models.ForeignKey(
        settings.CONSENT_SUBJECT_MODEL, on_delete=models.CASCADE, related_name="media_shown"
    )
    medium = models.CharField(max_length=20, choices=MEDIA)
    image = models.ForeignKey(
        "stories.StoryImage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shown_in",
    )
    clip = models.ForeignKey(
        "stories.StoryClip",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="shown_in",
    )

    # Derived from the page, which Wagtail's reference index already covers.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "medium a story shows"
        verbose_name_plural = "media stories show"

    def __str__(self):
        return f"{self.medium} in story {self.story_id}"


class StoryShows(models.Model):
    """What one story's saved body shows, as far as consent is concerned."""

    story = models.OneToOneField(
        settings.CONSENT_SUBJECT_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="shows",
    )
    storyteller_recognisably = models.BooleanField(
        default=False,
        help_text=(
            "A picture in the body shows the storyteller, "
            "or a recognisable person no one is named for."
        ),
    )
    voice = models.BooleanField(default=False)
    video = models.BooleanField(default=False)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "what a story shows"
        verbose_name_plural = "what stories show"

    def __str__(self):
        return f"what story {self.story_id} shows"


class PersonShown(models.Model):
    """Another storyteller a picture in a story's body shows recognisably: their
    own consent must cover photos of them for the story's audience."""

    story = models.ForeignKey(
        settings.CONSENT_SUBJECT_MODEL, on_delete=models.CASCADE, related_name="people_shown"
    )
    storyteller = models.ForeignKey(
        "stories.Storyteller", on_delete=models.CASCADE, related_name="shown_in_stories"
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "person a story shows"
        verbose_name_plural = "people stories show"
        constraints = [
            models.UniqueConstraint(fields=["story", "storyteller"], name="person_shown_once")
        ]

    def __str__(self):
        return f"storyteller {self.storyteller_id} in story {self.story_id}"


def record_media_shown(story):
    """Write down what the body just saved in the page row shows, and sum it up.

    Only a save of the body itself does this (StoryPage.save): saving a draft
    revision of a live story updates other fields of the row while the body
    in memory is the draft's, which readers do not see. The item of a picture
    is a library image; of a recording, a clip (or none, hosted elsewhere).
    """
    shown = dict.fromkeys(
        (medium, item.pk if item else None) for medium, item in declared_media(story.body)
    )
    StoryMedium.objects.filter(story=story).delete()
    StoryMedium.objects.bulk_create(
        StoryMedium(story=story, medium=medium, **{column_of(medium): pk}) for medium, pk in shown
    )
    sum_up([story.pk])


def column_of(medium):
    """The column of StoryMedium holding the item of a medium."""
    return "image_id" if medium == PICTURE else "clip_id"


def sum_up(story_ids):
    """Rewrite the summary of these stories from what is saved now."""
    story_ids = sorted(set(story_ids))
    for start in range(0, len(story_ids), CHUNK):
        sum_up_chunk(story_ids[start : start + CHUNK])


def sum_up_chunk(story_ids):
    from .images import StoryImage

    stories = subject_model().objects.filter(pk__in=story_ids).values_list("pk", "storyteller_id")
    media = StoryMedium.objects.filter(story_id__in=story_ids).values_list(
        "story_id", "medium", "image_id"
    )
    shown_by_story = {pk: {"pictures": set(), "media": set()} for pk, _ in stories}
    for story_id, medium, image_id in media:
        shown_by_story[story_id]["media"].add(medium)
        if medium == PICTURE and image_id is not None:
            shown_by_story[story_id]["pictures"].add(image_id)
    picture_ids = set().union(*(shown["pictures"] for shown in shown_by_story.values()))
    recognisable = dict(
        StoryImage.objects.filter(pk__in=picture_ids, shows_identifiable_person=True).values_list(
            "pk", "storyteller_id"
        )
    )
    summaries, people = [], []
    for pk, storyteller_id in stories:
        shown = shown_by_story[pk]
        whose = {recognisable[image] for image in shown["pictures"] if image in recognisable}
        summaries.append(
            StoryShows(
                story_id=pk,
                storyteller_recognisably=bool(whose & {None, storyteller_id}),
                **{kind: kind in shown["media"] for kind in RECORDINGS},
            )
        )
        people += [
            PersonShown(story_id=pk, storyteller_id=other)
            for other in whose - {None, storyteller_id}
        ]
    with transaction.atomic():
        StoryShows.objects.filter(story_id__in=story_ids).delete()
        PersonShown.objects.filter(story_id__in=story_ids).delete()
        StoryShows.objects.bulk_create(summaries)
        PersonShown.objects.bulk_create(people)


def stories_showing_picture(image):
    """Ids of the stories whose saved body shows this picture."""
    return set(StoryMedium.objects.filter(image=image).values_list("story_id", flat=True))


def stories_showing_pictures_of(storyteller):
    """Ids of the stories whose saved body shows a picture of this storyteller."""
    return set(
        StoryMedium.objects.filter(image__storyteller=storyteller).values_list(
            "story_id", flat=True
        )
    )


def connect():
    """Keep summaries right when a picture or a storyteller changes under them.

    Connected before the consent receivers (stories.consent.signals), which
    re-check live stories against the gate and so need the summary first.
    """
    from django.db.models.signals import post_delete, post_save, pre_delete

    from .clips import StoryClip
    from .images import StoryImage
    from .storytellers import Storyteller

    post_save.connect(picture_saved, sender=StoryImage, dispatch_uid="shown-picture-saved")
    post_save.connect(clip_saved, sender=StoryClip, dispatch_uid="shown-clip-saved")
    pre_delete.connect(picture_going, sender=StoryImage, dispatch_uid="shown-picture-deleting")
    pre_delete.connect(person_going, sender=Storyteller, dispatch_uid="shown-person-deleting")
    for model in (StoryImage, Storyteller):
        post_delete.connect(sum_up_remembered, sender=model, dispatch_uid=f"shown-{model.__name__}")


def picture_saved(sender, instance, created, raw=False, **kwargs):
    """Whether a picture is recognisable, and of whom, changes what stories show."""
    if not created:
        sum_up(stories_showing_picture(instance))


def clip_saved(sender, instance, created, raw=False, **kwargs):
    """A video's poster is a picture the stories showing the clip show: a new
    poster (or none) changes what they show, for the gate and the picture rule."""
    if created or raw:
        return
    for story in subject_model().objects.filter(media_shown__clip=instance).distinct():
        record_media_shown(story)


def picture_going(sender, instance, **kwargs):
    """Note the stories a picture appears in: once deleted, nothing links them."""
    instance.stories_to_sum_up = stories_showing_picture(instance)


def person_going(sender, instance, **kwargs):
    """Their pictures will name no one, and so count as the storyteller of
    each story showing them: note those stories while they can be found."""
    instance.stories_to_sum_up = stories_showing_pictures_of(instance)


def sum_up_remembered(sender, instance, **kwargs):
    sum_up(getattr(instance, "stories_to_sum_up", ()))
