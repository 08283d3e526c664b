"""Consent officers look after storytellers' private links in the admin.

They e-mail a new link to the storyteller or their guardian, or show one
once to print on the consent form with its QR code, and revoke links. Only
those who may withdraw consent (consent officers and site administrators)
may; every change is a POST and is in the audit log.
"""

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from ..consent.permissions import may_take_stories_down
from ..storytellers import Storyteller
from .links import LINK_LIFETIME, StorytellerLink, holder_email, issue_link, page_url, revoke


def officer_only(request):
    if not may_take_stories_down(request.user):
        raise PermissionDenied


def links_of(storyteller):
    """Each of their links still able to open the page, with when its holder last came in."""
    from django.db.models import Max

    from .links import open_links

    return open_links(storyteller).annotate(last_used=Max("codes__used_at")).order_by("-issued_at")


def overview(request, pk):
    """Their links, and the buttons to send, print or revoke."""
    officer_only(request)
    storyteller = get_object_or_404(Storyteller, pk=pk)
    return TemplateResponse(
        request,
        "stories/admin/storyteller_page_links.html",
        {
            "storyteller": storyteller,
            "links": links_of(storyteller),
            "has_email": bool(storyteller.email),
            "has_guardian_email": bool(storyteller.guardian_email),
            "lifetime_days": LINK_LIFETIME.days,
            "now": timezone.now(),
        },
    )


@require_POST
def send(request, pk, holder):
    """Issue a new link for a holder and e-mail it to them; their old link stops working."""
    officer_only(request)
    storyteller = get_object_or_404(Storyteller, pk=pk)
    if holder not in StorytellerLink.Holder.values:
        raise PermissionDenied
    probe = StorytellerLink(storyteller=storyteller, holder=holder)
    address = holder_email(probe)
    if not address:
        messages.error(
            request,
            f"{storyteller.reference} has no e-mail address for "
            f"{probe.get_holder_display().lower()}: add one, or print a link instead.",
        )
        return redirect("storyteller_page_admin", pk=pk)
    with transaction.atomic():
        link, token = issue_link(storyteller, holder=holder, user=request.user)
        body = render_to_string(
            "storyteller_page/email/link.txt",
            {
                "url": page_url(token),
                "guardian": holder == StorytellerLink.Holder.GUARDIAN,
                "days": LINK_LIFETIME.days,
            },
        )
        transaction.on_commit(
            lambda: send_mail(
                "Your private page about your story",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
        )
    messages.success(
        request, f"A new private link was e-mailed to {link.get_holder_display().lower()}."
    )
    return redirect("storyteller_page_admin", pk=pk)


def qr_svg(url):
    """The address as a QR code, inline SVG, to print on the consent form."""
    return segno.make(url, error="m").svg_inline(scale=5, title="QR code of the private link")


@require_POST
def print_link(request, pk):
    """Issue a new link for the storyteller and show it once, with its QR code."""
    officer_only(request)
    storyteller = get_object_or_404(Storyteller, pk=pk)
    holder = request.POST.get("holder", StorytellerLink.Holder.STORYTELLER)
    if holder not in StorytellerLink.Holder.values:
        holder = StorytellerLink.Holder.STORYTELLER
    link, token = issue_link(storyteller, holder=holder, user=request.user)
    url = page_url(token)
    response = TemplateResponse(
        request,
        "stories/admin/storyteller_page_print.html",
        {"storyteller": storyteller, "link": link, "url": url, "qr": qr_svg(url)},
    )
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "same-origin"  # the token never leaves for another site
    return response


@require_POST
def revoke_link(request, link_pk):
    officer_only(request)
    link = get_object_or_404(StorytellerLink, pk=link_pk)
    revoke(link, user=request.user)
    messages.success(request, "That link no longer opens anything.")
    return redirect("storyteller_page_admin", pk=link.storyteller_id)


urlpatterns = [
    path("storytellers/<int:pk>/private-page/", overview, name="storyteller_page_admin"),
    path(
        "storytellers/<int:pk>/private-page/send/<str:holder>/",
        send,
        name="storyteller_page_admin_send",
    ),
    path(
        "storytellers/<int:pk>/private-page/print/", print_link, name="storyteller_page_admin_print"
    ),
    path(
        "private-page-links/<int:link_pk>/revoke/",
        revoke_link,
        name="storyteller_page_admin_revoke",
    ),
]
