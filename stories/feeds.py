"""The stories feed (Atom) at /stories/feed/, for readers and partner sites.

Feeds are read anonymously, so they list only what the gate shows a member
of the public.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .visibility import visible_stories

FEED_LENGTH = 20


class StoryFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title} · Histories & Smiles"

    def link(self):
        return self.index_page.get_url(self.request)

    def subtitle(self):
        return "New stories from the Histories & Smiles campaign."

    def items(self):
        return (
            visible_stories(None)
            .child_of(self.index_page)
            .select_related("storyteller")
            .order_by("-first_published_at")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_author_name(self, item):
        return item.shown_name

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
