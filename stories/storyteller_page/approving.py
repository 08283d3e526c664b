"""The storyteller reads the exact version of their story that would be
published, and says yes or asks for a change (consent.approvals).

Both pages open only through `access.storyteller_view` (an open link and a
verified session), only for the link's own storyteller's stories (anyone
else's story answers the same 404), and are never cached. The story is
shown as readers would see it: the latest revision rendered by the story's
own template, as Wagtail renders a preview, in a frame of this page.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from ..consent.approvals import ApprovalRefused, approve, ask_for_change, waiting_task_state
from ..consent.subjects import PICTURE, RECORDINGS, subject_model
from .access import not_found, storyteller_view
from .links import may_act_for_minor

APPROVE = "approve"
CHANGE = "change"


class DecisionForm(forms.Form):
    """One of the two answers, for the revision the storyteller was shown."""

    decision = forms.ChoiceField(choices=[(APPROVE, APPROVE), (CHANGE, CHANGE)])
    revision = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="What would you like us to change?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == CHANGE and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Please tell us what you would like to change.")
        return cleaned


def own_story(link, story_id):
    """The story, if it is this link's storyteller's; else None (the same 404)."""
    return subject_model().objects.filter(pk=story_id, storyteller_id=link.storyteller_id).first()


@storyteller_view
def approve_story(request, link, story_id):
    story = own_story(link, story_id)
    if story is None:
        return not_found(request)
    revision = story.get_latest_revision()
    form = DecisionForm(initial={"revision": revision.pk if revision else None})
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid():
            return decide(request, link, story, form)
    return render(
        request,
        "storyteller_page/approve.html",
        {
            "link": link,
            "story": story,
            "shown": revision.as_object() if revision else story,
            "revision": revision,
            "waiting": waiting_task_state(story) is not None,
            "may_decide": may_act_for_minor(link),
            "form": form,
            "token": request.storyteller_page_token,
        },
    )


def decide(request, link, story, form):
    revision = story.revisions.filter(pk=form.cleaned_data["revision"]).first()
    try:
        if form.cleaned_data["decision"] == APPROVE:
            approve(story, revision, link)
            said = (
                f"Thank you. You said yes to “{story.title}”. "
                "A member of the team will do a last check, then share it."
            )
        else:
            ask_for_change(story, revision, link, form.cleaned_data["comment"])
            said = (
                f"Thank you. We have sent your words about “{story.title}” to the team. "
                "We will ask you again when it has been changed."
            )
    except ApprovalRefused as refusal:
        messages.error(request, str(refusal))
        return redirect("storyteller_page_approve", request.storyteller_page_token, story.pk)
    messages.success(request, said)
    return redirect("storyteller_page", request.storyteller_page_token)


@xframe_options_sameorigin
@storyteller_view
def story_as_readers_see_it(request, link, story_id):
    """The latest version, rendered as Wagtail renders a preview: never cached,
    never indexed, for this storyteller's session only."""
    story = own_story(link, story_id)
    revision = story.get_latest_revision() if story else None
    if revision is None:
        return not_found(request)
    return revision.as_object().make_preview_request(original_request=request)


def storyteller_reviews(request, wanted):
    """Whether this request comes from a storyteller's open page whose own
    stories show, in their latest version, a (medium, item) that `wanted`
    picks out: so that they see and hear what the version they are asked to
    approve shows, drafts included. Only for a fresh, verified session of an
    open link (access.py)."""
    from .access import SESSION_KEY, session_opens
    from .links import StorytellerLink, is_open

    held = getattr(request, "session", None) and request.session.get(SESSION_KEY)
    if not isinstance(held, dict):
        return False
    link = StorytellerLink.objects.select_related("storyteller").filter(pk=held.get("link")).first()
    if link is None or not is_open(link) or not session_opens(request, link):
        return False
    for story in subject_model().objects.filter(storyteller_id=link.storyteller_id):
        shown = story.get_latest_revision_as_object()
        if any(wanted(medium, item) for medium, item in shown.consent_media() if item is not None):
            return True
    return False


def storyteller_sees_picture(request, image):
    """A picture of a version their storyteller is asked to approve (`storyteller_reviews`)."""
    return storyteller_reviews(
        request, lambda medium, item: medium == PICTURE and item.pk == image.pk
    )


def storyteller_hears_clip(request, clip):
    """A voice or video clip of a version their storyteller is asked to approve."""
    return storyteller_reviews(
        request, lambda medium, item: medium in RECORDINGS and item.pk == clip.pk
    )
