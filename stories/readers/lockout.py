"""Repeated failed sign-ins pause signing in (django-axes, see settings).

Readers see the pause on the site's own sign-in page, staff on the admin's:
the same page they typed into, with one calm message in place of the form's
error. The message is the same whether or not the account exists, since the
count is kept for whatever username was typed and for the client's address.
"""

from django.conf import settings
from django.template.response import TemplateResponse

PAUSED = (
    "Signing in is paused for a while after too many unsuccessful attempts. "
    "Please try again in {minutes} minutes, or ask the campaign team for help."
)


def paused_message():
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return PAUSED.format(minutes=minutes)


def username_tried(request, credentials):
    """The name the count is kept for: as typed, whatever its case or spaces,
    so that "Admin " and "admin" share one count."""
    source = credentials if credentials is not None else getattr(request, "POST", {})
    given = source.get("username") or ""
    return given.strip().lower()


def locked_out_response(request, original_response=None, credentials=None):
    """The sign-in page the attempt came from, with the pause in its form.

    Both sign-in pages are Django LoginViews, so the page's own template and
    form are at hand; anything else gets the message alone.
    """
    context = getattr(original_response, "context_data", None) or {}
    form = context.get("form")
    template = getattr(original_response, "template_name", None)
    if form is None or template is None:
        return TemplateResponse(
            request, "readers/sign_in_paused.html", {"message": paused_message()}, status=429
        ).render()
    form.errors.clear()
    form.add_error(None, paused_message())
    # The password typed is not shown again; the username is, as before.
    return TemplateResponse(request, template, {**context, "form": form}, status=429).render()


def described_in_logs(username, ip_address, user_agent, path_info, request):
    """How django-axes names an attempt in the logs: by the page alone, since
    usernames (readers' e-mail addresses) and addresses are personal data.
    Who tried is in the database's attempt records, for `axes_list_attempts`."""
    return f"a sign-in at {path_info}"
