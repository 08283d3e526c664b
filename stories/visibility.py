"""The one gate: which stories a reader may see, now.

Every listing, the search, the feed, the sitemap, the home page's featured
stories and related stories ask this module and nothing else. Today a story
is visible when it is live and carries no view restriction; consent and
audiences will narrow it here, in one place.
"""


def visible_stories(user=None):
    """Stories this reader may see now, as a queryset of StoryPage."""
    from .pages import StoryPage

    return StoryPage.objects.live().public()


def is_story_visible(story, user=None):
    """Whether this one story may be shown to this reader now."""
    return visible_stories(user).filter(pk=story.pk).exists()
