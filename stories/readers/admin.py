"""The admin side of readers: invitations, and an organisation's members and API tokens."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from ..partners import PartnerOrganisation
from . import api_access
from .audit import INVITED, TOKEN_CREATED, TOKEN_REVOKED
from .invitations import INVITATION_LIFETIME, Invitation, send_invitation
from .membership import Membership


class InvitationCreateView(CreateView):
    def save_instance(self):
        invitation = self.form.save(commit=False)
        # The site's one address, whatever address the editor reached the admin by.
        send_invitation(invitation, settings.SITE_URL + "/", invited_by=self.request.user)
        log(
            instance=invitation.organisation,
            action=INVITED,
            user=self.request.user,
            data={"email": invitation.email},
        )
        return invitation

    def get_success_message(self, instance):
        return (
            f"Invitation sent to {instance.email}. "
            f"The link works once, for {INVITATION_LIFETIME.days} days."
        )


class InvitationEditView(EditView):
    """An invitation is never changed: the link went to one address for one organisation."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, "Invitations cannot be changed: delete this one and invite again.")
        return redirect(self.index_url_name)


class InvitationViewSet(ModelViewSet):
    model = Invitation
    name = "reader-invitations"
    icon = "mail"
    menu_label = "Reader invitations"
    menu_order = 210
    add_to_admin_menu = True
    form_fields = ["email", "organisation"]
    list_display = ["email", "organisation", "status", "created_at", "expires_at"]
    list_filter = ["organisation"]
    search_fields = ["email"]
    add_view_class = InvitationCreateView
    edit_view_class = InvitationEditView
    copy_view_enabled = False
    inspect_view_enabled = True


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=255, help_text="Where it will be used, e.g. “Newsletter website”."
    )


@permission_required("stories.manage_api_tokens", raise_exception=True)
def readers_and_api_access(request, pk):
    """An organisation's members and API tokens; create or revoke tokens."""
    organisation = get_object_or_404(PartnerOrganisation, pk=pk)
    form = TokenForm(request.POST if request.POST.get("action") == "create" else None)
    new_token = None
    if request.method == "POST" and request.POST.get("action") == "create" and form.is_valid():
        token, new_token = api_access.create_token(organisation, form.cleaned_data["name"])
        log(
            instance=organisation,
            action=TOKEN_CREATED,
            user=request.user,
            data={"token": str(token)},
        )
        form = TokenForm()
    elif request.method == "POST" and request.POST.get("action") == "revoke":
        token_pk = request.POST.get("token", "")
        if token_pk.isdigit() and api_access.revoke_token(organisation, int(token_pk)):
            log(
                instance=organisation,
                action=TOKEN_REVOKED,
                user=request.user,
                data={"token": token_pk},
            )
            messages.success(request, "Token revoked. It stops working at once.")
        else:
            messages.error(
                request, "That token does not belong to this organisation, or is already revoked."
            )
        return redirect("stories_partner_access", organisation.pk)
    return render(
        request,
        "stories/admin/partner_access.html",
        {
            "organisation": organisation,
            "members": Membership.objects.filter(
                organisation=organisation, is_service_account=False
            ).select_related("user"),
            "invitations": Invitation.objects.filter(organisation=organisation).open(),
            "tokens": api_access.tokens_of(organisation),
            "form": form,
            "new_token": new_token,
            "invite_url": reverse("reader-invitations:add"),
        },
    )
