"""A story's entry in the search index follows the name it shows.

A story is indexed with its storyteller's shown name (StoryPage.search_fields),
which lives on the storyteller: Wagtail re-indexes the storyteller when it is
saved, not the stories showing its name. When consent narrows the name (a
storyteller choosing a pseudonym on their own page, an officer recording
narrower consent, an editor changing how they are named), each of their
stories is indexed again at once, so the old name finds nothing.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.search import index

from .pages import StoryPage
from .storytellers import Storyteller

NAME_FIELDS = {"naming", "first_name", "last_name", "pseudonym"}


@receiver(post_save, sender=Storyteller, dispatch_uid="reindex-stories-under-their-name")
def reindex_stories_under_the_name_shown(sender, instance, created, raw=False, **kwargs):
    update_fields = kwargs.get("update_fields")
    if created or raw or (update_fields is not None and not NAME_FIELDS & set(update_fields)):
        return
    for story in StoryPage.objects.filter(storyteller=instance).select_related("storyteller"):
        story.storyteller = instance  # the name as just saved
        index.insert_or_update_object(story)
