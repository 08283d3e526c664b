"""The page types of the campaign site and where each may live.

Home → Story index → Story, and plain pages (about, privacy, safeguarding)
under home. Every list of stories comes from the visibility gate.
"""

import hashlib

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, Subquery, Value, When
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.rich_text import extract_references_from_rich_text
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .admin_links import ChooserFieldPanel
from .api_pictures import HeroImageURLField, PictureField
from .blocks import (
    StandardBodyBlock,
    StoryBodyBlock,
    StoryCardBlock,
    pictures_at_hand,
    stories_at_hand,
)
from .cards import with_card_data
from .classroom_packs import (
    ClassroomPackBlock,
    ReadingLevelPanel,
    pack_is_filled,
    reading_level_for,
)
from .clips import clips_of_others_problem
from .consent.guard import (
    ConsentGuardedPublishAction,
    ConsentRefused,
    consent_held_still,
    publish_problems,
    record_refusal,
    refuse_unapproved_copy,
    refuse_unconsented_publish,
)
from .consent.panels import StoryConsentPanel
from .consent.policy import audiences_of
from .consent.subjects import PICTURE, declared_media
from .embedding import EMBED_PATH, embed_unavailable, embedding_of, serve_embed
from .filters import StoryFilterForm
from .pack_pdf import PACK_PDF_PATH, pack_pdf_url, serve_pack_pdf
from .page_cache import KeptForReaders, keep_for_readers
from .pagination import paginate
from .partners import PartnerOrganisation
from .readers.membership import reader_audiences
from .reading import reading_time_minutes, text_of_stream
from .shown import record_media_shown
from .translations import storyteller_problem
from .visibility import (
    asked_when_loaded,
    gate_allows,
    refusal_for,
    remember_answers,
    visible_stories,
)

STORIES_PER_PAGE = 12
FEATURED_STORIES_SHOWN = 3
FEATURED_STORIES_MAX = 6  # chosen by editors
RELATED_STORIES_SHOWN = 3
# Live stories put to the gate for the home page when editors chose none (the
# newest): ordering every story the reader may see cost 190 ms at 10,000.
FEATURED_CANDIDATES = 200
# Stories sharing a theme that are weighed as related (the newest): without a
# bound, each story page counted the shared themes of a third of the archive.
RELATED_CANDIDATES = 300
# Of those, the ones sharing most themes that are put to the gate first: the
# gate's cost grows with the stories it is asked about.
RELATED_BEST_PLACED = 24
# How long a story's ranking of the stories sharing its themes is kept (before
# the gate: ids only). Finding them cost 16 ms of a 75 ms story page at 10,000
# stories each time a publish retired the page; a new story joins other
# stories' "More stories like this" within this time, and the gate, asked on
# every render, takes a withdrawn one out at once.
RELATED_RANKING_SECONDS = 15 * 60
# How long the pages a story's live body links to are kept: they change only
# with its publish, which is part of the key.
LINKED_PAGES_SECONDS = 24 * 60 * 60


class ViewRestrictionsByPath:
    """Wagtail's check of view restrictions (its `before_serve_page` hook) in
    one query, or none when the query that loaded the page already asked."""

    def get_view_restrictions(self):
        if self.alias_of_id:
            return super().get_view_restrictions()
        answer = getattr(self, "gate_answer", None)
        if answer is not None and not answer.restricted:
            return PageViewRestriction.objects.none()
        step = self.steplen
        ancestry = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        return PageViewRestriction.objects.filter(page__path__in=ancestry)


def story_to_serve(stories, request):
    """The one story of these to serve, with what every story page shows and
    the gate's answers for this reader, in one query; or None."""
    stories = stories.select_related("storyteller", "hero_image")
    story = asked_when_loaded(stories, request.user).first()
    if story is not None:
        remember_answers(story, request.user)
    return story


def published_stamp(page):
    """The page's last publish, as a cache key holds it."""
    return page.last_published_at.timestamp() if page.last_published_at else ""


def publishes_of(pages):
    """The newest publish among these pages and how many are live: one row."""
    return (
        Page.objects.filter(pages)
        .order_by()
        .annotate(every=Value(1))
        .values("every")
        .annotate(newest=Max("last_published_at"), live=Count("pk", filter=Q(live=True)))
        .values_list("newest", "live")
    )


