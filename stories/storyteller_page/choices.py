"""The storyteller's choices on their own page: withdraw, narrow, give consent.

Each screen says exactly what will happen before anything does; every
change is a POST with CSRF, and none needs JavaScript. The work itself is
the consent core's (stories.consent.self_service): these views only ask,
confirm and report, in plain words.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone

from ..consent.policy import AUDIENCE_LABELS, AUDIENCES, add_years, long_date
from ..consent.records import DEFAULT_YEARS, ConsentRecord, current_record
from ..consent.self_service import (
    AGREEMENT_PARAGRAPHS,
    PSEUDONYM_MAX_LENGTH,
    NarrowingError,
    WithdrawalError,
    consent_on_own_page,
    latest_expiry,
    narrow_on_own_page,
    record_in_force,
    withdraw_on_own_page,
)
from ..naming import NamingChoice
from .access import storyteller_view
from .links import StorytellerLink, may_act_for_minor


def token_of(request):
    return request.resolver_match.kwargs["token"]


def page_context(request, link, **extra):
    return {"link": link, "token": token_of(request), **extra}


def their_live_stories(storyteller):
    from ..pages import StoryPage

    return list(StoryPage.objects.live().filter(storyteller=storyteller).order_by("title"))


class PlainForm(forms.Form):
    """Labels without a trailing colon; messages in plain words."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# Withdraw


class WithdrawForm(PlainForm):
    reason = forms.CharField(
        label="Why are you withdrawing? (you do not have to say)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only our consent officers will read this. It is never shown on the site.",
    )
    erase = forms.BooleanField(
        label="Also delete my stories, my pictures and my personal details",
        required=False,
        help_text=(
            "We keep only your reference code and a note that we did this. This cannot be undone."
        ),
    )


@storyteller_view
def withdraw(request, link):
    """The confirmation: what will happen; then the withdrawal and a calm done page."""
    storyteller = link.storyteller
    record = current_record(storyteller)
    already = record is None or hasattr(record, "withdrawal")
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            receipt = withdraw_on_own_page(
                link, reason=form.cleaned_data["reason"], erase=form.cleaned_data["erase"]
            )
        except WithdrawalError as problem:
            error = str(problem)
        else:
            # No redirect: after erasure the link opens nothing any more.
            return render(
                request,
                "storyteller_page/withdrawn.html",
                page_context(request, link, receipt=receipt),
            )
    return render(
        request,
        "storyteller_page/withdraw.html",
        page_context(
            request,
            link,
            form=form,
            error=error,
            already=already,
            never=record is None,
            stories=their_live_stories(storyteller),
            has_pictures=storyteller_has_pictures(storyteller),
        ),
        status=409 if error else 200,
    )


def storyteller_has_pictures(storyteller):
    from ..images import StoryImage

    return StoryImage.objects.filter(storyteller=storyteller).exists()


# Narrow


class HidePhotosForm(PlainForm):
    """Nothing to fill in: the button says it all."""


class PseudonymForm(PlainForm):
    pseudonym = forms.CharField(
        label="The name to show instead",
        max_length=PSEUDONYM_MAX_LENGTH,
        error_messages={"required": "Type the name you would like to be shown."},
        help_text="A made-up name. Not your real first or last name.",
    )


