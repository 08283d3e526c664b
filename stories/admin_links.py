"""Links into the admin that the person reading them may follow.

A link that answers "Sorry, you do not have permission" is a dead end: the
admin's panels, reports and dashboard ask here which page of a story (or a
storyteller) to link to, and show plain text when there is none.
"""

from django.urls import reverse
from wagtail.admin.panels import FieldPanel

from .consent.permissions import may_take_stories_down


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


class ChooserFieldPanel(FieldPanel):
    """A chooser (storyteller, picture) whose "Edit this …" link is shown only
    to those who may change what it links to: editors and reviewers choose
    storytellers but may not open one, reviewers may not change pictures."""

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            field = getattr(self.bound_field, "field", None)
            widget = getattr(field, "widget", None)
            model = getattr(getattr(field, "queryset", None), "model", None)
            if widget is not None and model is not None and hasattr(widget, "show_edit_link"):
                # The form's fields and widgets are this request's own copies.
                widget.show_edit_link = widget.show_edit_link and may_change_any(
                    self.request.user, model
                )


def may_change_any(user, model):
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(model)
    if policy is None:
        opts = model._meta
        return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    return policy.user_has_permission(user, "change")


def take_down_link(story, user):
    """(URL, words) of the story's take-down for those who may, else (None, "")."""
    if story.live and may_take_stories_down(user):
        return reverse("stories_take_story_down", args=[story.pk]), "Take this story down…"
    return None, ""