def page_ids_linked_in(raw_data):
    """The ids of the pages that rich text anywhere in a StreamField's raw
    data links to, read without building its blocks (which fetch pictures)."""
    if isinstance(raw_data, str):
        if 'linktype="page"' not in raw_data:
            return set()
        return {
            int(found[1])
            for found in extract_references_from_rich_text(raw_data)
            if issubclass(found[0], Page) and str(found[1]).isdigit()
        }
    if isinstance(raw_data, dict):
        raw_data = raw_data.values()
    elif not isinstance(raw_data, (list, tuple)):
        return set()
    return set().union(*(page_ids_linked_in(item) for item in raw_data))


def taxonomy_named_on(story):
    """A story's themes (by name), age bands (youngest first) and partner
    organisations (by name), read in one query rather than three."""
    from types import SimpleNamespace

    from .taxonomy import AgeBand, Theme

    columns = ("group", "pk", "name", "code", "rank")
    themes = Theme.objects.filter(stories=story).annotate(
        group=Value("themes"), code=F("slug"), rank=Value(0)
    )
    age_bands = AgeBand.objects.filter(stories=story).annotate(
        group=Value("age_bands"), code=F("slug"), rank=F("sort_order")
    )
    partners = PartnerOrganisation.objects.filter(stories=story).annotate(
        group=Value("partners"), code=F("kind"), rank=Value(0)
    )
    named = {"themes": [], "age_bands": [], "partners": []}
    rows = (
        themes.order_by()
        .values_list(*columns)
        .union(
            age_bands.order_by().values_list(*columns),
            partners.order_by().values_list(*columns),
            all=True,
        )
    )
    for group, pk, name, code, rank in sorted(rows, key=lambda row: (row[4], row[2])):
        item = SimpleNamespace(pk=pk, name=name, slug=code, rank=rank)
        if group == "partners":
            kind = PartnerOrganisation.Kind(code)
            item.get_kind_display = kind.label
        named[group].append(item)
    return named


