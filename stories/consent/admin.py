"""Consent in the admin: the records' viewset and the editors' dashboard panel."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import PageLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from .audit import PUBLISH_REFUSED
from .expiry import in_force_ending_soon
from .guard import current_terms
from .policy import in_force, long_date
from .records import ConsentRecord, ConsentWithdrawal, syndication_problems


class ConsentRecordPermissionPolicy(ModelPermissionPolicy):
    """Records can be captured and read, never changed or deleted, by anyone."""

    def user_has_permission(self, user, action):
        if action in ("change", "delete"):
            return False
        if action == "view":
            return super().user_has_permission(user, "view") and user.has_perm(
                "stories.view_private_consent"
            )
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ConsentRecordForm(forms.ModelForm):
    class Meta:
        model = ConsentRecord
        fields = [
            "storyteller",
            "for_public",
            "for_schools",
            "for_partners",
            "syndication",
            "syndication_partners",
            "naming_allowed",
            "identifiable_photos",
            "voice",
            "video",
            "given_by",
            "guardian_name",
            "guardian_relationship",
            "given_on",
            "expires_on",
            "evidence",
        ]
        widgets = {"syndication_partners": forms.CheckboxSelectMultiple}

    def clean(self):
        cleaned_data = super().clean()
        # The partners are a many-to-many: only the form knows them before saving.
        problems = syndication_problems(
            cleaned_data.get("syndication"), cleaned_data.get("syndication_partners")
        )
        for field, message in problems.items():
            self.add_error(field, message)
        return cleaned_data


class CaptureConsentView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("storyteller", "").isdigit():
            initial["storyteller"] = self.request.GET["storyteller"]
        return initial


class DayColumn(Column):
    """A day as a date, "1 March 2027": never "Just now" for a day still to come."""

    def __init__(self, name, blank="", **kwargs):
        super().__init__(name, sort_key=name, **kwargs)
        self.blank = blank

    def get_value(self, instance):
        day = super().get_value(instance)
        return long_date(day) if day else self.blank


class ConsentRecordIndexView(generic.IndexView):
    """Each record's storyteller opens the record, read-only, for those who may read it."""

    def get_inspect_url(self, instance):
        if self.inspect_url_name and self.user_has_permission("view"):
            return reverse(self.inspect_url_name, args=[instance.pk])
        return None

    @property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        return [
            title_column(
                "storyteller",
                label="Storyteller",
                accessor="storyteller.reference",
                sort_key="storyteller__reference",
                get_url=self.get_inspect_url,
            ),
            *self.list_display[1:],
        ]


def consent_status(storyteller, on=None):
    """A storyteller's consent in a few words, for choosers and listings."""
    on = on or timezone.localdate()
    terms = current_terms(storyteller)
    if terms is None:
        return "no consent recorded"
    if terms.withdrawn_on is not None:
        return "consent withdrawn"
    if terms.covers_nothing:
        return "consent covers nothing (given alone by a minor)"
    if in_force(terms, on):
        return f"consent in force until {terms.ends_on.isoformat()}"
    if on < terms.starts_on:
        return f"consent begins on {terms.starts_on.isoformat()}"
    return f"consent ended on {terms.ends_on.isoformat()}"


class StorytellerConsentColumn(Column):
    """The storyteller's consent status beside them (no reasons: those are private)."""

    def __init__(self, name="consent", label="Consent", **kwargs):
        super().__init__(name, label=label, accessor=consent_status, **kwargs)


class ConsentRecordViewSet(ModelViewSet):
    model = ConsentRecord
    name = "consent_records"
    url_prefix = "consent-records"
    icon = "doc-full"
    menu_label = "Consent records"
    add_to_admin_menu = True
    menu_order = 210
    form_fields = ConsentRecordForm.Meta.fields
    inspect_view_enabled = True
    copy_view_enabled = False
    add_view_class = CaptureConsentView
    index_view_class = ConsentRecordIndexView
    list_filter = ["for_public", "for_schools", "for_partners", "given_by"]
    search_fields = ["storyteller__reference"]
    inspect_view_fields = [
        *(field for field in form_fields if field not in ("syndication_partners", "evidence")),
        "ends_on",
        "captured_by",
        "captured_at",
        "withdrawal_reason",
    ]

    def get_form_class(self, for_update=False):
        # The records' own form, so that its checks (named partners) run in the admin.
        return ConsentRecordForm

    @property
    def list_display(self):
        return [
            Column("storyteller", label="Storyteller", accessor="storyteller.reference"),
            DayColumn("given_on", label="Given"),
            DayColumn("ends_on", label="Holds until", blank="no end date"),
            Column("status", label="Status", accessor="status_label"),
        ]


class ConsentDashboardPanel(Component):
    """Consent expiring soon, publishes refused, recent withdrawals."""

    name = "consent"
    order = 50
    template_name = "stories/admin/consent_dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        expiring = (
            in_force_ending_soon(today).select_related("storyteller").order_by("ends_on")[:10]
        )
        refused = (
            PageLogEntry.objects.filter(action=PUBLISH_REFUSED)
            .select_related("page", "user")
            .order_by("-timestamp")[:5]
        )
        withdrawals = ConsentWithdrawal.objects.select_related(
            "record__storyteller", "withdrawn_by"
        ).order_by("-withdrawn_at")[:5]
        # Only links the reader may follow; the rest is plain text.
        from ..admin_links import story_admin_url, storyteller_admin_url

        user = self.request.user
        return {
            "expiring": [
                (
                    record,
                    (record.ends_on - today).days,
                    storyteller_admin_url(record.storyteller_id, user),
                )
                for record in expiring
            ],
            "refused": [
                (entry, story_admin_url(page, user) if page else None)
                for entry, page in ((entry, getattr(entry, "page", None)) for entry in refused)
            ],
            "withdrawals": [
                (withdrawal, storyteller_admin_url(withdrawal.record.storyteller_id, user))
                for withdrawal in withdrawals
            ],
        }
