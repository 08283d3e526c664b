"""Landing pages for the campaign's channels: schools, and partner organisations.

The home page's two calls to action lead here. Each page says what the
campaign offers that audience and how their organisation gets accounts (in
blocks editors write), lists the classroom packs the reader may see grouped
by age band, and leads to the visit request form.

The listing is asked of the gate for the reader looking
(`stories.classroom_packs.stories_with_packs`), so a teacher sees the packs
of schools stories, the public those of public stories only, and a story
withdrawn, narrowed or expired leaves the listing at once. The page is kept
by the page cache per audience like every other page.
"""

from django.db import models
from django.db.models import Prefetch
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .page_cache import KeptForReaders
from .pages import ViewRestrictionsByPath
from .taxonomy import AgeBand


class LandingSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text="A short heading, e.g. “What we offer”.")
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul", "h3"])

    class Meta:
        template = "blocks/landing_section.html"
        icon = "doc-full"
        label = "Section"
        description = "A heading and its text: what the campaign offers, how accounts work."
        preview_value = {
            "heading": "What the campaign offers you",
            "text": "<p>Stories told by patients, with classroom packs for teachers.</p>",
        }


class LandingBodyBlock(blocks.StreamBlock):
    """The body of a landing page: sections an editor writes."""

    section = LandingSectionBlock()


class AudienceLandingPage(KeptForReaders, ViewRestrictionsByPath, Page):
    """What the campaign offers schools, or partner organisations, and how to start.

    One page per audience, under home; the home page's calls to action point
    at them. The packs listed come from the gate, for the reader looking.
    """

    SCHOOLS = "schools"
    PARTNERS = "partners"
    AUDIENCE_CHOICES = [
        (SCHOOLS, "Schools"),
        (PARTNERS, "Partner organisations (therapy groups, wellness organisations)"),
    ]

    audience = models.CharField(
        max_length=20,
        choices=AUDIENCE_CHOICES,
        help_text="Who the page speaks to.",
    )
    introduction = models.TextField(blank=True)
    body = StreamField(
        LandingBodyBlock(),
        blank=True,
        help_text="What the campaign offers them, how their organisation gets accounts.",
    )
    packs_heading = models.CharField(max_length=120, default="Classroom packs by age band")
    packs_introduction = models.TextField(
        blank=True, help_text="Shown above the packs; the list itself is made for each reader."
    )
    visit_request_page = models.ForeignKey(
        "stories.VisitRequestPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The form the page's “Request a visit” leads to.",
    )
    visit_request_text = models.TextField(
        blank=True, help_text="A sentence or two above the “Request a visit” link."
    )

    parent_page_types = ["stories.HomePage"]
    subpage_types = ["stories.VisitRequestPage"]
    template = "stories/audience_landing_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("audience"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("packs_heading"),
        FieldPanel("packs_introduction"),
        FieldPanel("visit_request_page"),
        FieldPanel("visit_request_text"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "audience landing page"

    def packs_by_age_band(self, user=None):
        """[(age band, [stories])] of the packs this reader may see, in this
        page's language, youngest band first, bands without packs left out:
        one query for the stories, one for their age bands."""
        from .classroom_packs import stories_with_packs

        stories = (
            stories_with_packs(user)
            # In the page's own language: a translated story is listed on
            # the landing page of its translation's language.
            .filter(locale_id=self.locale_id)
            .order_by("title")
            .prefetch_related(Prefetch("age_bands", queryset=AgeBand.objects.order_by()))
        )
        grouped = {}
        for story in stories:
            for band in story.age_bands.all():
                grouped.setdefault(band.pk, (band, []))[1].append(story)
        return sorted(grouped.values(), key=lambda item: (item[0].sort_order, item[0].name))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["packs_by_age_band"] = self.packs_by_age_band(request.user)
        visit = self.visit_request_page
        context["visit_request"] = visit if visit is not None and visit.live else None
        return context
