"""Keeping the search index true to what was published.

Wagtail indexes a page when it is saved, which happens before the themes
chosen in the revision are stored; re-indexing a story once it is published
makes its themes searchable at once.
"""

from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published

from .pages import StoryPage


@receiver(page_published, sender=StoryPage)
def index_published_story_with_its_themes(sender, instance, **kwargs):
    index.insert_or_update_object(instance)
