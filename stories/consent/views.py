"""Admin views for consent officers: withdraw consent, erase on request, open evidence."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from wagtail.log_actions import log

from ..storytellers import Storyteller
from .audit import EVIDENCE_VIEWED
from .records import ConsentRecord
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
