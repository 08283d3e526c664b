"""A campaign at scale, for measuring: thousands of storytellers and stories.

`manage.py seed_scale` builds it on top of the demo campaign. Creating pages
one at a time through Wagtail takes a fifth of a second each, so rows are
written in bulk instead; everything else is what the site itself would have
written had editors created, reviewed and published each story: a page in the
tree under the story index (treebeard path, depth, numchild, url_path), the
revision it was published from, its audit log, what its body shows
(`StoryMedium`), Wagtail's reference index and search index, its pictures
(stored as the picture pipeline stores them) and the renditions its page uses
(stories.renditions), and a new content generation. tests/test_seed_scale.py
compares a seeded story with one made the slow way.

Consent is what drives it: each storyteller's record decides which audiences,
name and photos their stories may have, and a story is published on a day its
consent covered it. Most consent is in force; a few hundred records end within
60 days (reminders), some ended in the last fortnight while their stories are
still live (work for the expiry sweep; the gate already hides them), and the
stories of storytellers whose consent was withdrawn, or ended long ago, were
taken down. Everything follows from `seed`.
"""

import hashlib
import io
import os
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Filter
from wagtail.models import Collection, Locale, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.models.audit_log import ModelLogEntry
from wagtail.search.backends import get_search_backend

from .caching import content_changed
from .consent.approvals import APPROVED_ACTION, StorytellerApproval, fingerprint
from .consent.audit import CAPTURED, SUPERSEDED, TAKEN_DOWN
from .consent.policy import NAMING_ORDER, add_years, eighteenth_birthday
from .consent.records import ConsentRecord, ConsentWithdrawal
from .consent.subjects import PICTURE
from .image_privacy import without_identifying_metadata
from .images import StoryImage, StoryRendition
from .naming import NamingChoice
from .pages import StoryIndexPage, StoryPage
from .partners import PartnerOrganisation
from .reading import reading_time_minutes, text_of_stream
from .renditions import specs
from .shown import StoryMedium, sum_up
from .storytellers import REFERENCE_PATTERN, REFERENCE_PREFIX, Storyteller
from .taxonomy import AgeBand, Theme

# Themes beside the demo's seven, to 30.
MORE_THEMES = [
    "Orthodontics and braces",
    "Gum disease",
    "Sensory needs",
    "Autism and dental care",
    "Growing older",
    "Pregnancy and new parents",
    "Sport and injuries",
    "After cancer treatment",
    "Dentures",
    "Implants",
    "Eating disorders and recovery",
    "Recovery from addiction",
    "Without a home",
    "New to the country",
    "Learning disabilities",
    "Chronic pain",
    "Fear of needles",
    "The gag reflex",
    "Emergency care",
    "Far from a clinic",
    "The cost of care",
    "Carers",
    "Teenagers",
    "Hospital dentistry",
    "Sleep and sedation",
]

# What consent categories look like, as shares of storytellers.
ENDING_SOON = 0.08  # ends within 60 days: reminders
RECENTLY_ENDED = 0.03  # ended in the last fortnight, stories still live: the sweep's work
LONG_ENDED = 0.02  # ended months ago, stories taken down
WITHDRAWN = 0.03  # withdrawn, stories taken down
MINORS = 0.12  # consent given by a parent or guardian
SUPERSEDED_BEFORE = 0.10  # an older record came first

AUDIENCE_CHOICES = [  # (audiences, weight)
    (("public",), 45),
    (("public", "schools"), 20),
    (("public", "schools", "partners"), 15),
    (("schools",), 8),
    (("partners",), 7),
    (("schools", "partners"), 5),
]
NAMING_CHOICES = [
    (NamingChoice.FULL_NAME, 20),
    (NamingChoice.FIRST_NAME, 45),
    (NamingChoice.PSEUDONYM, 20),
    (NamingChoice.ANONYMOUS, 15),
]

PICTURE_SIZE = (240, 160)
PICTURE_VARIANTS = 24

