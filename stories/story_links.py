"""Links in rich text to stories for members, without naming the story.

A rich-text link is rendered the same for every reader, so it cannot ask who
is reading. A link to a story for the public keeps the story's address. A
link to a story for members leads to `/read/<id>/`, which asks the gate: a
reader who may read the story is sent on to it, a signed-out visitor goes to
the sign-in page when signing in could help, and anyone else gets 404. So a
story's slug, often its title in other words, never reaches a page read by
someone outside its audiences.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_safe
from wagtail.rich_text.pages import PageLinkHandler

from .pagination import could_be_id_of
from .visibility import refusal_for


class GatedPageLinkHandler(PageLinkHandler):
    """Wagtail's page link, except for stories meant for members only."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [cls.opening_tag(page) for page in cls.get_many(attrs_list)]

    @staticmethod
    def opening_tag(page):
        from .pages import StoryPage

        if page is None:
            return "<a>"
        if isinstance(page, StoryPage) and not page.for_public:
            return format_html('<a href="{}">', reverse("story_link", args=[page.pk]))
        return format_html('<a href="{}">', page.localized.url)


@require_safe
def follow_story_link(request, pk):
    """On to the story for those who may read it, and no further for others."""
    from .pages import StoryPage

    story = StoryPage.objects.filter(pk=pk).first() if could_be_id_of(StoryPage, pk) else None
    if story is None:
        raise Http404("No such story.")
    return refusal_for(story, request) or redirect(story.url)
