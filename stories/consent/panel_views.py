"""The consent panel as the editor fills in the form, before anything is saved.

The panel's script (static/stories/admin/story_consent_panel.js) asks here
whenever the storyteller, the audiences, the hero picture or the go-live date
change, and puts the fragment in place of the panel's contents. Pictures in the
body are judged as last saved (the panel says so).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .panels import describe_story_consent
from .policy import AUDIENCES
from .subjects import is_subject, subject_model


def chosen_go_live(value):
    """The go-live the form holds (as Wagtail's date-time widget writes it), or None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)) is not None:
            moment = timezone.datetime.combine(day, timezone.datetime.min.time())
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def story_as_chosen(request):
    """The story as saved (or a new one), with the storyteller, audiences, hero
    picture and go-live date the form currently holds."""
    from ..images import StoryImage
    from ..storytellers import Storyteller

    story = subject_model()()
    story_id = request.GET.get("story", "")
    if story_id.isdigit():
        page = Page.objects.filter(pk=int(story_id)).first()
        if page is not None and is_subject(page.specific_deferred):
            story = page.specific.get_latest_revision_as_object()
    storyteller_id = request.GET.get("storyteller", "")
    story.storyteller = (
        Storyteller.objects.filter(pk=int(storyteller_id)).first()
        if storyteller_id.isdigit()
        else None
    )
    for audience in AUDIENCES:
        setattr(story, f"for_{audience}", request.GET.get(f"for_{audience}") in ("on", "true"))
    if "hero_image" in request.GET:
        hero_id = request.GET["hero_image"]
        story.hero_image = (
            StoryImage.objects.filter(pk=int(hero_id)).first() if hero_id.isdigit() else None
        )
    story.go_live_at = chosen_go_live(request.GET.get("go_live_at"))
    return story


@require_GET
def story_consent_panel(request):
    """The panel's contents for the choices in the form (admin users who may see storytellers)."""
    user = request.user
    if not (
        user.has_perm("stories.view_storyteller") or user.has_perm("stories.change_storyteller")
    ):
        raise PermissionDenied
    context = describe_story_consent(story_as_chosen(request))
    return render(
        request, "stories/admin/story_consent_panel.html", {**context, "fragment_only": True}
    )
