"""Admin views for consent officers: withdraw consent, erase on request, open evidence."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from ..storytellers import Storyteller
from . import story_takedown
from .audit import EVIDENCE_VIEWED
from .permissions import WITHDRAW_CONSENT, may_take_stories_down
from .records import ConsentRecord
from .subjects import subject_model
from .withdrawal import WithdrawalError, forget_storyteller, withdraw_consent


class WithdrawConsentForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In the storyteller's words, as they told you.",
    )
    erase = forms.BooleanField(
        required=False,
        label="They also asked to be forgotten",
        help_text=(
            "Deletes their stories, revisions, pictures and personal data. "
            "Only the reference code and the record of withdrawal remain. This cannot be undone."
        ),
    )
    confirm = forms.BooleanField(
        label="I confirm the storyteller (or their guardian) withdrew consent",
    )


@permission_required("stories.withdraw_consent", raise_exception=True)
def withdraw(request, pk):
    storyteller = get_object_or_404(Storyteller, pk=pk)
    form = WithdrawConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = withdraw_consent(
                storyteller.reference,
                form.cleaned_data["reason"],
                user=request.user,
                erase=form.cleaned_data["erase"],
            )
        except WithdrawalError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Consent of {report.reference} withdrawn. " + " ".join(report.done),
            )
            return redirect("wagtailsnippets_stories_storyteller:edit", storyteller.pk)
    return render(
        request,
        "stories/admin/withdraw_consent.html",
        {"storyteller": storyteller, "form": form, "stories": storyteller.stories.all()},
    )


class EraseStorytellerForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The request, as the storyteller (or their guardian) made it.",
    )
    confirm = forms.BooleanField(
        label="I confirm the storyteller (or their guardian) asked to be forgotten",
        help_text="This cannot be undone.",
    )


@permission_required("stories.withdraw_consent", raise_exception=True)
def erase(request, pk):
    """Erasure on request, for anyone: consent in force, withdrawn, ended or never given."""
    storyteller = get_object_or_404(Storyteller, pk=pk)
    form = EraseStorytellerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = forget_storyteller(
                storyteller.reference, form.cleaned_data["reason"], user=request.user
            )
        except WithdrawalError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{report.reference} erased. " + " ".join(report.done))
            return redirect("wagtailsnippets_stories_storyteller:edit", storyteller.pk)
    return render(
        request,
        "stories/admin/erase_storyteller.html",
        {"storyteller": storyteller, "form": form, "stories": storyteller.stories.all()},
    )


@permission_required("stories.view_private_consent", raise_exception=True)
def evidence(request, pk):
    """Stream a record's evidence to a consent officer, and log that they opened it."""
    record = get_object_or_404(ConsentRecord, pk=pk)
    if not record.evidence:
        raise Http404("This consent record has no evidence file.")
    log(instance=record.storyteller, action=EVIDENCE_VIEWED, user=request.user, data={"record": pk})
    return FileResponse(
        record.evidence.open("rb"),
        as_attachment=True,
        filename=record.evidence.name.rsplit("/", 1)[-1],
    )


class TakeStoryDownForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why the story must come down. Recorded in the audit log with your name.",
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("This field is required.")
        return reason


def story_or_404(pk):
    return get_object_or_404(subject_model().objects.select_related("storyteller"), pk=pk)


@permission_required(WITHDRAW_CONSENT, raise_exception=True)
def take_story_down(request, pk):
    """One story out of reach, with a reason, while the storyteller's consent stands."""
    story = story_or_404(pk)
    form = TakeStoryDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = story_takedown.take_story_down(
                story, form.cleaned_data["reason"], user=request.user
            )
        except story_takedown.StoryTakeDownError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(request, f"“{story.title}” taken down. " + " ".join(done))
            return redirect("stories_story_overview", story.pk)
    return render(request, "stories/admin/take_story_down.html", {"story": story, "form": form})


@permission_required("stories.view_storypage", raise_exception=True)
def story_overview(request, pk):
    """A story as those who may not edit it see it: its state, consent and history, read-only."""
    story = story_or_404(pk)
    perms = story.permissions_for_user(request.user)
    entries = (
        PageLogEntry.objects.filter(page=story).select_related("user").order_by("-timestamp")[:20]
    )
    latest = story.get_latest_revision()
    return render(
        request,
        "stories/admin/story_overview.html",
        {
            "story": story,
            "entries": entries,
            "latest": latest,
            "can_edit": perms.can_edit(),
            "can_take_down": may_take_stories_down(request.user),
            "taken_down_because": story_takedown.reason_given(story),
            "workflow_state": story.current_workflow_state,
        },
    )
