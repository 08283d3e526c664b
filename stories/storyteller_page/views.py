"""The storyteller's page: the code step, their home page, signing out.

Never a change on GET: mail scanners open links to check them, so the code
is sent only when the holder presses the button.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from ..consent.subjects import pictures_shown
from ..pages import StoryPage
from .access import (
    close_session,
    closed,
    not_found,
    open_session,
    private,
    session_opens,
    storyteller_view,
)
from .audit import SIGNED_OUT
from .codes import CODE_LIFETIME, LOCK_FOR, CodeResult, check_code, is_locked, send_code
from .links import (
    LINK_LIFETIME,
    find_expired_link,
    find_open_link,
    holder_email,
    issue_link,
    page_url,
)
from .summary import page_of

CODE_SENT_KEY = "storyteller_page_code_sent"


def masked(address):
    """s•••@e•••.com: enough for the holder to recognise, nothing for anyone else."""
    local, _, domain = address.partition("@")
    name, dot, tld = domain.rpartition(".")
    if not dot:
        name, tld = domain, ""
    return f"{local[:1]}•••@{name[:1]}•••{dot}{tld}"


def code_context(link, **extra):
    return {
        "link": link,
        "address": masked(holder_email(link)),
        "minutes": int(CODE_LIFETIME.total_seconds() // 60),
        "lock_minutes": int(LOCK_FOR.total_seconds() // 60),
        **extra,
    }


def code_step(request, token):
    """Send a code (on a button press), then take the code typed."""
    link = find_open_link(token)
    if link is None:
        return closed(request, token)
    if session_opens(request, link):
        return private(redirect("storyteller_page", token=token))
    if is_locked(link):
        return private(render(request, "storyteller_page/locked.html", code_context(link)))
    if request.method == "POST" and "send" in request.POST:
        if send_code(link):
            request.session[CODE_SENT_KEY] = link.pk
            return private(redirect("storyteller_page_code", token=token))
        context = code_context(link, too_many=True)
        return private(render(request, "storyteller_page/open.html", context, status=429))
    if request.method == "POST" and "code" in request.POST:
        result = check_code(link, request.POST.get("code", ""))
        if result == CodeResult.RIGHT:
            request.session.pop(CODE_SENT_KEY, None)
            open_session(request, link)
            return private(redirect("storyteller_page", token=token))
        if result == CodeResult.LOCKED:
            context = code_context(link)
            return private(render(request, "storyteller_page/locked.html", context, status=429))
        if result == CodeResult.REVOKED:
            return not_found(request)
        context = code_context(link, wrong=True)
        return private(render(request, "storyteller_page/code.html", context, status=400))
    if request.session.get(CODE_SENT_KEY) == link.pk:
        return private(render(request, "storyteller_page/code.html", code_context(link)))
    return private(render(request, "storyteller_page/open.html", code_context(link)))


@storyteller_view
def home(request, link):
    """Their stories as readers will see them, their consent, its history."""
    context = page_of(link, request.storyteller_page_token)
    return render(request, "storyteller_page/home.html", context)


PICTURE_SIZE = "max-960x720|format-jpeg"


@storyteller_view
def picture(request, link, image_id):
    """A picture one of their stories shows, in the version readers will see next.

    Their drafts' pictures are not served to readers yet (media follow live
    pages), so their page fetches them here, for their own stories only.
    """
    for story in StoryPage.objects.filter(storyteller=link.storyteller):
        shown = story.get_latest_revision_as_object() if story.has_unpublished_changes else story
        image = next((image for image in pictures_shown(shown) if image.pk == image_id), None)
        if image is not None:
            rendition = image.get_rendition(PICTURE_SIZE)
            return FileResponse(rendition.file.open("rb"), content_type="image/jpeg")
    raise Http404("No such picture.")


@require_POST
def renew(request, token):
    """E-mail a new link to the holder of a link that ran out of time (once)."""
    link = find_expired_link(token)
    if link is None:
        return not_found(request)
    address = holder_email(link)
    with transaction.atomic():
        _new, new_token = issue_link(link.storyteller, holder=link.holder)
        body = render_to_string(
            "storyteller_page/email/link.txt",
            {
                "url": page_url(new_token),
                "guardian": link.holder == link.Holder.GUARDIAN,
                "days": LINK_LIFETIME.days,
            },
        )
        transaction.on_commit(
            lambda: send_mail(
                "Your private page about your story", body, settings.DEFAULT_FROM_EMAIL, [address]
            )
        )
    context = {"address": masked(address)}
    return private(render(request, "storyteller_page/renewed.html", context))


@require_POST
def sign_out(request, token):
    link = find_open_link(token)
    if link is None:
        return not_found(request)
    if session_opens(request, link):
        log(
            instance=link.storyteller,
            action=SIGNED_OUT,
            data={"link": link.pk, "holder": link.holder},
        )
    close_session(request)
    return private(render(request, "storyteller_page/signed_out.html", {"token": token}))
