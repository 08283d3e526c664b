"""The one way to build stories, storytellers and their pictures.

Tests and the benchmarks build data through these factories, so the data
evolves with the models. Pictures are drawn with Pillow on the spot.
factory-boy is a development dependency: the site and the demo loader never
import this module.
"""

import io
import os
import shutil
import subprocess  # nosec B404: ffmpeg makes the factories' clips
import tempfile

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText

from .clips import StoryClip
from .consent.approvals import record_approval
from .consent.records import ConsentRecord, add_years
from .images import StoryImage
from .naming import NamingChoice
from .pages import HomePage, StandardPage, StoryIndexPage, StoryPage
from .partners import PartnerOrganisation
from .storytellers import Storyteller
from .taxonomy import AgeBand, Theme


def solid_picture(colour="#f4b183", size=(640, 400), image_format="JPEG"):
    """Image bytes of one colour: enough for a test that needs a picture."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, image_format)
    return buffer.getvalue()


def drawn_face_picture(size=(480, 360), at=(160, 60), height=200, image_format="JPEG"):
    """Image bytes of a schematic face (a pale oval, dark brows, eyes and mouth)
    that OpenCV's face cascade finds, with its top left corner `at` and
    `height` pixels tall: tests of face detection need a face, never a real one."""
    picture = PILImage.new("L", size, 90)
    draw = ImageDraw.Draw(picture)
    left, top = at

    def box(x0, y0, x1, y1):
        return (left + height * x0, top + height * y0, left + height * x1, top + height * y1)

    draw.ellipse(box(0.15, 0.0, 0.85, 1.0), fill=200)
    for x in (0.3, 0.58):
        draw.ellipse(box(x, 0.36, x + 0.13, 0.425), fill=20)
        draw.rectangle(box(x - 0.02, 0.29, x + 0.15, 0.32), fill=20)
    draw.ellipse(box(0.46, 0.58, 0.54, 0.64), fill=120)
    draw.ellipse(box(0.35, 0.76, 0.65, 0.82), fill=20)
    buffer = io.BytesIO()
    picture.filter(ImageFilter.GaussianBlur(2)).convert("RGB").save(buffer, image_format)
    return buffer.getvalue()


def site_home_page():
    """The home page the default site serves (created by migration)."""
    return Site.objects.get(is_default_site=True).root_page.specific


class ThemeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Theme {n}")

    class Meta:
        model = Theme
        django_get_or_create = ("name",)


def age_band(slug):
    return AgeBand.objects.get(slug=slug)


class PartnerOrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    kind = PartnerOrganisation.Kind.SCHOOL
    website = factory.LazyAttribute(lambda o: f"https://{o.name.lower().replace(' ', '-')}.example")

    class Meta:
        model = PartnerOrganisation
        django_get_or_create = ("name",)


class ConsentRecordFactory(DjangoModelFactory):
    """Consent given today for two years: the public, full name, every medium."""

    storyteller = factory.SubFactory("stories.factories.StorytellerFactory", consent=None)
    for_public = True
    naming_allowed = NamingChoice.FULL_NAME
    identifiable_photos = True
    voice = True
    video = True
    given_on = factory.LazyFunction(timezone.localdate)
    expires_on = factory.LazyAttribute(lambda o: add_years(o.given_on, 2))

    class Meta:
        model = ConsentRecord

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        storyteller = kwargs["storyteller"]
        kwargs.setdefault("supersedes", storyteller.consent_records.current().first())
        return super()._create(model_class, *args, **kwargs)


class StorytellerFactory(DjangoModelFactory):
    """A storyteller who has given broad consent, unless `consent=None` says otherwise.

    `consent__for_schools=True` and the like shape the consent they gave.
    """

    naming = NamingChoice.FIRST_NAME
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.Faker("safe_email")
    date_of_birth = factory.LazyFunction(lambda: add_years(timezone.localdate(), -35))
    consent = factory.RelatedFactory(ConsentRecordFactory, factory_related_name="storyteller")

    class Meta:
        model = Storyteller
        skip_postgeneration_save = True


class StoryImageFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Picture {n}")
    alt_text = factory.LazyAttribute(lambda o: f"Illustration: {o.title}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(
        lambda o: ImageFile(io.BytesIO(solid_picture()), name=f"{o.title.lower()}.jpg")
    )

    class Meta:
        model = StoryImage


# What ffmpeg's own sources make for a clip, by kind (`-f lavfi`): inputs, then how to write them.
CLIP_SOURCES = {
    "audio": (["-f", "lavfi", "-i", "sine=frequency=330:duration={seconds}"], []),
    "video": (
        [
            *("-f", "lavfi", "-i", "testsrc=size=320x240:rate=15:duration={seconds}"),
            *("-f", "lavfi", "-i", "sine=frequency=440:duration={seconds}"),
        ],
        ["-c:v", "libx264", "-pix_fmt", "yuv420p"],
    ),
}
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:02.000\nI stayed in the chair.\n"


def made_clip(kind="audio", seconds=2, extension=None, metadata=None, inputs=(), extra=()):
    """The bytes of a small real clip made by ffmpeg: a tone, with moving
    colour bars for a video; `metadata` as container tags (-metadata k=v),
    `inputs` more ffmpeg inputs, `extra` more output options."""
    if not shutil.which("ffmpeg"):
        raise RuntimeError("ffmpeg is needed to make a clip")
    extension = extension or ("m4a" if kind == "audio" else "mp4")
    tags = [
        arg for key, value in (metadata or {}).items() for arg in ("-metadata", f"{key}={value}")
    ]
    sources, written_as = CLIP_SOURCES[kind]
    sources = [part.format(seconds=seconds) for part in sources]
    with tempfile.TemporaryDirectory(prefix="made-clip-") as folder:
        target = os.path.join(folder, f"clip.{extension}")
        subprocess.run(  # noqa: S603 # nosec B603: ffmpeg, list arguments
            [
                shutil.which("ffmpeg"),
                "-nostdin",
                "-v",
                "error",
                "-y",
                *sources,
                *inputs,
                *written_as,
            ]
            + ["-shortest", *tags, *extra, target],
            check=True,
            capture_output=True,
            timeout=60,
        )
        with open(target, "rb") as made:
            return made.read()


class StoryClipFactory(DjangoModelFactory):
    """A real small clip through the one pipeline: a voice clip with its
    transcript, or with `type="video"` a video with captions and a poster."""

    title = factory.Sequence(lambda n: f"Clip {n}")
    type = "audio"
    storyteller = factory.SubFactory(StorytellerFactory)
    collection = factory.LazyFunction(Collection.get_first_root_node)
    transcript = "I stayed in the chair, and nothing hurt."
    file = factory.LazyAttribute(
        lambda o: ContentFile(made_clip(o.type), name=f"{o.title.lower().replace(' ', '-')}.bin")
    )
    captions = factory.LazyAttribute(
        lambda o: ContentFile(CAPTIONS, name="captions.vtt") if o.type == "video" else ""
    )
    poster = factory.LazyAttribute(
        lambda o: StoryImageFactory(storyteller=o.storyteller) if o.type == "video" else None
    )

    class Meta:
        model = StoryClip


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Stories"
    slug = "stories"
    parent = factory.LazyFunction(site_home_page)

    class Meta:
        model = StoryIndexPage
        django_get_or_create = ("slug", "parent")


def story_index():
    return StoryIndexPageFactory()


def publish_after_generation():
    """A post-generation step that publishes the page through a revision, as an
    editor would; `publish=False` leaves it a draft. Declare it last, so that
    many-to-many choices are in the revision.

    A story is published as the review publishes it: once its storyteller has
    approved that revision (`storyteller_approved=False` leaves it unapproved,
    so the guard refuses it and it stays a draft)."""

    def publish(obj, create, extracted, **kwargs):
        if not create:
            return
        revision = obj.save_revision()
        if extracted is not False:
            if getattr(obj, "_storyteller_approves", False):
                record_approval(obj, revision)
            revision.publish()
            obj.refresh_from_db()

    return factory.PostGeneration(publish)


def storyteller_approval():
    """A post-generation step, declared before `publish`: whether the storyteller
    approves what is published (default yes)."""

    def approves(obj, create, extracted, **kwargs):
        obj._storyteller_approves = extracted is not False

    return factory.PostGeneration(approves)


def set_many(field_name, convert=lambda value: value):
    def assign(obj, create, extracted, **kwargs):
        if extracted:
            getattr(obj, field_name).set([convert(value) for value in extracted])

    return factory.PostGeneration(assign)


def to_age_band(value):
    return age_band(value) if isinstance(value, str) else value


def classroom_pack(
    question="What would you say to a friend who is worried about treatment?",
    term="Orthodontist",
):
    """A filled classroom pack (stories.classroom_packs) in the blocks' stored form:
    `StoryPageFactory(classroom_pack=classroom_pack())`."""
    return [
        {"type": "objectives", "value": ["Explain in your own words what a brace does."]},
        {"type": "questions", "value": [question, "Who helped most, and how?"]},
        {
            "type": "activity",
            "value": {
                "title": "A kind letter",
                "instructions": "Write to someone starting the same treatment next week.",
                "minutes": 15,
            },
        },
        {
            "type": "glossary",
            "value": [{"term": term, "explanation": "A dentist who straightens teeth."}],
        },
        {
            "type": "signposting",
            "value": [
                {"service": "Your school nurse", "how_to_reach": "Ask at the office", "note": ""}
            ],
        },
    ]


class StoryPageFactory(wagtail_factories.PageFactory):
    """A story published through the guard; its storyteller consents to everything."""

    live = False
    title = factory.Sequence(lambda n: f"A story worth telling, part {n}")
    summary = factory.Faker("sentence", nb_words=14)
    storyteller = factory.SubFactory(StorytellerFactory)
    parent = factory.LazyFunction(story_index)
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>I was frightened of the dentist for years.</p>"))]
    )
    themes = set_many("themes")
    age_bands = set_many("age_bands", to_age_band)
    partner_organisations = set_many("partner_organisations")
    storyteller_approved = storyteller_approval()
    publish = publish_after_generation()

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True


class StandardPageFactory(wagtail_factories.PageFactory):
    live = False
    title = factory.Sequence(lambda n: f"Page {n}")
    parent = factory.LazyFunction(site_home_page)
    publish = publish_after_generation()

    class Meta:
        model = StandardPage
        skip_postgeneration_save = True


__all__ = [
    "ConsentRecordFactory",
    "HomePage",
    "Page",
    "PartnerOrganisationFactory",
    "StandardPageFactory",
    "StoryImageFactory",
    "StoryIndexPageFactory",
    "StoryPageFactory",
    "StorytellerFactory",
    "ThemeFactory",
    "age_band",
    "classroom_pack",
    "drawn_face_picture",
    "site_home_page",
    "solid_picture",
    "story_index",
]
