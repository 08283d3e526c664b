"""Builds the demo campaign from stories/demo/content.py, idempotently.

Every object is looked up by its natural key (name, reference, slug, picture
title) and created only when missing, so a second run changes nothing and
an editor's changes to demo pages are never overwritten.
"""

import io
import re
import subprocess  # nosec B404: only its errors, from making the demo's clips
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Collection, Locale, Page, Site

from ..clips import StoryClip
from ..consent.approvals import record_approval
from ..consent.capture import CaptureConsentAction
from ..consent.guard import ConsentRefused
from ..consent.policy import AUDIENCES
from ..consent.records import ConsentWithdrawal
from ..consent.withdrawal import withdraw_consent
from ..images import StoryImage
from ..landing import AudienceLandingPage
from ..pages import HomePage, HomePageFeaturedStory, StandardPage, StoryIndexPage, StoryPage
from ..partners import PartnerOrganisation
from ..readers import api_access
from ..readers.membership import Membership
from ..storytellers import Storyteller
from ..taxonomy import AgeBand, Theme
from ..visits import (
    VisitRequestFormField,
    VisitRequestPage,
    retention_days,
    team_address_setting,
)
from . import clips as demo_clips
from . import consent_scenarios, content
from .pictures import draw_logo, draw_picture

STORY_LINK = re.compile(r"\{story:([\w-]+)\}")


