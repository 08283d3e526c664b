"""Changes outside consent that can uncover a live story, and their answer.

A storyteller's naming choice or date of birth (a consent they gave alone
turns out to have been a minor's), or an image marked as showing a
recognisable person, changes what live stories show or what consent covers
without anyone publishing. When that takes a story outside its consent, it
comes down at once, as on expiry.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import ReferenceIndex

from ..images import StoryImage
from ..storytellers import Storyteller
from .expiry import recheck
from .guard import stories_showing_photos_of
from .subjects import subject_model


@receiver(post_save, sender=Storyteller)
def recheck_stories_of_storyteller(sender, instance, created, raw=False, **kwargs):
    """Any change to a storyteller re-checks their live stories, and the
    stories of others whose photos show them."""
    if created or raw:
        return
    recheck(instance.stories.all())
    recheck(stories_showing_photos_of(instance))


@receiver(post_save, sender=StoryImage)
def recheck_stories_showing_image(sender, instance, created, raw=False, **kwargs):
    if created or raw or not instance.shows_identifiable_person:
        return
    page_ids = [
        int(reference.object_id)
        for reference in ReferenceIndex.get_references_to(instance)
        if reference.base_content_type.model == "page"
    ]
    recheck(subject_model().objects.filter(pk__in=page_ids))