class StopAudienceForm(PlainForm):
    audience = forms.ChoiceField(
        label="Stop sharing my story with",
        error_messages={"required": "Choose the group to stop sharing with."},
        widget=forms.RadioSelect,
        choices=[],
    )

    def __init__(self, *args, audiences=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [
            (audience, AUDIENCE_LABELS[audience].capitalize())
            for audience in AUDIENCES
            if audience in audiences
        ]


NARROWING_FORMS = {"photos": HidePhotosForm, "name": PseudonymForm, "audience": StopAudienceForm}


@storyteller_view
def narrow(request, link):
    """Three small forms, each one change, each saying what will happen."""
    storyteller = link.storyteller
    if not may_act_for_minor(link):
        return render(
            request, "storyteller_page/narrow_minor.html", page_context(request, link), status=403
        )
    record = record_in_force(storyteller)
    audiences = record.audiences if record else frozenset()
    forms_by_change = {
        "photos": HidePhotosForm(prefix="photos"),
        "name": PseudonymForm(prefix="name"),
        "audience": StopAudienceForm(prefix="audience", audiences=audiences),
    }
    change = request.POST.get("change") if request.method == "POST" else None
    status = 200
    if change in NARROWING_FORMS and record is not None:
        kwargs = {"audiences": audiences} if change == "audience" else {}
        form = NARROWING_FORMS[change](request.POST, prefix=change, **kwargs)
        forms_by_change[change] = form
        if form.is_valid():
            try:
                narrow_on_own_page(
                    link,
                    hide_photos=change == "photos",
                    pseudonym=form.cleaned_data.get("pseudonym") if change == "name" else None,
                    stop_audience=form.cleaned_data.get("audience"),
                )
            except NarrowingError as problem:
                field = {"name": "pseudonym", "audience": "audience"}.get(change)
                form.add_error(field, str(problem))
            else:
                return render(
                    request,
                    "storyteller_page/narrow_done.html",
                    page_context(
                        request, link, change=change, pseudonym=storyteller_pseudonym(link)
                    ),
                )
        status = 400
    return render(
        request,
        "storyteller_page/narrow.html",
        page_context(
            request,
            link,
            record=record,
            changed=change,
            photos_form=forms_by_change["photos"],
            name_form=forms_by_change["name"],
            audience_form=forms_by_change["audience"],
            audiences=[AUDIENCE_LABELS[a] for a in AUDIENCES if a in audiences],
            only_one_audience=len(audiences) == 1,
            stories=their_live_stories(storyteller),
        ),
        status=status,
    )


def storyteller_pseudonym(link):
    link.storyteller.refresh_from_db(fields=["pseudonym"])
    return link.storyteller.pseudonym


# Give consent


class ConsentForm(PlainForm):
    for_public = forms.BooleanField(label="Anyone (the public)", required=False)
    for_schools = forms.BooleanField(
        label="Schools (pupils and teachers who sign in)", required=False
    )
    for_partners = forms.BooleanField(
        label="Partner organisations (therapy and wellness groups who sign in)", required=False
    )
    naming_allowed = forms.ChoiceField(
        label="Which name may we show with your story?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which name we may show."},
        choices=[
            (NamingChoice.FULL_NAME, "My full name"),
            (NamingChoice.FIRST_NAME, "My first name only"),
            (NamingChoice.PSEUDONYM, "A made-up name (a pseudonym)"),
            (NamingChoice.ANONYMOUS, "No name at all"),
        ],
    )
    identifiable_photos = forms.BooleanField(label="Photos that show me", required=False)
    voice = forms.BooleanField(label="Recordings of my voice", required=False)
    video = forms.BooleanField(label="Video of me", required=False)
    syndication = forms.ChoiceField(
        label="May partner organisations reuse your story in their own materials?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether partner organisations may reuse your story."},
        choices=[
            (ConsentRecord.Syndication.NONE, "No"),
            (ConsentRecord.Syndication.ANY, "Yes, any that can read it"),
            (ConsentRecord.Syndication.NAMED, "Only the ones I tick below"),
        ],
        initial=ConsentRecord.Syndication.NONE,
    )
    syndication_partners = forms.ModelMultipleChoiceField(
        label="Partner organisations that may reuse it",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expires_on = forms.DateField(
        label="Until when? (at most three years from today)",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Choose the date your consent ends.",
            "invalid": "Type the date as day/month/year, for example 31/12/2027.",
        },
        help_text="For example 31/12/2027. After this date your story comes off the site.",
    )
    guardian_name = forms.CharField(
        label="Your full name (parent or guardian)",
        max_length=120,
        error_messages={"required": "Type your full name."},
    )
    guardian_relationship = forms.CharField(
        label="How are you related to them?",
        max_length=60,
        error_messages={"required": "Say how you are related to them."},
        help_text="For example: mother, father, grandparent, carer.",
    )
    signature = forms.CharField(
        label="Type your full name to sign",
        max_length=120,
        help_text="This is your signature.",
        error_messages={"required": "Type your full name to sign."},
    )
    agree = forms.BooleanField(
        label="I have read this and I agree",
        error_messages={"required": "Tick the box to say you agree."},
    )

    def __init__(self, *args, guardian=False, **kwargs):
        from ..partners import PartnerOrganisation

        super().__init__(*args, **kwargs)
        self.fields["syndication_partners"].queryset = PartnerOrganisation.objects.filter(
            is_suspended=False
        )
        today = timezone.localdate()
        self.fields["expires_on"].initial = add_years(today, DEFAULT_YEARS)
        self.fields["expires_on"].widget.attrs["max"] = latest_expiry(today).isoformat()
        if not guardian:
            del self.fields["guardian_name"]
            del self.fields["guardian_relationship"]

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"for_{audience}") for audience in AUDIENCES):
            self.add_error("for_public", "Choose at least one group who may read your story.")
        expires_on = cleaned.get("expires_on")
        if expires_on and expires_on > latest_expiry():
            self.add_error(
                "expires_on",
                f"Choose a date no later than {long_date(latest_expiry())}: "
                "consent can last three years at most.",
            )
        elif expires_on and expires_on <= timezone.localdate():
            self.add_error("expires_on", "Choose a date after today.")
        return cleaned


@storyteller_view
def consent(request, link):
    """The consent form in plain words; a signed PDF of it becomes the evidence."""
    if not may_act_for_minor(link):
        return render(
            request, "storyteller_page/consent_minor.html", page_context(request, link), status=403
        )
    guardian = link.holder == StorytellerLink.Holder.GUARDIAN
    form = ConsentForm(request.POST if request.method == "POST" else None, guardian=guardian)
    if request.method == "POST" and form.is_valid():
        try:
            record = consent_on_own_page(link, form.cleaned_data)
        except ValidationError as problems:
            if not hasattr(problems, "error_dict"):
                form.add_error(None, problems)
            for name, messages in getattr(problems, "message_dict", {}).items():
                for message in messages:
                    form.add_error(name if name in form.fields else None, message)
        else:
            return render(
                request,
                "storyteller_page/consent_done.html",
                page_context(request, link, record=record, ends_on=long_date(record.ends_on)),
            )
    return render(
        request,
        "storyteller_page/consent.html",
        page_context(
            request,
            link,
            form=form,
            guardian=guardian,
            paragraphs=AGREEMENT_PARAGRAPHS,
            current=record_in_force(link.storyteller),
        ),
        status=400 if form.is_bound else 200,
    )