OPENINGS = [
    "I had not been to a dentist for {years} years",
    "For as long as I can remember, the smell of a {place} made me feel sick",
    "My {relative} used to say I was brave, but I was not",
    "The first time I sat in the chair at the {clinic}, my hands would not stop shaking",
    "Nobody at school knew about my {problem}",
    "It started with a {problem} that I ignored for months",
    "When {relative} booked the appointment, I cancelled it twice",
]
SENTENCES = [
    "The {worker} explained every step before doing it, which I had never had before.",
    "We agreed on a signal: if I raised my {hand} hand, everything stopped.",
    "I brought my {comfort}, and nobody thought that was strange.",
    "The {treatment} took three visits, and each one was shorter than I feared.",
    "Afterwards I sat in the car park for a while, just breathing.",
    "I had spent years hiding my smile in every photo.",
    "The waiting room at the {clinic} had plants and a fish tank, and it was quiet.",
    "My {relative} held my hand through the first visit.",
    "I learned that my {problem} was common, and that there was nothing to be ashamed of.",
    "The {worker} never once told me off for leaving it so long.",
    "We watched a short film about the {treatment} before I decided anything.",
    "On the third visit I noticed I was not clenching my fists any more.",
    "The numbness wore off by teatime, and I could eat soup that evening.",
    "I told my {relative} about it that night, and we both cried a little.",
    "Some days were harder than others, and that was allowed.",
    "The headset showed a beach at {place}, with waves I could almost hear.",
    "Paying for the {treatment} worried me, but the clinic spread the cost.",
    "I still get nervous, but now I know what will happen and why.",
    "At school I finally answered questions without covering my mouth.",
    "A {worker} from the {clinic} rang the day after to see how I was.",
    "I wrote down my questions beforehand, and they answered every one.",
    "It turned out the {problem} could be treated in a single afternoon.",
    "What surprised me most was how ordinary it all felt in the end.",
    "The walk to the {clinic} used to feel like miles; now it is ten minutes.",
    "I would tell anyone who is scared to ask for the first visit to be just a chat.",
]
WORDS = {
    "years": ["five", "seven", "ten", "twelve", "fifteen", "twenty"],
    "place": ["surgery", "hospital", "waiting room", "Harbour Lane", "the seaside", "Brightwater"],
    "relative": ["mum", "dad", "grandmother", "partner", "sister", "son", "daughter", "carer"],
    "clinic": ["Kessler clinic", "Saturday clinic", "harbour surgery", "community clinic"],
    "problem": [
        "broken tooth",
        "gum infection",
        "crooked teeth",
        "missing molar",
        "abscess",
        "enamel erosion",
        "jaw pain",
        "sensitive teeth",
    ],
    "worker": ["dentist", "hygienist", "dental nurse", "receptionist", "therapist"],
    "hand": ["left", "right"],
    "comfort": ["headphones", "weighted blanket", "stress ball", "favourite jumper", "music"],
    "treatment": ["filling", "root canal", "extraction", "crown", "brace", "implant", "clean"],
}
TITLE_STARTS = [
    "The day I stayed in the chair",
    "Smiling in photos again",
    "A signal to stop",
    "What the headset showed me",
    "Ten minutes to the clinic",
    "Not ashamed any more",
    "The first visit was just a chat",
    "Learning to breathe through it",
    "After years of hiding",
    "A braver Saturday",
    "My own pace",
    "Soup at teatime",
]
WHAT_HELPED = [
    "A signal to stop",
    "Seeing the room first",
    "Music in my ears",
    "Short appointments",
    "Someone beside me",
    "Knowing each step in advance",
]
CONTENT_NOTES = [
    "Describes a panic attack",
    "Mentions a hospital stay",
    "Describes pain in detail",
    "Mentions needles",
    "Mentions bullying at school",
]


def fill(template, rng):
    return template.format(**{key: rng.choice(values) for key, values in WORDS.items()})


def weighted(rng, choices):
    options, weights = zip(*choices, strict=True)
    return rng.choices(options, weights)[0]


