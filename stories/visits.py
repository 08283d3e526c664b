"""Visit requests: a school or organisation asks the campaign team to visit.

Built on Wagtail's form builder, so editors choose the questions and the
campaign team reads what was sent in the admin (Pages → the form's
"Submissions"). What the form asks is kept to what a visit needs: who is
asking, how to reach them, when, and for how many; never anything about
pupils or patients.

A request is handled in this order, and each step that says no stores and
sends nothing:

1. a body larger than any honest request is refused (413);
2. an address that has sent `VISIT_REQUEST_RATE` requests this hour is
   refused (429), counted in the rate-limits cache every worker shares;
3. the form is checked (every field has a maximum length, the e-mail must be
   one), and shown again with messages when it is wrong;
4. a filled-in honeypot (a field people never see) gets the ordinary
   confirmation, and nothing happens;
5. the same request sent again within minutes (a double click, a reload)
   is stored and mailed once;
6. the request is stored, the team is mailed, the requester is told what
   happens next (without their message echoed back), and sees the
   confirmation page.

Requests are deleted after `VISIT_REQUEST_RETENTION_DAYS` by the scheduled
`purge_visit_requests`.
"""

import hashlib
import json
import logging
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import (
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from .client_address import client_address, rate_limits_cache
from .personal_data import EncryptedJSONField

logger = logging.getLogger(__name__)

# The longest answer a field takes: one line, and a few paragraphs.
SINGLE_LINE_MAX = 200
MULTI_LINE_MAX = 2000
EMAIL_MAX = 254
# A request with every field at its longest is far smaller than this.
MAX_BODY_BYTES = 32 * 1024
# The same request sent again within this time is the same request.
REPEAT_SECONDS = 10 * 60
RATE_WINDOW_SECONDS = 60 * 60
# The honeypot's name: one a browser's autofill has no reason to fill.
HONEYPOT = "leave_this_empty"
# Defaults of the settings (config/settings/base.py reads them from the environment).
DEFAULT_PER_HOUR = 5
DEFAULT_RETENTION_DAYS = 180


def per_hour():
    return getattr(settings, "VISIT_REQUESTS_PER_HOUR", DEFAULT_PER_HOUR)


def retention_days():
    return getattr(settings, "VISIT_REQUEST_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)


def team_address_setting():
    return getattr(settings, "VISIT_REQUESTS_TO", "")


class VisitRequestFormField(AbstractFormField):
    """One question of a visit request form, chosen by editors."""

    page = ParentalKey("VisitRequestPage", on_delete=models.CASCADE, related_name="form_fields")


class LimitedFormBuilder(FormBuilder):
    """Wagtail's form builder with a maximum length on every field people type
    in, checked by the server whatever the browser was told, and a honeypot."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTI_LINE_MAX
        attrs = {"rows": 6, "maxlength": MULTI_LINE_MAX}
        return forms.CharField(widget=forms.Textarea(attrs=attrs), **options)

    def create_email_field(self, field, options):
        options["max_length"] = EMAIL_MAX
        return forms.EmailField(**options)

    def create_url_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return forms.URLField(**options)

    def create_hidden_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return forms.CharField(widget=forms.HiddenInput, **options)

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT] = forms.CharField(
            required=False,
            max_length=SINGLE_LINE_MAX,
            label="Leave this empty",
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        return fields


def over_the_rate(request):
    """Whether this address has sent its allowance of requests this hour."""
    count = rate_limits_cache.get(rate_key(request)) or 0
    return count >= per_hour()


def count_request(request):
    key = rate_key(request)
    # add() starts the hour's count; incr() is atomic where the cache is Redis.
    rate_limits_cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        rate_limits_cache.incr(key)
    except ValueError:  # the count expired between the two calls
        rate_limits_cache.set(key, 1, timeout=RATE_WINDOW_SECONDS)


def rate_key(request):
    return "visit-requests:" + client_address(request)


def first_time_sent(page, data):
    """False when these very answers reached this form minutes ago."""
    answers = json.dumps(data, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{page.pk}\n{answers}".encode()).hexdigest()
    return rate_limits_cache.add(f"visit-request-sent:{digest}", 1, timeout=REPEAT_SECONDS)


class VisitRequestPage(AbstractEmailForm):
    """A form where a school, therapy group or wellness organisation asks for a visit.

    Editors choose the questions (keep them to what a visit needs), write what
    the form page and the confirmation say, and the note "How we use your
    details" shown under the form. Requests go to the campaign team at the
    page's "to address" (or VISIT_REQUESTS_TO) and are kept in the admin for
    VISIT_REQUEST_RETENTION_DAYS.
    """

    introduction = models.TextField(blank=True)
    how_we_use_details = RichTextField(
        features=["bold", "italic", "link", "ul"],
        help_text="Shown under the form: who sees a request, why, and when it is deleted.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="The confirmation page, after a request is sent.",
    )
    confirmation_subject = models.CharField(
        max_length=120,
        default="We have your request for a visit",
        help_text="The subject of the e-mail the requester receives.",
    )
    confirmation_text = models.TextField(
        blank=True,
        help_text="The e-mail the requester receives: what happens next. Their own "
        "answers are not repeated in it.",
    )

    form_builder = LimitedFormBuilder
    parent_page_types = ["stories.HomePage", "stories.AudienceLandingPage"]
    subpage_types = []
    max_count = 1
    template = "stories/visit_request_page.html"
    landing_page_template = "stories/visit_request_page_landing.html"

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel("form_fields", label="Questions"),
        FieldPanel("how_we_use_details"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="E-mail to the campaign team",
        ),
        MultiFieldPanel(
            [FieldPanel("confirmation_subject"), FieldPanel("confirmation_text")],
            heading="E-mail to the person asking",
        ),
    ]

    class Meta:
        verbose_name = "visit request form"

    def get_submission_class(self):
        return VisitRequest

    # Serving -------------------------------------------------------------

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        if self.body_too_large(request):
            return self.refusal(
                request,
                413,
                "This request is too long",
                "Please shorten your answers, especially the message, and send it again.",
            )
        if over_the_rate(request):
            return self.refusal(
                request,
                429,
                "Too many requests from here",
                "We have received several visit requests from your connection in the last "
                "hour. Please try again in an hour, or write to the campaign team directly.",
            )
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if not form.is_valid():
            context = self.get_context(request)
            context["form"] = form
            return TemplateResponse(request, self.get_template(request), context)
        count_request(request)
        if form.cleaned_data.pop(HONEYPOT, ""):
            return self.render_landing_page(request)
        if not first_time_sent(self, form.cleaned_data):
            return self.render_landing_page(request)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission)

    @staticmethod
    def body_too_large(request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        return declared > MAX_BODY_BYTES

    def refusal(self, request, status, heading, message):
        context = self.get_context(request)
        context.update(refusal_heading=heading, refusal_message=message)
        return TemplateResponse(
            request, "stories/visit_request_refused.html", context, status=status
        )

    # Storing and mailing -------------------------------------------------

    def process_form_submission(self, form):
        with transaction.atomic():
            submission = VisitRequest.objects.create(form_data=form.cleaned_data, page=self)
        # Kept in the admin whatever the mail server says: a failure to send
        # is logged (without the request's contents) and the requester is
        # still told their request arrived, which it did.
        for send in (self.send_mail, self.send_confirmation):
            try:
                send(form)
            except Exception as error:  # noqa: BLE001 (any mail transport's failure)
                logger.error(
                    "A visit request was stored but %s failed: %s",
                    send.__name__,
                    type(error).__name__,
                )
        return submission

    def team_addresses(self):
        given = self.to_address or team_address_setting()
        return [address.strip() for address in given.split(",") if address.strip()]

    def answers(self, form):
        """(label, answer) for each question answered, in the form's order."""
        shown = []
        for field in form:
            if field.name == HONEYPOT or field.name not in form.cleaned_data:
                continue
            value = form.cleaned_data[field.name]
            if isinstance(value, list):
                value = ", ".join(value)
            shown.append((field.label, value))
        return shown

    def requester_address(self, form):
        for field in self.get_form_fields():
            if field.field_type == "email":
                return form.cleaned_data.get(field.clean_name) or None
        return None

    def send_mail(self, form):
        """The request to the campaign team: as text, and as HTML where every
        answer is escaped, so a script typed into the form stays text."""
        addresses = self.team_addresses()
        if not addresses:
            return
        context = {"page": self, "answers": self.answers(form)}
        message = EmailMultiAlternatives(
            subject=self.subject or f"Visit request: {self.title}",
            body=render_to_string("stories/email/visit_request_team.txt", context),
            from_email=self.from_address or settings.DEFAULT_FROM_EMAIL,
            to=addresses,
            reply_to=[self.requester_address(form)] if self.requester_address(form) else None,
        )
        message.attach_alternative(
            render_to_string("stories/email/visit_request_team.html", context), "text/html"
        )
        message.send()

    def send_confirmation(self, form):
        """What happens next, to the address the requester gave: in plain
        text, repeating none of their answers."""
        address = self.requester_address(form)
        if not address:
            return
        context = {"page": self}
        EmailMultiAlternatives(
            subject=self.confirmation_subject,
            body=render_to_string("stories/email/visit_request_confirmation.txt", context),
            from_email=self.from_address or settings.DEFAULT_FROM_EMAIL,
            to=[address],
        ).send()


class VisitRequest(AbstractFormSubmission):
    """A visit request as the team reads it in the admin. Its answers name a
    contact and their e-mail address, so they are kept encrypted like a
    storyteller's personal data (stories.personal_data), with the same keys
    and the same rotation."""

    form_data = EncryptedJSONField()

    class Meta:
        verbose_name = "visit request"


def purge_old_visit_requests(days=None, dry_run=False, now=None):
    """Delete visit requests older than the retention period; how many."""
    days = retention_days() if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    old = VisitRequest.objects.filter(submit_time__lt=cutoff)
    if dry_run:
        return old.count()
    deleted, _by_model = old.delete()
    if deleted:
        logger.info("Deleted %d visit requests older than %d days.", deleted, days)
    return deleted
