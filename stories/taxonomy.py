"""How stories are grouped for readers: themes chosen by editors, age bands fixed."""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Theme(index.Indexed, models.Model):
    """An editor-managed theme ("Dental anxiety", "Trauma recovery") readers filter by.

    A taxonomy rather than free tags, so one idea has one name and the index
    filter stays short.
    """

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, blank=True)
    description = models.TextField(blank=True, help_text="Shown to readers on filtered listings.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class AgeBand(models.Model):
    """Who a story suits: primary pupils, secondary pupils, adults.

    A fixed list, created by migration; teachers filter by it.
    """

    PRIMARY = "primary"
    SECONDARY = "secondary"
    ADULT = "adult"
    DEFAULTS = [
        (PRIMARY, "Primary school (5–11)"),
        (SECONDARY, "Secondary school (11–18)"),
        (ADULT, "Adults"),
    ]

    slug = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=60)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return self.name