class HomePage(KeptForReaders, ViewRestrictionsByPath, Page):
    """The campaign's front door: what it is, a few stories, who it works with."""

    introduction = RichTextField(features=["bold", "italic", "link"])
    schools_heading = models.CharField(max_length=120, default="For schools")
    schools_text = models.TextField(blank=True)
    schools_link = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partners_heading = models.CharField(max_length=120, default="For partner organisations")
    partners_text = models.TextField(blank=True)
    partners_link = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "stories.StoryIndexPage",
        "stories.StandardPage",
        "stories.AudienceLandingPage",
        "stories.VisitRequestPage",
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        InlinePanel(
            "featured_stories",
            label="Featured story",
            heading="Featured stories",
            help_text="Chosen stories lead the home page; the newest fill it when none are chosen.",
            max_num=FEATURED_STORIES_MAX,
        ),
        MultiFieldPanel(
            [FieldPanel("schools_heading"), FieldPanel("schools_text"), FieldPanel("schools_link")],
            heading="Call to action for schools",
        ),
        MultiFieldPanel(
            [
                FieldPanel("partners_heading"),
                FieldPanel("partners_text"),
                FieldPanel("partners_link"),
            ],
            heading="Call to action for partner organisations",
        ),
    ]

    class Meta:
        verbose_name = "home page"

    def route(self, request, path_components):
        # A story (or its card) straight from its address, without loading its index.
        if len(path_components) in (2, 3):
            address = f"{self.url_path}{path_components[0]}/{path_components[1]}/"
            story = story_to_serve(StoryPage.objects.filter(url_path=address), request)
            if story is not None:
                return story.route(request, path_components[2:])
        # The story index, or else a plain page, in one query rather than a page
        # and then its specific type.
        if path_components:
            for page_type in (StoryIndexPage, StandardPage):
                child = page_type.objects.child_of(self).filter(slug=path_components[0]).first()
                if child is not None:
                    child._cached_parent_obj = self
                    return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def featured(self, user=None):
        """Chosen stories the reader may see, in the editor's order, else the
        newest they may see: one query, and one each for the cards' pictures and themes."""
        chosen = HomePageFeaturedStory.objects.filter(page=self.pk, story=OuterRef("pk"))
        newest = StoryPage.objects.live().filter(locale_id=self.locale_id)
        newest = newest.order_by("-first_published_at").values("pk")
        featured = list(
            with_card_data(visible_stories(user).filter(locale_id=self.locale_id))
            .filter(Q(Exists(chosen)) | Q(pk__in=newest[:FEATURED_CANDIDATES]))
            .annotate(chosen_as=Subquery(chosen.values("sort_order")[:1]))
            .order_by(F("chosen_as").asc(nulls_last=True), "-first_published_at")[
                : max(FEATURED_STORIES_MAX, FEATURED_STORIES_SHOWN)
            ]
        )
        if featured and featured[0].chosen_as is not None:
            return [story for story in featured if story.chosen_as is not None]
        return featured[:FEATURED_STORIES_SHOWN]

    def links_to_pages(self):
        """The calls to action's pages, in one query rather than one each."""
        wanted = [pk for pk in (self.schools_link_id, self.partners_link_id) if pk]
        pages = Page.objects.in_bulk(wanted) if wanted else {}
        return {
            "schools": pages.get(self.schools_link_id),
            "partners": pages.get(self.partners_link_id),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: a cached fragment that does not need them costs no queries.
        context["featured_stories"] = SimpleLazyObject(lambda: self.featured(request.user))
        context["links"] = SimpleLazyObject(self.links_to_pages)
        context["partners"] = PartnerOrganisation.objects.select_related("logo").prefetch_related(
            "logo__renditions"
        )
        context["story_index"] = SimpleLazyObject(
            lambda: StoryIndexPage.objects.child_of(self).live().first()
        )
        return context


class HomePageFeaturedStory(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_stories")
    story = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("story")]


class StoryIndexPage(KeptForReaders, ViewRestrictionsByPath, RoutablePageMixin, Page):
    """All the campaign's stories, newest first, filterable by theme and age band."""

    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    max_count = 1
    parent_page_types = ["stories.HomePage"]
    subpage_types = ["stories.StoryPage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    class Meta:
        verbose_name = "story index"

    def stories(self, user=None):
        return visible_stories(user).child_of(self).order_by("-first_published_at", "-pk")

    def route(self, request, path_components):
        # A story (or its card for other sites), with what every story page shows
        # and the gate's answers for this reader, in one query.
        if len(path_components) in (1, 2):
            stories = StoryPage.objects.child_of(self).filter(slug=path_components[0])
            story = story_to_serve(stories, request)
            if story is not None:
                story._cached_parent_obj = self
                return story.route(request, path_components[1:])
        return super().route(request, path_components)

    @path("")
    def index_view(self, request):
        form = StoryFilterForm(request.GET)
        page_of_stories = paginate(
            request,
            with_card_data(form.apply(self.stories(request.user))),
            STORIES_PER_PAGE,
            listing=f"{self.pk}?{form.querystring()}",
        )
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "selected_theme": form.selected()[0],
                "selected_age_band": form.selected()[1],
                "filter_querystring": form.querystring(),
                "stories": page_of_stories,
            },
        )

    @re_path(r"^[-\w]+/embed/$", name="embed_unavailable")
    def embed_unavailable_view(self, request):
        # Reached when no story has that slug: a frame gets the same answer as for a
        # story that may not be embedded (stories.embedding).
        return embed_unavailable(request)

    @re_path(r"^feed/$", name="feed")
    def feed_view(self, request):
        from .feeds import StoryFeed

        return StoryFeed(self)(request)


