"""Links into the admin that the person reading them may follow.

A link that answers "Sorry, you do not have permission" is a dead end: the
admin's panels, reports and dashboard ask here which page of a story (or a
storyteller) to link to, and show plain text when there is none.
"""

from django.urls import reverse


def story_admin_url(story, user):
    """The story's edit view for those who may edit it, its read-only overview
    for those who may read stories (consent officers), otherwise None."""
    if story.permissions_for_user(user).can_edit():
        return reverse("wagtailadmin_pages:edit", args=[story.pk])
    if user.has_perm("stories.view_storypage"):
        return reverse("stories_story_overview", args=[story.pk])
    return None


def storyteller_admin_url(storyteller_id, user):
    """The storyteller's page, for those who may change storytellers (consent
    officers). Editors and reviewers may list storytellers but not open one:
    its page shows real identity and consent evidence."""
    if user.has_perm("stories.change_storyteller"):
        return reverse("wagtailsnippets_stories_storyteller:edit", args=[storyteller_id])
    return None