class DemoLoader:
    def __init__(self):
        self.created = []
        self.collection = Collection.get_first_root_node()
        self.editor = self.officer = self.publisher = None
        self.demo_token = None

    def note(self, kind, name):
        self.created.append(f"{kind}: {name}")

    # People and things -------------------------------------------------

    DEMO_ACCOUNTS = [
        # username, group, first name
        ("editor", "Editors", "Esme"),
        ("reviewer", "Clinical reviewers", "Dr Alaric"),
        ("consent", "Consent officers", "Connie"),
    ]

    def load_accounts(self):
        """The demo accounts, one per role (development settings only)."""
        if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
            return
        User = get_user_model()
        admin = User.objects.filter(username="admin").first()
        if admin is None:
            admin = User.objects.create_superuser(
                "admin", "admin@example.com", settings.DEMO_PASSWORD
            )
            self.note("account", "admin (superuser)")
        self.editor = self.officer = self.publisher = admin
        self.accounts = {"admin": admin}
        for username, group, first_name in self.DEMO_ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username,
                    f"{username}@example.com",
                    settings.DEMO_PASSWORD,
                    first_name=first_name,
                )
                user.groups.add(Group.objects.get(name=group))
                self.note("account", f"{username} ({group})")
            self.accounts[username] = user
        self.editor = self.accounts["editor"]
        self.officer = self.accounts["consent"]

    def load_readers(self):
        """A teacher and a therapy group's staff member (development settings only)."""
        if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
            return
        User = get_user_model()
        for username, email, first_name, last_name, organisation in content.READERS:
            if User.objects.filter(username=username).exists():
                continue
            user = User.objects.create_user(
                username, email, settings.DEMO_PASSWORD, first_name=first_name, last_name=last_name
            )
            Membership.objects.create(user=user, organisation=self.partners[organisation])
            self.note("reader", f"{username} ({organisation})")

    DEMO_TOKEN_NAME = "Demo token"  # noqa: S105 (a label, not a secret)

    def issue_demo_token(self):
        """A fresh API token for the demo therapy group, replacing the last one.

        Only a digest of a token is stored, so the demo can print one only
        when it creates it: each load revokes the previous demo token.
        """
        if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
            return None
        organisation = self.partners[content.DEMO_THERAPY_GROUP]
        for token in api_access.tokens_of(organisation).filter(
            name=self.DEMO_TOKEN_NAME, revoked_at__isnull=True
        ):
            api_access.revoke_token(organisation, token.pk)
        _token, plaintext = api_access.create_token(organisation, self.DEMO_TOKEN_NAME)
        return plaintext

    def stage_reviews(self):
        """One story waiting in each review task, so every role has work to see."""
        if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
            return
        # (story, who approves the clinical step, whether the storyteller has read it)
        waiting = [
            (content.REVIEWS["clinical"], None, False),
            (content.REVIEWS["storyteller"], self.accounts["reviewer"], False),
            (content.REVIEWS["consent"], self.accounts["reviewer"], True),
        ]
        for (slug, new_summary), clinical_approver, storyteller_read in waiting:
            story = self.stories[slug].specific_class.objects.get(pk=self.stories[slug].pk)
            if story.workflow_states.exists():
                continue
            story.summary = new_summary
            revision = story.save_revision(user=self.editor)
            if storyteller_read:
                record_approval(story, revision)
            state = story.get_workflow().start(story, self.editor)
            if clinical_approver is not None:
                task_state = state.current_task_state
                task_state.task.specific.on_action(task_state, clinical_approver, "approve")
                state.refresh_from_db()
            self.note("review", f"{story.title}: waiting for {state.current_task_state.task.name}")

    def load_themes(self):
        self.themes = {}
        for item in content.THEMES:
            theme, created = Theme.objects.get_or_create(
                name=item["name"], defaults={"description": item["description"]}
            )
            self.themes[theme.name] = theme
            if created:
                self.note("theme", theme.name)

    def picture(self, spec):
        """The library image for a picture spec, drawn the first time."""
        image = StoryImage.objects.filter(title=spec["title"]).first()
        if image:
            return image
        data = draw_picture(spec["scene"], spec["palette"], spec["key"])
        image = StoryImage(
            title=spec["title"],
            alt_text=spec["alt_text"],
            credit=spec.get("credit", ""),
            shows_identifiable_person=spec.get("shows_identifiable_person", False),
            collection=self.collection,
            file=ImageFile(io.BytesIO(data), name=f"{spec['key']}.jpg"),
        )
        image.full_clean()
        image.save()
        self.note("image", image.title)
        return image

    def load_partners(self):
        self.partners = {}
        for item in content.PARTNERS:
            partner = PartnerOrganisation.objects.filter(name=item["name"]).first()
            if partner is None:
                logo = StoryImage.objects.filter(title=f"Logo of {item['name']}").first()
                if logo is None:
                    logo = StoryImage(
                        title=f"Logo of {item['name']}",
                        alt_text=f"{item['name']} logo",
                        collection=self.collection,
                        file=ImageFile(
                            io.BytesIO(draw_logo(item["initials"], item["colour"])),
                            name=f"logo-{item['initials'].lower()}.png",
                        ),
                    )
                    logo.save()
                partner = PartnerOrganisation.objects.create(
                    name=item["name"],
                    kind=item["kind"],
                    website=item["website"],
                    contact_email=item.get("contact_email", ""),
                    logo=logo,
                )
                self.note("partner organisation", partner.name)
            self.partners[partner.name] = partner

    def load_storytellers(self):
        self.storytellers = {}
        for item in content.STORYTELLERS:
            storyteller = Storyteller.objects.filter(reference=item["reference"]).first()
            if storyteller is None:
                storyteller = Storyteller(
                    reference=item["reference"],
                    naming=item["naming"],
                    first_name=item.get("first_name", ""),
                    last_name=item.get("last_name", ""),
                    pseudonym=item.get("pseudonym", ""),
                    email=item.get("email", ""),
                    phone=item.get("phone", ""),
                    date_of_birth=item.get("date_of_birth") or None,
                )
                storyteller.full_clean()
                storyteller.save()
                self.note("storyteller", storyteller.reference)
            self.storytellers[storyteller.reference] = storyteller

    # Pages -------------------------------------------------------------

    def publish(self, page, published_on=None):
        revision = page.save_revision(user=self.editor)
        if isinstance(page, StoryPage):
            record_approval(page, revision)  # the storyteller read this version
        try:
            revision.publish(user=self.publisher)
        except ConsentRefused as refusal:
            self.note("publish refused", f"{page.title}: {' '.join(refusal.problems)}")
            return
        if published_on:
            when = timezone.make_aware(datetime.combine(published_on, time(9, 0)))
            Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
        self.note(page._meta.verbose_name, page.title)

    def load_home(self):
        self.home = Site.objects.get(is_default_site=True).root_page.specific
        # The migration leaves the calls to action empty; a home page with
        # them filled in belongs to an editor (or an earlier run).
        self.home_is_new = not self.home.schools_text

    def load_index(self):
        spec = content.STORY_INDEX
        index = StoryIndexPage.objects.child_of(self.home).filter(slug=spec["slug"]).first()
        if index is None:
            index = StoryIndexPage(
                live=False,
                title=spec["title"],
                slug=spec["slug"],
                introduction=spec["introduction"],
                show_in_menus=True,
            )
            self.home.add_child(instance=index)
            self.publish(index)
        self.index = index

    def load_standard_pages(self):
        self.standard_pages = {}
        for spec in content.STANDARD_PAGES:
            page = StandardPage.objects.child_of(self.home).filter(slug=spec["slug"]).first()
            if page is None:
                page = StandardPage(
                    live=False,
                    title=spec["title"],
                    slug=spec["slug"],
                    introduction=spec["introduction"],
                    show_in_menus=spec.get("show_in_menus", False),
                    body=self.raw_body(spec["body"]),
                )
                self.home.add_child(instance=page)
                self.publish(page)
            self.standard_pages[spec["slug"]] = page

    def load_visit_request(self):
        """The visit request form, under home, with the demo's questions."""
        spec = content.VISIT_REQUEST
        page = VisitRequestPage.objects.child_of(self.home).filter(slug=spec["slug"]).first()
        if page is None:
            page = VisitRequestPage(
                live=False,
                title=spec["title"],
                slug=spec["slug"],
                introduction=spec["introduction"],
                how_we_use_details=spec["how_we_use_details"].format(days=retention_days()),
                thank_you_text=spec["thank_you_text"],
                confirmation_text=spec["confirmation_text"],
                to_address=team_address_setting() or "visits@histories-and-smiles.invalid",
                subject="Visit request",
                form_fields=[
                    VisitRequestFormField(
                        sort_order=order,
                        label=label,
                        field_type=field_type,
                        required=required,
                        choices=choices,
                        help_text=help_text,
                    )
                    for order, (label, field_type, required, choices, help_text) in enumerate(
                        spec["fields"]
                    )
                ],
            )
            self.home.add_child(instance=page)
            self.publish(page)
        self.visit_request = page

    def load_landing_pages(self):
        """The schools and partners landing pages the home page leads to."""
        self.landing_pages = {}
        for spec in content.LANDING_PAGES:
            page = AudienceLandingPage.objects.child_of(self.home).filter(slug=spec["slug"]).first()
            if page is None:
                page = AudienceLandingPage(
                    live=False,
                    title=spec["title"],
                    slug=spec["slug"],
                    audience=spec["audience"],
                    introduction=spec["introduction"],
                    body=[
                        {"type": "section", "value": {"heading": heading, "text": text}}
                        for heading, text in spec["sections"]
                    ],
                    packs_introduction=spec["packs_introduction"],
                    visit_request_page=self.visit_request,
                    visit_request_text=spec["visit_request_text"],
                )
                self.home.add_child(instance=page)
                self.publish(page)
            self.landing_pages[spec["audience"]] = page

    def clip(self, spec, storyteller):
        """The library clip for a clip spec, made the first time through the
        one pipeline; None when the tools to make it are not installed."""
        clip = StoryClip.objects.filter(title=spec["title"]).first()
        if clip:
            return clip
        missing = demo_clips.missing_tools(spec["kind"])
        if missing:
            self.skipped(spec, f"{' and '.join(missing)} not installed")
            return None
        try:
            file, captions = demo_clips.clip_file(spec)
            poster = self.picture(spec["poster"]) if spec.get("poster") else None
            if poster is not None and poster.storyteller_id is None:
                StoryImage.objects.filter(pk=poster.pk).update(storyteller=storyteller)
            clip = StoryClip(
                title=spec["title"],
                type="audio" if spec["kind"] == "voice" else "video",
                storyteller=storyteller,
                collection=self.collection,
                transcript=spec["transcript"],
                content_note=spec.get("content_note", ""),
                file=file,
                captions=captions or "",
                poster=poster,
            )
            clip.full_clean()
            clip.save()
        except (OSError, subprocess.SubprocessError, ValidationError) as error:
            self.skipped(spec, type(error).__name__)
            return None
        self.note("clip", clip.title)
        return clip

    def skipped(self, spec, why):
        line = f"Skipped the demo clip “{spec['title']}”: {why}."
        print(line)  # noqa: T201 - said where the demo is loaded, never a failure
        self.note("clip skipped", spec["title"])

    def raw_body(self, blocks, storyteller=None):
        """StreamField data for (type, value) pairs, pictures drawn and clips
        made into the library (a clip that cannot be made is left out)."""
        raw = []
        for block_type, value in blocks:
            if block_type in ("voice_clip", "video_clip"):
                clip = self.clip(value["clip"], storyteller)
                if clip is None:
                    continue
                value = {"clip": clip.pk, "caption": value.get("caption", "")}
            elif block_type == "image":
                value = {"image": self.picture(value["picture"]).pk, "caption": value["caption"]}
            elif block_type == "before_after":
                value = {
                    "before": self.picture(value["before"]).pk,
                    "after": self.picture(value["after"]).pk,
                    "caption": value.get("caption", ""),
                }
            elif block_type == "story":
                value = self.stories[value].pk
            elif block_type == "paragraph":
                # A link to a story is written {story:<slug>} where its page id goes.
                value = STORY_LINK.sub(lambda found: str(self.stories[found[1]].pk), value)
            raw.append({"type": block_type, "value": value})
        return raw

    def load_stories(self):
        self.stories = {}
        age_bands = {band.slug: band for band in AgeBand.objects.all()}
        for spec in sorted(content.STORIES, key=lambda item: item["published"]):
            story = StoryPage.objects.child_of(self.index).filter(slug=spec["slug"]).first()
            if story is None:
                story = self.new_story(spec, age_bands)
            self.stories[spec["slug"]] = story

    def new_story(self, spec, age_bands):
        scenario = consent_scenarios.SCENARIOS.get(spec["storyteller"], {})
        hero = self.picture(spec["hero"]) if spec.get("hero") else None
        # Words-only consent: publish the words, then show the guard refusing the photo.
        held_back = hero if scenario.get("words_only") and hero.shows_identifiable_person else None
        story = StoryPage(
            live=False,
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            storyteller=self.storytellers[spec["storyteller"]],
            hero_image=None if held_back else hero,
            content_notes=spec.get("content_notes", ""),
            body=self.raw_body(spec["body"], self.storytellers[spec["storyteller"]]),
            classroom_pack=content.CLASSROOM_PACKS.get(spec["slug"], []),
            **{
                f"for_{audience}": audience in spec.get("audiences", ["public"])
                for audience in AUDIENCES
            },
        )
        story.themes = [self.themes[name] for name in spec["themes"]]
        story.age_bands = [age_bands[slug] for slug in spec["age_bands"]]
        story.partner_organisations = [self.partners[name] for name in spec["partners"]]
        self.index.add_child(instance=story)
        self.publish(story, published_on=datetime.fromisoformat(spec["published"]).date())
        if held_back:
            story.hero_image = held_back
            self.publish(story)
        return story

    def link_home(self):
        """Featured stories and calls to action, set once on a new home page."""
        if not self.home_is_new:
            self.lead_home_to_landing_pages()
            return
        spec = content.HOME
        home = HomePage.objects.get(pk=self.home.pk)
        home.title = spec["title"]
        home.introduction = spec["introduction"]
        home.schools_heading = spec["schools_heading"]
        home.schools_text = spec["schools_text"]
        home.partners_heading = spec["partners_heading"]
        home.partners_text = spec["partners_text"]
        home.schools_link = self.landing_pages.get("schools")
        home.partners_link = self.landing_pages.get("partners")
        home.featured_stories = [
            HomePageFeaturedStory(story=self.stories[slug], sort_order=order)
            for order, slug in enumerate(spec["featured"])
        ]
        self.publish(home)

    def lead_home_to_landing_pages(self):
        """A home page an earlier demo led to About for schools and partners
        leads to their landing pages instead; an editor's own choice stays."""
        home = HomePage.objects.get(pk=self.home.pk)
        about = self.standard_pages.get("about")
        changed = False
        for audience in ("schools", "partners"):
            field = f"{audience}_link_id"
            landing = self.landing_pages.get(audience)
            if landing is not None and about is not None and getattr(home, field) == about.pk:
                setattr(home, field, landing.pk)
                changed = True
        if changed:
            self.publish(home)

    def load_translations(self):
        """Spanish: the home page, the story index and Flora's story, each a
        translation (stories.translations) published through the same guard as
        any page; made once, and left to editors afterwards."""
        spanish, _ = Locale.objects.get_or_create(language_code="es")
        spec = content.SPANISH
        home = self.translation_of(self.home, spanish, spec["home"])
        self.translation_of(self.index, spanish, spec["index"])
        stories = [
            self.translation_of(self.stories[slug], spanish, fields)
            for slug, fields in spec["stories"].items()
        ]
        if home is not None:
            home = HomePage.objects.get(pk=home.pk)  # with the children added since
            home.featured_stories = [
                HomePageFeaturedStory(story=story, sort_order=order)
                for order, story in enumerate(story for story in stories if story is not None)
            ]
            self.publish(home)

    def translation_of(self, page, locale, fields):
        """A new translation of this page, with these fields, published (a
        story keeps its publication date); None if it already has one."""
        if page.get_translation_or_none(locale) is not None:
            return None
        translation = CopyPageForTranslationAction(page.specific, locale, user=self.editor).execute(
            skip_permission_checks=True
        )
        for name, value in fields.items():
            setattr(translation, name, self.raw_body(value) if name == "body" else value)
        translation.save()
        if isinstance(translation, StoryPage):
            # Translated the day after the original was published.
            published = Page.objects.get(pk=page.pk).first_published_at + timedelta(days=1)
            self.publish(translation, published_on=timezone.localdate(published))
        elif not isinstance(translation, HomePage):  # the home page once its stories are
            self.publish(translation)
        return translation

    def load_consent(self):
        """Each storyteller's consent, matching their stories, captured once."""
        for spec in content.STORYTELLERS:
            storyteller = self.storytellers[spec["reference"]]
            if storyteller.consent_records.exists():
                continue
            scenario = consent_scenarios.SCENARIOS.get(spec["reference"], {})
            record = consent_scenarios.record_for(storyteller, self.stories_of(spec), scenario)
            CaptureConsentAction(record, user=self.officer).execute(skip_permission_checks=True)
            self.note("consent", f"{storyteller.reference} until {record.ends_on:%d %B %Y}")

    def stories_of(self, storyteller_spec):
        return [s for s in content.STORIES if s["storyteller"] == storyteller_spec["reference"]]

    def stage_scenarios(self):
        """The consent situations a newcomer should be able to see, staged once."""
        for reference, scenario in consent_scenarios.SCENARIOS.items():
            storyteller = self.storytellers[reference]
            if (
                scenario.get("withdrawn")
                and not ConsentWithdrawal.objects.filter(record__storyteller=storyteller).exists()
            ):
                report = withdraw_consent(reference, scenario["withdrawn"], user=self.officer)
                self.note("withdrawal", f"{reference}: " + " ".join(report.done))

    def load(self):
        self.load_accounts()
        self.load_themes()
        self.load_partners()
        self.load_readers()
        self.load_storytellers()
        self.load_consent()
        self.load_home()
        self.load_index()
        self.load_stories()
        self.load_standard_pages()  # after the stories their cards lead to
        self.load_visit_request()
        self.load_landing_pages()
        self.link_home()
        self.load_translations()
        self.stage_scenarios()
        self.stage_reviews()
        self.demo_token = self.issue_demo_token()
        return self.created
