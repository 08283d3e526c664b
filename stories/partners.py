"""Partner organisations: the schools, therapy groups and wellness organisations
that read and share the campaign's stories."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .audiences import Audience


class PartnerOrganisation(index.Indexed, models.Model):
    """A school, therapy group or wellness organisation the campaign works with.

    Their logos appear on the home page; stories name the ones involved.
    Their members sign in to read the stories meant for schools or partners
    (see stories.readers), and their API tokens syndicate stories whose
    consent allows it.
    """

    class Kind(models.TextChoices):
        SCHOOL = "school", "School"
        THERAPY_GROUP = "therapy_group", "Therapy group"
        WELLNESS = "wellness", "Wellness organisation"

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    logo = models.ForeignKey(
        "stories.StoryImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(blank=True)
    contact_email = models.EmailField(
        blank=True,
        help_text="Where to tell them when a story they received is withdrawn.",
    )
    is_suspended = models.BooleanField(
        "suspended",
        default=False,
        help_text=(
            "Locks every member out at once, and stops the organisation's API tokens. "
            "Untick to let them back in."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("contact_email"),
        FieldPanel("is_suspended"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("kind"),
        index.FilterField("is_suspended"),
    ]

    class Meta:
        ordering = ["name"]
        permissions = [("manage_api_tokens", "Can create and revoke API tokens")]

    def __str__(self):
        return self.name

    @property
    def audience(self):
        """The reader audience its members belong to: schools or partners."""
        return Audience.SCHOOLS if self.kind == self.Kind.SCHOOL else Audience.PARTNERS
