"""Who may read a story: one type for pages, consent, readers, listings and caches."""

from django.db import models


class Audience(models.TextChoices):
    """An audience a story is for and a consent covers (its values name the
    `for_<audience>` fields of stories and consent records)."""

    PUBLIC = "public", "the public"
    SCHOOLS = "schools", "schools"
    PARTNERS = "partners", "partner organisations"


# Readers who belong to an organisation and sign in to read.
MEMBER_AUDIENCES = (Audience.SCHOOLS, Audience.PARTNERS)