def new_uuid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def at(day, hour=10, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@dataclass
class Teller:
    """A storyteller being seeded, with their current consent."""

    storyteller: Storyteller
    record: ConsentRecord
    category: str  # in_force, ending_soon, recently_ended, long_ended, withdrawn
    minor: bool
    stories: list = field(default_factory=list)
    withdrawn_on: object = None

    @property
    def taken_down(self):
        return self.category in ("long_ended", "withdrawn")

    def publishable_days(self, today):
        """The days a story of theirs could have been published on: consent
        covered it then, and (for a withdrawal) it had not been withdrawn."""
        first = self.record.given_on + timedelta(days=1)
        last = min(today - timedelta(days=1), self.record.ends_on - timedelta(days=1))
        if self.withdrawn_on:
            last = min(last, self.withdrawn_on - timedelta(days=1))
        return first, max(first, last)


@dataclass
class PictureVariant:
    data: bytes
    extension: str
    width: int
    height: int
    hash: str
    renditions: dict = field(default_factory=dict)  # spec -> (path, ext, width, height)


class Ids:
    """Primary keys given out in advance, so rows that point at each other
    (a page and its revisions) can be written in one pass."""

    def __init__(self, model):
        last = model._base_manager.order_by("-pk").values_list("pk", flat=True).first()
        self.next = (last or 0) + 1

    def take(self):
        value = self.next
        self.next += 1
        return value


def insert(model, objs, fields=None):
    """INSERT rows as given (primary keys and timestamps included), in batches,
    without save() or signals: the seeder writes what those would have."""
    if not objs:
        return
    fields = fields or [f for f in model._meta.local_concrete_fields]
    batch = max(1, connection.ops.bulk_batch_size(fields, objs))
    batch = min(batch, 500)
    for start in range(0, len(objs), batch):
        model._base_manager._insert(objs[start : start + batch], fields=fields, raw=True)


def reset_sequences(*models):
    for statement in connection.ops.sequence_reset_sql(no_style(), models):
        with connection.cursor() as cursor:
            cursor.execute(statement)


class ScaleCampaign:
    """Builds the campaign; `build()` returns a summary of what it wrote."""

    def __init__(
        self,
        stories=10_000,
        storytellers=None,
        seed=1,
        pictures_per_story=3,
        themes=30,
        today=None,
        log=print,
    ):
        self.story_count = stories
        self.teller_count = storytellers or max(10, round(stories * 0.3))
        self.rng = random.Random(seed)  # noqa: S311 (made-up data, reproducible)
        self.seed = seed
        self.pictures_per_story = max(0, min(3, pictures_per_story))
        self.theme_count = themes
        self.today = today or timezone.localdate()
        self.log = log
        self.summary = {}

    # -- the whole build -------------------------------------------------

    def build(self):
        # Seeded stories are English: the default locale's index (Spanish has its own).
        self.locale = Locale.get_default()
        self.index = StoryIndexPage.objects.get(depth=3, slug="stories", locale=self.locale)
        self.editor = get_user_model().objects.filter(username="editor").first()
        self.officer = get_user_model().objects.filter(username="consent").first()
        self.collection = Collection.get_first_root_node()
        self.partners = list(PartnerOrganisation.objects.order_by("pk"))
        self.age_bands = {band.slug: band for band in AgeBand.objects.all()}
        with transaction.atomic():
            self.build_themes()
            self.build_storytellers()
            self.build_stories()
            self.build_pictures()
            self.write_pages()
            self.write_renditions()
            self.write_reference_index()
            content_changed()
        self.write_search_index()
        self.summary["stories"] = len(self.stories)
        self.summary["live"] = sum(1 for story, _ in self.stories if story.live)
        self.summary["pictures"] = len(self.images)
        self.summary["renditions"] = self.rendition_count
        return self.summary

    # -- taxonomy and people ----------------------------------------------

    def build_themes(self):
        wanted = max(0, self.theme_count - Theme.objects.count())
        for name in MORE_THEMES[:wanted]:
            Theme.objects.get_or_create(name=name)
        self.themes = list(Theme.objects.order_by("pk"))

    def next_reference_number(self):
        numbers = [
            int(match.group(1))
            for match in map(
                REFERENCE_PATTERN.match, Storyteller.objects.values_list("reference", flat=True)
            )
            if match
        ]
        return max(numbers, default=0) + 1

    def build_storytellers(self):
        from faker import Faker

        fake = Faker("en_GB")
        fake.seed_instance(self.seed)
        rng = self.rng
        start = self.next_reference_number()
        teller_ids, record_ids = Ids(Storyteller), Ids(ConsentRecord)
        tellers, records, withdrawals, logs = [], [], [], []
        storyteller_type = ContentType.objects.get_for_model(Storyteller)
        categories = self.categories(self.teller_count)
        for number, category in zip(
            range(start, start + self.teller_count), categories, strict=True
        ):
            minor = rng.random() < MINORS
            naming = weighted(rng, NAMING_CHOICES)
            if minor:
                age_days = rng.randint(8 * 365, 16 * 365)
                if category == "ending_soon" and rng.random() < 0.5:
                    # Their guardian's consent ends at their 18th birthday, within 60 days.
                    age_days = 18 * 365 - rng.randint(5, 55)
            else:
                # Old enough that any consent of the last three years was an adult's own.
                age_days = rng.randint(22 * 365, 85 * 365)
            storyteller = Storyteller(
                pk=teller_ids.take(),
                reference=f"{REFERENCE_PREFIX}{number:04d}",
                naming=naming,
                first_name=fake.first_name(),
                last_name=fake.last_name(),
                pseudonym=fake.first_name() if naming == NamingChoice.PSEUDONYM else "",
                email=f"storyteller{number}@example.invalid",
                date_of_birth=self.today - timedelta(days=age_days),
            )
            # Inserted without save(): the 18th birthday the consent rule asks is written here.
            storyteller.comes_of_age_on = eighteenth_birthday(storyteller.date_of_birth)
            given_on, expires_on = self.consent_dates(category)
            storyteller.created_at = at(given_on, 9) - timedelta(days=30)
            audiences = weighted(rng, AUDIENCE_CHOICES)
            allowed = NAMING_ORDER[
                rng.randint(NAMING_ORDER.index(naming), len(NAMING_ORDER) - 1)
                if rng.random() < 0.2
                else NAMING_ORDER.index(naming)
            ]
            history = []
            if rng.random() < SUPERSEDED_BEFORE:
                first_given = given_on - timedelta(days=rng.randint(60, 400))
                history.append((first_given, add_years(first_given, 1)))
            history.append((given_on, expires_on))
            supersedes = None
            for given, expires in history:
                record = ConsentRecord(
                    pk=record_ids.take(),
                    storyteller=storyteller,
                    supersedes=supersedes,
                    naming_allowed=allowed,
                    identifiable_photos=rng.random() < 0.6,
                    voice=rng.random() < 0.3,
                    video=rng.random() < 0.2,
                    syndication=rng.choices(
                        [s.value for s in ConsentRecord.Syndication], [60, 25, 15]
                    )[0],
                    given_by=(
                        ConsentRecord.GivenBy.GUARDIAN
                        if minor
                        else ConsentRecord.GivenBy.STORYTELLER
                    ),
                    guardian_name=fake.name() if minor else "",
                    guardian_relationship=rng.choice(["Mother", "Father", "Grandparent"])
                    if minor
                    else "",
                    given_on=given,
                    expires_on=expires,
                    captured_by=self.officer,
                    captured_at=at(given, 11, rng.randint(0, 59)),
                    evidence="",
                    **{f"for_{a}": a in audiences for a in ("public", "schools", "partners")},
                )
                record.ends_on, _because = record.compute_end()
                records.append(record)
                if supersedes is not None:
                    logs.append(
                        self.log_entry(storyteller, storyteller_type, SUPERSEDED, given, {})
                    )
                logs.append(
                    self.log_entry(
                        storyteller,
                        storyteller_type,
                        CAPTURED,
                        given,
                        {"ends_on": record.ends_on.isoformat()},
                    )
                )
                supersedes = record
            withdrawn_on = None
            if category == "withdrawn":
                withdrawn_on = self.today - timedelta(days=rng.randint(2, 200))
                withdrawn_on = max(withdrawn_on, given_on + timedelta(days=40))
                withdrawals.append(
                    ConsentWithdrawal(
                        record=record,
                        withdrawn_at=at(withdrawn_on, 15),
                        withdrawn_by=self.officer,
                        reason="The storyteller asked for their story to come down.",
                        actions=[],
                    )
                )
            tellers.append(
                Teller(
                    storyteller,
                    record,
                    category,
                    minor,
                    withdrawn_on=withdrawn_on if category == "withdrawn" else None,
                )
            )
        insert(Storyteller, [t.storyteller for t in tellers])
        for record in records:
            record.storyteller_id = record.storyteller.pk
            record.supersedes_id = record.supersedes.pk if record.supersedes else None
            record.captured_by_id = self.officer.pk if self.officer else None
        insert(ConsentRecord, records)
        ConsentWithdrawal.objects.bulk_create(withdrawals)
        # Partners named for syndication, where consent names them.
        through = ConsentRecord.syndication_partners.through
        through.objects.bulk_create(
            through(consentrecord_id=record.pk, partnerorganisation_id=partner.pk)
            for record in records
            if record.syndication == ConsentRecord.Syndication.NAMED and self.partners
            for partner in rng.sample(self.partners, min(2, len(self.partners)))
        )
        insert(
            ModelLogEntry,
            logs,
            [f for f in ModelLogEntry._meta.local_concrete_fields if f.name != "id"],
        )
        reset_sequences(Storyteller, ConsentRecord)
        self.tellers = tellers
        self.withdrawals = {w.record_id: w for w in withdrawals}
        self.summary.update(
            storytellers=len(tellers),
            consent_records=len(records),
            **{f"consent {c}": categories.count(c) for c in sorted(set(categories))},
        )
        self.log(f"{len(tellers)} storytellers, {len(records)} consent records")

    def log_entry(self, instance, content_type, action, day, data):
        return ModelLogEntry(
            content_type_id=content_type.pk,
            label=f"{instance.reference} · {instance.shown_name}",
            action=action,
            data=data,
            timestamp=at(day, 11),
            content_changed=False,
            deleted=False,
            object_id=str(instance.pk),
            user_id=self.officer.pk if self.officer else None,
        )

    def categories(self, count):
        shares = [
            ("ending_soon", ENDING_SOON),
            ("recently_ended", RECENTLY_ENDED),
            ("long_ended", LONG_ENDED),
            ("withdrawn", WITHDRAWN),
        ]
        categories = []
        for name, share in shares:
            categories += [name] * max(1, round(count * share))
        categories += ["in_force"] * (count - len(categories))
        categories = categories[:count]
        self.rng.shuffle(categories)
        return categories

    def consent_dates(self, category):
        rng, today = self.rng, self.today
        if category == "ending_soon":
            expires = today + timedelta(days=rng.randint(1, 60))
        elif category == "recently_ended":
            expires = today - timedelta(days=rng.randint(0, 14))
        elif category == "long_ended":
            expires = today - timedelta(days=rng.randint(90, 400))
        else:
            expires = today + timedelta(days=rng.randint(90, 900))
        given = expires - timedelta(days=rng.randint(400, 1090))
        given = min(given, today - timedelta(days=rng.randint(20, 60)))
        if category in ("in_force", "withdrawn"):
            given = max(given, add_years(expires, -3) + timedelta(days=1))
        return given, expires

    # -- stories -----------------------------------------------------------

    def build_stories(self):
        """Pages in memory: who, what and when. Written by write_pages."""
        rng = self.rng
        weights = [rng.paretovariate(2.0) for _ in self.tellers]
        owners = rng.choices(self.tellers, weights, k=self.story_count)
        planned = []
        for teller in owners:
            first, last = teller.publishable_days(self.today)
            day = first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
            planned.append((day, rng.randint(0, 86399), teller))
        # Pages are created in the order they were published, as editors would have.
        planned.sort(key=lambda item: (item[0], item[1]))
        self.planned = planned

    def story_audiences(self, record):
        consented = [a for a in ("public", "schools", "partners") if getattr(record, f"for_{a}")]
        chosen = [a for a in consented if self.rng.random() < 0.8] or consented[:1]
        return {f"for_{a}": a in chosen for a in ("public", "schools", "partners")}

    def body_of(self, story_number, pictures, caption_rng):
        """Raw StreamField data: several paragraphs of a few hundred to ~1,500
        words, pull quotes, what helped, a timeline, and captioned pictures."""
        rng = self.rng
        words_wanted = int(rng.triangular(250, 1500, 600))
        blocks, words, paragraphs = [], 0, 0
        pictures = list(pictures)
        while words < words_wanted:
            sentences = [fill(rng.choice(OPENINGS), rng) + "."] if paragraphs == 0 else []
            sentences += [fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(4, 9))]
            text = " ".join(sentences)
            if rng.random() < 0.15:
                text = text.replace(". ", ". <i>It was not easy.</i> ", 1)
            blocks.append({"type": "paragraph", "value": f"<p>{text}</p>", "id": new_uuid(rng)})
            words += len(text.split())
            paragraphs += 1
            roll = rng.random()
            if roll < 0.12:
                quote = fill(rng.choice(SENTENCES), rng)
                blocks.append(
                    {
                        "type": "pull_quote",
                        "value": {"quote": quote, "attribution": ""},
                        "id": new_uuid(rng),
                    }
                )
            elif roll < 0.2 and pictures:
                blocks.append(self.picture_block(pictures, rng))
        while pictures:
            blocks.insert(rng.randint(1, len(blocks)), self.picture_block(pictures, rng))
        if rng.random() < 0.3:
            items = "".join(f"<li>{item}</li>" for item in rng.sample(WHAT_HELPED, 3))
            blocks.append(
                {
                    "type": "what_helped",
                    "value": {"heading": "What helped", "text": f"<ul>{items}</ul>"},
                    "id": new_uuid(rng),
                }
            )
        if rng.random() < 0.15:
            milestones = [
                {
                    "type": "item",
                    "value": {
                        "when": f"Week {week}",
                        "title": fill("The {treatment}", rng).capitalize(),
                        "text": fill(rng.choice(SENTENCES), rng),
                    },
                    "id": new_uuid(rng),
                }
                for week in sorted(rng.sample(range(1, 20), 3))
            ]
            blocks.append(
                {
                    "type": "timeline",
                    "value": {"heading": "How it went", "milestones": milestones},
                    "id": new_uuid(rng),
                }
            )
        return blocks

    def picture_block(self, pictures, rng):
        if len(pictures) >= 2 and rng.random() < 0.3:
            before, after = pictures.pop(0), pictures.pop(0)
            return {
                "type": "before_after",
                "value": {"before": before.pk, "after": after.pk, "caption": "Before and after"},
                "id": new_uuid(rng),
            }
        image = pictures.pop(0)
        return {
            "type": "image",
            "value": {"image": image.pk, "caption": fill("At the {clinic}", rng)},
            "id": new_uuid(rng),
        }

    def build_pictures(self):
        """Pages, their pictures and revisions, in memory and in order."""
        rng = self.rng
        page_ids, revision_ids, image_ids = Ids(Page), Ids(Revision), Ids(StoryImage)
        last_child = self.index.get_last_child()
        step = Page._str2int(last_child.path[-Page.steplen :]) if last_child else 0
        story_type = ContentType.objects.get_for_model(StoryPage)
        self.variants = [self.draw_variant(number) for number in range(PICTURE_VARIANTS)]
        self.images, self.stories, self.image_roles = [], [], {}
        slugs = set(StoryPage.objects.child_of(self.index).values_list("slug", flat=True))
        for number, (day, second, teller) in enumerate(self.planned, start=1):
            step += 1
            record = teller.record
            published_at = at(day) + timedelta(seconds=second)
            created_at = published_at - timedelta(minutes=rng.randint(30, 600))
            page_id = page_ids.take()
            audiences = self.story_audiences(record)
            pictures = []
            for k in range(self.pictures_per_story):
                pictures.append(self.new_image(image_ids.take(), page_id, k, teller, created_at))
            hero, body_pictures = (pictures[0], pictures[1:]) if pictures else (None, [])
            title = f"{rng.choice(TITLE_STARTS)}"
            if rng.random() < 0.5:
                title += fill(
                    rng.choice([": a {problem}", " at the {clinic}", " with my {relative}"]), rng
                )
            slug = f"{slugify(title)[:60]}-{page_id}"
            while slug in slugs:
                slug += "-x"
            slugs.add(slug)
            body = self.body_of(number, body_pictures, rng)
            story = StoryPage(
                id=page_id,
                page_ptr_id=page_id,
                path=Page._get_path(self.index.path, self.index.depth + 1, step),
                depth=self.index.depth + 1,
                numchild=0,
                translation_key=new_uuid(rng),
                locale_id=self.locale.pk,
                live=False,
                has_unpublished_changes=False,
                title=title,
                draft_title=title,
                slug=slug,
                content_type_id=story_type.pk,
                url_path=f"{self.index.url_path}{slug}/",
                owner_id=self.editor.pk if self.editor else None,
                summary=fill(rng.choice(SENTENCES), rng)[:280],
                storyteller_id=teller.storyteller.pk,
                hero_image_id=hero.pk if hero else None,
                content_notes="\n".join(rng.sample(CONTENT_NOTES, rng.randint(1, 2)))
                if rng.random() < 0.25
                else "",
                body=body,
                **audiences,
            )
            story.reading_time = reading_time_minutes(text_of_stream(story.body.raw_data))
            story.themes = rng.sample(self.themes, rng.randint(1, 3))
            bands = ["primary", "secondary"] if teller.minor else ["adult", "secondary"]
            story.age_bands = [self.age_bands[b] for b in rng.sample(bands, rng.randint(1, 2))]
            story.partner_organisations = (
                rng.sample(self.partners, 1) if self.partners and rng.random() < 0.2 else []
            )
            # A new page has none; set here so that serialising asks the database nothing.
            story.related_stories = []
            story.wagtail_admin_comments = []
            # As save_revision() serialises it: a new draft, not yet published.
            content = story.serializable_data()
            revision = Revision(
                pk=revision_ids.take(),
                content_type_id=story_type.pk,
                base_content_type_id=ContentType.objects.get_for_model(Page).pk,
                object_id=str(page_id),
                user_id=self.editor.pk if self.editor else None,
                created_at=created_at + timedelta(seconds=5),
                content=content,
                approved_go_live_at=None,
                object_str=title,
            )
            story.latest_revision_id = revision.pk
            story.latest_revision_created_at = revision.created_at
            story.first_published_at = story.last_published_at = published_at
            if teller.taken_down:
                story.live, story.has_unpublished_changes, story.live_revision_id = (
                    False,
                    True,
                    None,
                )
            else:
                story.live, story.live_revision_id = True, revision.pk
            story._seed = {
                "revision": revision,
                "created_at": created_at,
                "teller": teller,
                "hero": hero,
                "body_pictures": body_pictures,
            }
            teller.stories.append(story)
            self.stories.append((story, revision))
            if hero is not None:
                roles = ["hero", "card"] + (["social"] if story.for_public else [])
                self.image_roles[hero.pk] = roles
            for block in body:
                if block["type"] == "image":
                    self.image_roles[block["value"]["image"]] = ["image"]
                elif block["type"] == "before_after":
                    for side in ("before", "after"):
                        self.image_roles[block["value"][side]] = ["before_after"]
        self.next_step = step
        self.log(f"{len(self.stories)} stories and {len(self.images)} pictures planned")

    def draw_variant(self, number):
        rng = random.Random(self.seed * 1000 + number)  # noqa: S311
        background = tuple(rng.randint(120, 250) for _ in range(3))
        picture = PILImage.new("RGB", PICTURE_SIZE, background)
        draw = ImageDraw.Draw(picture)
        width, height = PICTURE_SIZE
        for _ in range(3):
            x, y = rng.randint(0, width - 40), rng.randint(0, height - 40)
            size = rng.randint(20, 80)
            colour = tuple(rng.randint(20, 200) for _ in range(3))
            draw.ellipse((x, y, x + size, y + size), fill=colour)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        buffer.name = f"variant-{number}.jpg"
        cleaned = without_identifying_metadata(buffer)
        data = cleaned.read() if hasattr(cleaned, "read") else bytes(cleaned)
        with PILImage.open(io.BytesIO(data)) as stored:
            size = stored.size
        return PictureVariant(
            data=data,
            extension=os.path.splitext(cleaned.name)[1],
            width=size[0],
            height=size[1],
            hash=hashlib.sha1(data, usedforsecurity=False).hexdigest(),  # what Wagtail stores
        )

    def new_image(self, pk, page_id, k, teller, created_at):
        rng = self.rng
        variant_number = rng.randrange(PICTURE_VARIANTS)
        variant = self.variants[variant_number]
        identifiable = teller.record.identifiable_photos and rng.random() < 0.3
        image = StoryImage(
            pk=pk,
            collection_id=self.collection.pk,
            title=f"Story {page_id}, picture {k + 1}",
            description="",
            width=variant.width,
            height=variant.height,
            created_at=created_at - timedelta(minutes=5),
            uploaded_by_user_id=self.editor.pk if self.editor else None,
            file=f"original_images/story{page_id}-{k + 1}{variant.extension}",
            file_size=len(variant.data),
            file_hash=variant.hash,
            alt_text=fill("A drawing of the {clinic}, in soft colours", rng),
            is_decorative=False,
            shows_identifiable_person=identifiable,
            storyteller_id=teller.storyteller.pk if identifiable else None,
            credit="Drawn for Histories & Smiles",
        )
        image._variant = variant_number
        self.images.append(image)
        return image

    # -- writing ------------------------------------------------------------

    def write_pages(self):
        stories = [story for story, _revision in self.stories]
        storage = StoryImage._meta.get_field("file").storage
        for image in self.images:
            # A name already taken gets a new one, as the storage's save() would give it.
            image.file.name = storage.get_available_name(image.file.name)
            path = storage.path(image.file.name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "xb") as out:
                out.write(self.variants[image._variant].data)
        insert(StoryImage, self.images)
        insert(Revision, [revision for _story, revision in self.stories])
        insert(Page, stories, Page._meta.local_concrete_fields)
        insert(StoryPage, stories, StoryPage._meta.local_concrete_fields)
        for relation in ("themes", "age_bands", "partner_organisations"):
            through = getattr(StoryPage, relation).through
            target = getattr(StoryPage, relation).field.m2m_reverse_field_name()
            through.objects.bulk_create(
                (
                    through(storypage_id=story.pk, **{f"{target}_id": item.pk})
                    for story in stories
                    for item in getattr(story, relation).all()
                ),
                batch_size=1000,
            )
        StoryMedium.objects.bulk_create(
            (
                StoryMedium(story_id=story.pk, medium=PICTURE, image_id=image.pk)
                for story in stories
                for image in dict.fromkeys(story._seed["body_pictures"])
            ),
            batch_size=1000,
        )
        sum_up(story.pk for story in stories)
        Page.objects.filter(pk=self.index.pk).update(numchild=self.index.numchild + len(stories))
        self.write_approvals(stories)
        self.write_page_log(stories)
        reset_sequences(Page, Revision, StoryImage)

    def write_approvals(self, stories):
        """Each story's storyteller approved the revision it was published from,
        as the review asks them to before anything goes out."""
        StorytellerApproval.objects.bulk_create(
            (
                StorytellerApproval(
                    story_id=story.pk,
                    revision_id=story._seed["revision"].pk,
                    fingerprint=fingerprint(story),
                    decision=StorytellerApproval.Decision.APPROVED,
                    given_by=StorytellerApproval.GivenBy.STORYTELLER,
                    decided_at=story.first_published_at - timedelta(minutes=20),
                )
                for story in stories
            ),
            batch_size=1000,
        )

    def write_page_log(self, stories):
        story_type = ContentType.objects.get_for_model(StoryPage)
        entries = []
        for story in stories:
            seed = story._seed
            common = {
                "content_type_id": story_type.pk,
                "label": story.title,
                "data": {},
                "uuid": None,
                "content_changed": True,
                "deleted": False,
                "page_id": story.pk,
            }
            editor = self.editor.pk if self.editor else None
            entries.append(
                PageLogEntry(
                    action="wagtail.create", timestamp=seed["created_at"], user_id=editor, **common
                )
            )
            entries.append(
                PageLogEntry(
                    action=APPROVED_ACTION,
                    timestamp=story.first_published_at - timedelta(minutes=20),
                    **{**common, "data": {"given_by": "storyteller", "comment": ""}},
                )
            )
            entries.append(
                PageLogEntry(
                    action="wagtail.publish",
                    timestamp=story.first_published_at,
                    user_id=self.officer.pk if self.officer else None,
                    revision_id=seed["revision"].pk,
                    **common,
                )
            )
            if seed["teller"].taken_down:
                teller = seed["teller"]
                withdrawal = self.withdrawals.get(teller.record.pk)
                when = withdrawal.withdrawn_at if withdrawal else at(teller.record.ends_on, 1)
                for action in ("wagtail.unpublish", TAKEN_DOWN):
                    entries.append(
                        PageLogEntry(
                            action=action,
                            timestamp=when,
                            user_id=self.officer.pk if (withdrawal and self.officer) else None,
                            **{**common, "content_changed": action == "wagtail.unpublish"},
                        )
                    )
        fields = [f for f in PageLogEntry._meta.local_concrete_fields if f.name != "id"]
        insert(PageLogEntry, entries, fields)

    def write_renditions(self):
        """The renditions each live story's page shows (stories.renditions),
        made by Wagtail once per drawn picture and linked for its copies."""
        self.rendition_count = 0
        live_images = {
            image.pk
            for story, _revision in self.stories
            if story.live
            for image in [story._seed["hero"], *story._seed["body_pictures"]]
            if image is not None
        }
        storage = StoryRendition._meta.get_field("file").storage
        filters = {}
        rows = []
        for image in self.images:
            if image.pk not in live_images:
                continue
            wanted = [spec for role in self.image_roles.get(image.pk, []) for spec in specs(role)]
            variant = self.variants[image._variant]
            missing = [spec for spec in wanted if spec not in variant.renditions]
            if missing:
                # Made by Wagtail itself, for this picture: the model for its copies.
                for rendition in image.get_renditions(*missing).values():
                    name = os.path.basename(rendition.file.name)
                    stem = os.path.splitext(os.path.basename(image.file.name))[0]
                    variant.renditions[rendition.filter_spec] = (
                        storage.path(rendition.file.name),
                        name[len(stem) + 1 :],
                        rendition.width,
                        rendition.height,
                    )
                    self.rendition_count += 1
                wanted = [spec for spec in wanted if spec not in missing]
            stem = os.path.splitext(os.path.basename(image.file.name))[0]
            for spec in wanted:
                source, suffix, width, height = variant.renditions[spec]
                spec_filter = filters.setdefault(spec, Filter(spec=spec))
                name = storage.get_available_name(f"images/{stem[: 59 - len(suffix)]}.{suffix}")
                target = storage.path(name)
                try:
                    # The same bytes: a link costs no space (and 220,000 copies would).
                    os.link(source, target)
                except OSError:
                    with open(source, "rb") as src, open(target, "xb") as out:
                        out.write(src.read())
                rows.append(
                    StoryRendition(
                        image_id=image.pk,
                        filter_spec=spec,
                        focal_point_key=spec_filter.get_cache_key(image),
                        file=name,
                        width=width,
                        height=height,
                    )
                )
        StoryRendition.objects.bulk_create(rows, batch_size=1000)
        self.rendition_count += len(rows)
        self.log(f"{self.rendition_count} renditions")

    def write_reference_index(self):
        """Wagtail's reference index, as `create_or_update_for_object` writes it."""
        rows = []
        for model, objects in (
            (StoryPage, [story for story, _ in self.stories]),
            (StoryImage, self.images),
        ):
            content_types = [
                ContentType.objects.get_for_model(m, for_concrete_model=False)
                for m in [model, *model._meta.get_parent_list()]
            ]
            for obj in objects:
                for to_type, to_id, model_path, content_path in self.references(obj):
                    rows.append(
                        ReferenceIndex(
                            content_type=content_types[0],
                            base_content_type=content_types[-1],
                            object_id=obj.pk,
                            to_content_type_id=to_type,
                            to_object_id=to_id,
                            model_path=model_path,
                            content_path=content_path,
                            content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                        )
                    )
        ReferenceIndex.objects.bulk_create(rows, batch_size=1000)

    def references(self, obj):
        """What `ReferenceIndex._extract_references_from_object` finds, from what
        the seeder knows, without loading each body's pictures back."""
        teller_type = ContentType.objects.get_for_model(Storyteller).pk
        image_type = ContentType.objects.get_for_model(StoryImage).pk
        if isinstance(obj, StoryImage):
            refs = [
                (
                    ContentType.objects.get_for_model(Collection).pk,
                    str(obj.collection_id),
                    "collection",
                    "collection",
                )
            ]
            if obj.storyteller_id:
                refs.append((teller_type, str(obj.storyteller_id), "storyteller", "storyteller"))
            return refs
        refs = [(teller_type, str(obj.storyteller_id), "storyteller", "storyteller")]
        if obj.hero_image_id:
            refs.append((image_type, str(obj.hero_image_id), "hero_image", "hero_image"))
        for block in obj.body.raw_data:
            if block["type"] == "image":
                sides = ["image"]
            elif block["type"] == "before_after":
                sides = ["before", "after"]
            else:
                continue
            for side in sides:
                refs.append(
                    (
                        image_type,
                        str(block["value"][side]),
                        f"body.{block['type']}.{side}",
                        f"body.{block['id']}.{side}",
                    )
                )
        return list(dict.fromkeys(refs))

    def write_search_index(self):
        """Wagtail's search index (update_index would write the same)."""
        backend = get_search_backend()
        chunk = 500
        backend.add_bulk(Theme, list(Theme.objects.all()))
        tellers = [teller.storyteller for teller in self.tellers]
        for start in range(0, len(tellers), chunk):
            backend.add_bulk(Storyteller, tellers[start : start + chunk])
        images = [image.pk for image in self.images]
        for start in range(0, len(images), chunk):
            backend.add_bulk(
                StoryImage,
                list(
                    StoryImage.objects.filter(
                        pk__gte=images[start], pk__lte=images[start : start + chunk][-1]
                    ).prefetch_related("tags")
                ),
            )
        pages = [story for story, _ in self.stories]
        for start in range(0, len(pages), chunk):
            backend.add_bulk(StoryPage, pages[start : start + chunk])
        self.log("search index written")