class StoryPage(KeptForReaders, ViewRestrictionsByPath, Page):
    """One storyteller's story, as consent allows it to be told."""

    summary = models.CharField(
        max_length=280, help_text="One or two sentences for listings, search and sharing."
    )
    storyteller = models.ForeignKey(
        "stories.Storyteller",
        on_delete=models.PROTECT,
        related_name="stories",
        help_text="Whose story this is. Their naming choice decides the name shown.",
    )
    hero_image = models.ForeignKey(
        "stories.StoryImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty for a story told in words only.",
    )
    content_notes = models.TextField(
        blank=True,
        help_text="One per line, e.g. “Describes a panic attack”. Shown before the story.",
    )
    body = StreamField(StoryBodyBlock())
    themes = ParentalManyToManyField("stories.Theme", blank=True, related_name="stories")
    age_bands = ParentalManyToManyField(
        "stories.AgeBand", blank=True, related_name="stories", verbose_name="suits"
    )
    partner_organisations = ParentalManyToManyField(
        "stories.PartnerOrganisation", blank=True, related_name="stories"
    )
    reading_time = models.PositiveSmallIntegerField(
        default=1, editable=False, help_text="Minutes, computed from the body."
    )
    for_public = models.BooleanField(
        "the public", default=True, help_text="Anyone, signed in or not."
    )
    for_schools = models.BooleanField(
        "schools", default=False, help_text="Signed-in members of registered schools."
    )
    for_partners = models.BooleanField(
        "partner organisations",
        default=False,
        help_text="Signed-in members of partner therapy groups and wellness organisations.",
    )
    classroom_pack = StreamField(
        ClassroomPackBlock(),
        blank=True,
        help_text="Teaching material printed with the story (stories.classroom_packs).",
    )
    has_classroom_pack = models.BooleanField(
        default=False, editable=False, db_index=True, help_text="Kept in step with the pack."
    )

    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        StoryConsentPanel(heading="Consent"),
        FieldPanel("summary"),
        ChooserFieldPanel("storyteller"),
        ChooserFieldPanel("hero_image"),
        FieldPanel("content_notes"),
        FieldPanel("body"),
        ReadingLevelPanel(heading="Reading level"),
        MultiFieldPanel(
            [FieldPanel("for_public"), FieldPanel("for_schools"), FieldPanel("for_partners")],
            heading="Who may read it",
            help_text="Consent must cover every audience chosen here.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("age_bands", widget=forms.CheckboxSelectMultiple),
                FieldPanel("partner_organisations", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Who it is for and who was involved",
        ),
        InlinePanel(
            "related_stories",
            label="Related story",
            heading="Related stories",
            help_text="Chosen here, or else stories sharing its themes.",
            max_num=3,
        ),
    ]
    classroom_pack_panels = [FieldPanel("classroom_pack", heading="Classroom pack")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(classroom_pack_panels, heading="Classroom pack"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        # Only the name the story shows: never the real name behind a pseudonym
        # or an anonymous story. Re-indexed when it changes (stories.search_index).
        index.RelatedFields("storyteller", [index.SearchField("shown_name", boost=1.5)]),
        index.FilterField("storyteller"),
    ]
    # What the API shows. Never the storyteller record: only the name consent allows.
    api_fields = [
        APIField("summary"),
        APIField("shown_name"),
        APIField("hero", serializer=PictureField("hero", source="hero_image")),
        APIField("hero_image_url", serializer=HeroImageURLField(source="hero_image")),
        APIField("content_note_list"),
        APIField("body"),
        APIField("theme_names"),
        APIField("reading_time"),
    ]

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"

    @property
    def shown_name(self):
        return self.storyteller.shown_name

    @property
    def audiences(self):
        return audiences_of(self)

    @property
    def theme_names(self):
        return [theme.name for theme in self.themes.all()]

    @cached_property
    def content_note_list(self):
        return [line.strip() for line in self.content_notes.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        problem = storyteller_problem(self)  # every translation, one storyteller
        if problem:
            raise ValidationError({"storyteller": problem})
        problem = clips_of_others_problem(self)
        if problem:
            raise ValidationError({"body": problem})

    def save(self, *args, **kwargs):
        self.reading_time = reading_time_minutes(text_of_stream(self.body.raw_data))
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "classroom_pack" in update_fields:
            self.has_classroom_pack = pack_is_filled(self.classroom_pack)
        if not self.goes_live_with_new_content(kwargs.get("update_fields")):
            return self.save_with_media_shown(*args, **kwargs)
        try:
            # Checked and saved while no withdrawal can commit (see consent_held_still).
            with consent_held_still(self):
                if self._state.adding:
                    return self.save_new_story_as_draft_unless_consented(*args, **kwargs)
                refuse_unconsented_publish(self)
                return self.save_with_media_shown(*args, **kwargs)
        except ConsentRefused as refusal:
            record_refusal(self, refusal.problems)  # the first went with the undone transaction
            raise

    def consent_media(self):
        """What the story shows besides words, for consent (stories.consent.subjects):
        its hero picture, then what the blocks of its body declare."""
        if self.hero_image_id:
            yield PICTURE, self.hero_image
        yield from declared_media(self.body)

    def save_with_media_shown(self, *args, **kwargs):
        """Save the row and, when its body is saved, the record of what it shows, together."""
        update_fields = kwargs.get("update_fields")
        with transaction.atomic():
            result = super().save(*args, **kwargs)
            if update_fields is None or "body" in update_fields:
                record_media_shown(self)
        return result

    def save_new_story_as_draft_unless_consented(self, *args, **kwargs):
        """A page created live (Wagtail's create-and-publish, or code) becomes a
        draft when consent does not cover it; the refusal is logged once it exists."""
        problems = publish_problems(self)
        if problems:
            self.live = False
            self.has_unpublished_changes = True
        result = self.save_with_media_shown(*args, **kwargs)
        if problems:
            record_refusal(self, problems)
        return result

    def goes_live_with_new_content(self, update_fields=None):
        """Whether this save puts content live that was not live before."""
        if not self.live:
            return False
        if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
            return False
        if self._state.adding or self.pk is None:
            return True
        before = StoryPage.objects.filter(pk=self.pk).values("live", "live_revision_id").first()
        return (
            before is None
            or not before["live"]
            or (before["live_revision_id"] != self.live_revision_id)
        )

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        return ConsentGuardedPublishAction(
            revision,
            user=user,
            changed=changed,
            log_action=log_action,
            previous_revision=previous_revision,
        ).execute(skip_permission_checks=skip_permission_checks)

    def copy(self, *args, keep_live=True, **kwargs):
        # A live copy is a new publication: the guard decides before anything is copied.
        if keep_live and self.live:
            refuse_unapproved_copy(self, user=kwargs.get("user"))
        return super().copy(*args, keep_live=keep_live, **kwargs)

    def create_alias(self, *args, **kwargs):
        if self.live:
            refuse_unconsented_publish(self, user=kwargs.get("user"))
        return super().create_alias(*args, **kwargs)

    def route(self, request, path_components):
        # `<story>/embed/`: the card other sites frame (stories.embedding).
        # Answered for drafts too, so a frame never tells a draft from nothing.
        if path_components == [EMBED_PATH.strip("/")]:
            return RouteResult(self, kwargs={"embed": True})
        # `<story>/pack.pdf`: the story and its classroom pack to print (stories.pack_pdf).
        if path_components == [PACK_PDF_PATH]:
            return RouteResult(self, kwargs={"pack_pdf": True})
        return super().route(request, path_components)

    def get_cached_paths(self):
        # A CDN purge on publish or unpublish reaches the card as well as the page.
        return ["/", EMBED_PATH, PACK_PDF_PATH]

    def serve(self, request, *args, embed=False, pack_pdf=False, **kwargs):
        if embed:
            # The same card for anyone, so kept like the page (see stories.page_cache).
            return keep_for_readers(serve_embed(self, request))
        # Consent can lapse between sweeps: check again before showing the story.
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        refusal = refusal_for(self, request)
        if refusal is not None:
            return refusal
        if pack_pdf:
            return serve_pack_pdf(self, request)
        with pictures_at_hand(self.pictures_in_body()):
            response = super().serve(request, *args, **kwargs)
            response.render()
        if not self.for_public:
            # Shown because of who is asking: no shared cache may keep it.
            patch_cache_control(response, private=True, no_store=True)
        return response

    def pictures_in_body(self):
        """The library pictures the live body shows, in one query (see StoryMedium)."""
        from .images import StoryImage

        return StoryImage.objects.filter(shown_in__story=self).distinct()

    def related_ids(self, theme_ids=None):
        """The ids of the stories editors chose as related, in their order, and
        of the newest RELATED_CANDIDATES stories in this one's language sharing
        a theme with it, those sharing most first, then the newest: by the
        live story's own themes, or by `theme_ids` (a preview's, as the editor
        left them).

        Ids before the gate, not an answer: they are kept in the shared cache
        for RELATED_RANKING_SECONDS under the story's own publish (which alone
        changes the chosen ones and its themes), and every reader's related
        stories are then put to the gate (`related`), so keeping them keeps
        nobody's story on show.
        """
        key = "related-ids:{}:{}:{}:{}".format(
            self.pk,
            self.locale_id,
            published_stamp(self),
            "live" if theme_ids is None else ",".join(str(pk) for pk in sorted(theme_ids)),
        )
        memo = self.__dict__.setdefault("_related_ids", {})
        kept = memo.get(key) or cache.get(key)
        if kept is None:
            if theme_ids is None:
                theme_ids = [theme.pk for theme in self.themes.all()]
            chosen = StoryPageRelatedStory.objects.filter(page=self.pk).order_by("sort_order")
            kept = (
                list(chosen.values_list("story_id", flat=True)),
                list(self.sharing_themes_ranked(theme_ids)) if theme_ids else [],
            )
            cache.set(key, kept, RELATED_RANKING_SECONDS)
        memo[key] = kept  # the page's parts and its related stories ask in one request
        return kept

    def linked_page_ids(self):
        """The ids of the pages the live body's rich text links to, kept in the
        shared cache under the story's publish, which alone changes them."""
        key = f"linked-pages:{self.pk}:{published_stamp(self)}"
        kept = cache.get(key)
        if kept is None:
            kept = sorted(page_ids_linked_in(list(self.body.raw_data)))
            cache.set(key, kept, LINKED_PAGES_SECONDS)
        return kept

    def shown_stories_stamp(self):
        """What the kept parts of this story's page (its head, body, related
        stories and language links) vary on besides the site generation
        (stories.caching): the publish of every page they may show. That is
        the story itself, its translations, the pages its body links to (a
        story narrowed to members is linked by id instead of by address) and
        every candidate for its related stories.

        A publish sets the page's `last_published_at` to now, so the newest of
        them changes whenever any of them is published again, with a new title
        or for fewer readers; whatever else changes what they show (consent,
        pictures, names, an unpublish, a move) starts a new site generation.
        One query, by primary key.
        """
        chosen, ranked = self.related_ids()
        linked = self.linked_page_ids()
        shown = list(self.publishes_shown(chosen, ranked, linked))
        newest = max((found for found, _live in shown if found), default=None)
        live = sum(live for _found, live in shown)
        which = hashlib.blake2b(repr((chosen, ranked, linked)).encode(), digest_size=8)
        return f"{newest.timestamp() if newest else ''}:{live}:{which.hexdigest()}"

    def publishes_shown(self, chosen, ranked, linked):
        """The query behind `shown_stories_stamp`: (newest publish, live
        count) of the pages it names, and of this story's translations.

        Two index scans in one query: asked as `pk IN (...) OR translation_key
        = ...`, PostgreSQL read every page (3 ms at 10,000 stories, now 0.3).
        """
        return publishes_of(Q(pk__in={self.pk, *chosen, *ranked, *linked})).union(
            publishes_of(Q(translation_key=self.translation_key)), all=True
        )

    def sharing_themes_ranked(self, theme_ids):
        """The query behind `related_ids`' ranking."""
        newest_sharing = (
            StoryPage.themes.through.objects.filter(theme_id__in=theme_ids)
            .filter(storypage__locale_id=self.locale_id)  # in the reader's language
            .exclude(storypage_id=self.pk)
            .order_by("-storypage_id")
            .values("storypage_id")[:RELATED_CANDIDATES]
        )
        return (
            StoryPage.themes.through.objects.filter(
                theme_id__in=theme_ids, storypage_id__in=newest_sharing
            )
            .values("storypage_id")
            .annotate(shared=Count("theme_id"))
            .order_by("-shared", "-storypage_id")
            .values_list("storypage_id", flat=True)
        )

    def related_candidates(self, user, theme_ids, chosen_ids, ranked, weighed=None):
        """The query behind `related`: the chosen stories first, in their order,
        then by shared themes among the stories sharing one (`related_ids`).

        The gate is asked of a few stories only: the RELATED_BEST_PLACED
        sharing most themes, and the chosen ones, each by its compiled
        question (stories.compiled_questions), found by their ids (as
        `chosen OR ranked`, PostgreSQL read every story). Asking it of every
        candidate cost 70 ms of a story page's 78 at 10,000 stories. With
        `weighed=RELATED_CANDIDATES`, every candidate is put to the gate, for
        when too few of the best placed may be shown to this reader.
        """
        chosen_as = (
            Case(*(When(pk=pk, then=Value(place)) for place, pk in enumerate(chosen_ids)))
            if chosen_ids
            else Value(None, output_field=models.IntegerField())
        )
        return (
            with_card_data(StoryPage.objects.filter(gate_allows(reader_audiences(user))))
            .exclude(pk=self.pk)
            .filter(pk__in=[*chosen_ids, *ranked[: weighed or RELATED_BEST_PLACED]])
            .annotate(
                chosen_as=chosen_as,
                shared_themes=Count("themes", filter=Q(themes__in=theme_ids), distinct=True),
            )
            .order_by(F("chosen_as").asc(nulls_last=True), "-shared_themes", "-first_published_at")[
                :RELATED_STORIES_SHOWN
            ]
        )

    def related(self, user=None, theme_ids=None):
        """Chosen related stories the reader may see, else those sharing most
        themes, newest first: one query, and one each for the cards' pictures
        and themes (and one more when too few of the best placed may be shown)."""
        if theme_ids is None:
            theme_ids = [theme.pk for theme in self.themes.all()]
        if "related_stories" in getattr(self, "_cluster_related_objects", {}):
            # Chosen in memory and not saved yet (a preview): in the editor's order.
            chosen_ids = [item.story_id for item in self.related_stories.all() if item.story_id]
            visible = with_card_data(visible_stories(user)).in_bulk(chosen_ids)
            in_order = [visible[pk] for pk in chosen_ids if pk in visible and pk != self.pk]
            if in_order:
                return in_order
            chosen_ids, ranked = [], self.related_ids(theme_ids)[1]
        else:
            chosen_ids, ranked = self.related_ids()
        related = list(self.related_candidates(user, theme_ids, chosen_ids, ranked))
        if related and related[0].chosen_as is not None:
            return [story for story in related if story.chosen_as is not None]
        if len(related) < RELATED_STORIES_SHOWN and theme_ids:
            weighed = self.related_candidates(
                user, theme_ids, chosen_ids, ranked, RELATED_CANDIDATES
            )
            related = list(weighed)
        return related

    @property
    def index_url(self):
        """Its story index's address, from its own: no query for the parent."""
        url = self.url
        if not url or not url.endswith(f"/{self.slug}/"):
            return self.get_parent().url
        return url[: -len(self.slug) - 1]

    def named_on_page(self, request):
        """The themes, age bands and partner organisations the page names:
        for the live page in one query, for a preview as the editor left them."""
        if getattr(request, "is_preview", False) or self.pk is None:
            return {
                "themes": list(self.themes.all()),
                "age_bands": list(self.age_bands.all()),
                "partners": list(self.partner_organisations.all()),
            }
        return taxonomy_named_on(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        named = SimpleLazyObject(lambda: self.named_on_page(request))
        context["named"] = named
        context["related_stories"] = SimpleLazyObject(
            lambda: self.related(request.user, theme_ids=[theme.pk for theme in named["themes"]])
        )
        context["shown_stories_stamp"] = SimpleLazyObject(self.shown_stories_stamp)
        context["embedding"] = SimpleLazyObject(lambda: embedding_of(self, request))
        # Teachers choose stories by reading level; the pack's PDF where there is a pack.
        context["reading_level"] = reading_level_for(self, request.user)
        if self.has_classroom_pack and not getattr(request, "is_preview", False):
            context["pack_pdf_url"] = pack_pdf_url(self)
        return context


class StoryPageRelatedStory(Orderable):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="related_stories")
    story = models.ForeignKey(StoryPage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("story")]


class StandardPage(KeptForReaders, ViewRestrictionsByPath, Page):
    """A plain page: about the campaign, privacy, safeguarding."""

    introduction = models.TextField(blank=True)
    body = StreamField(StandardBodyBlock(), blank=True)

    parent_page_types = ["stories.HomePage", "stories.StandardPage"]
    subpage_types = ["stories.StandardPage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "standard page"

    def story_card_ids(self):
        """The stories the body's cards lead to, read from the saved body without queries."""
        kinds = self.body.stream_block.child_blocks
        return [
            item["value"]
            for item in self.body.raw_data
            if isinstance(kinds.get(item["type"]), StoryCardBlock) and item["value"]
        ]

    def serve(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        # Every card's story asked of the gate at once, not one card at a time.
        asked = self.story_card_ids()
        visible = []
        if asked:
            visible = with_card_data(visible_stories(request.user)).filter(pk__in=asked)
        with stories_at_hand(asked, visible):
            response = super().serve(request, *args, **kwargs)
            response.render()
        return response
