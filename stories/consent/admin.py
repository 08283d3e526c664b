"""Consent in the admin: the records' viewset and the editors' dashboard panel."""

from django import forms
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import PageLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from .audit import PUBLISH_REFUSED
from .expiry import REMINDER_DAYS
from .records import ConsentRecord, ConsentWithdrawal


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


class CaptureConsentView(generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("storyteller", "").isdigit():
            initial["storyteller"] = self.request.GET["storyteller"]
        return initial


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
    list_filter = ["for_public", "for_schools", "for_partners", "given_by"]
    search_fields = ["storyteller__reference"]
    inspect_view_fields = [
        *(field for field in form_fields if field not in ("syndication_partners", "evidence")),
        "ends_on",
        "captured_by",
        "captured_at",
    ]

    @property
    def list_display(self):
        return [
            Column("storyteller", label="Storyteller", accessor="storyteller.reference"),
            DateColumn("given_on", label="Given"),
            DateColumn("ends_on", label="Holds until"),
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
        horizon = today + timezone.timedelta(days=max(REMINDER_DAYS))
        expiring = (
            ConsentRecord.objects.in_force(today)
            .filter(ends_on__lte=horizon)
            .select_related("storyteller")
            .order_by("ends_on")[:10]
        )
        refused = (
            PageLogEntry.objects.filter(action=PUBLISH_REFUSED)
            .select_related("page", "user")
            .order_by("-timestamp")[:5]
        )
        withdrawals = ConsentWithdrawal.objects.select_related(
            "record__storyteller", "withdrawn_by"
        ).order_by("-withdrawn_at")[:5]
        return {
            "expiring": [(record, (record.ends_on - today).days) for record in expiring],
            "refused": refused,
            "withdrawals": withdrawals,
        }
