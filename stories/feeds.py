"""The stories feed (Atom) at /stories/feed/, for readers and partner sites.

One feed per language: each story index lists its own stories, so
/stories/feed/ is the English feed and /es/historias/feed/ (the Spanish
index's address) the Spanish one, each in its language (`xml:lang`).

Feeds are read anonymously, so they list only what the gate shows a member
of the public. Every link in it is at the site's one address (SITE_URL),
whatever host the feed was fetched from: feed readers keep those links.
"""

import uuid

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from .crawlers import public_url
from .visibility import visible_stories

FEED_LENGTH = 20


def permanent_id(page):
    """The Atom id of a page: `urn:uuid:` and the page's translation key.

    An entry's id must never change (RFC 4287 §4.2.6): a feed reader that
    meets a new id shows the story again as new. Wagtail gives every page a
    random UUID when it is created (its translation key) and keeps it for good:
    through slug changes, moves, withdrawal and republishing, a new SITE_URL
    or domain, and whatever host the feed was read on. An id built from the
    address (a `tag:` URI from SITE_URL's host) would change with the domain;
    the key changes with nothing. A translation shares its original's key, so
    in a language other than the site's first, the id is a name-based UUID of
    the key and the language (RFC 4122 version 5): as permanent, and distinct.
    """
    language = page.locale.language_code
    if language == settings.LANGUAGE_CODE:
        return f"urn:uuid:{page.translation_key}"
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(str(page.translation_key)), language)}"


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
        return public_url(self.index_page.get_url(self.request))

    def feed_url(self):
        return public_url(self.request.path)

    def feed_guid(self):
        return permanent_id(self.index_page)

    def subtitle(self):
        return gettext("New stories from the Histories & Smiles campaign.")

    def items(self):
        return (
            visible_stories(None)
            .child_of(self.index_page)
            .select_related("storyteller", "locale")
            .order_by("-first_published_at")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return public_url(item.get_url(self.request))

    def item_guid(self, item):
        return permanent_id(item)

    def item_author_name(self, item):
        return item.shown_name

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
