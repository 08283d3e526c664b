"""The Content-Security-Policy each response carries, and who may frame it.

Readers' pages get the site's policy (`CONTENT_SECURITY_POLICY`): scripts and
styles from the site's own files only, so a page kept whole by the page cache
and given to many readers needs no per-reader nonce. The Wagtail admin, which
sets styles inline, gets `CONTENT_SECURITY_POLICY_ADMIN`.

Who may frame a page is said once, by Django's clickjacking rules: every page
is `X-Frame-Options: DENY` unless its view says otherwise. The policy's
`frame-ancestors` repeats that rule for browsers that follow only the newer
header: the story card other sites embed (`xframe_options_exempt`) may be
framed by anyone, a page framed by the site itself (`SAMEORIGIN`: the
storyteller's preview, Wagtail's preview) by the site, and nothing else by
anyone. The page cache keeps both signals with the page, so a kept card is
still frameable and a kept story still is not.
"""

from csp.constants import HEADER, NONE, SELF
from csp.middleware import CSPMiddleware
from django.conf import settings

ADMIN_PREFIX = "/admin/"
ANY_SITE = "*"


def frame_ancestors(response):
    """Who may frame this response, as its X-Frame-Options rule says."""
    if getattr(response, "xframe_options_exempt", False):
        return [ANY_SITE]
    if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
        return [SELF]
    return [NONE]


def is_admin(request):
    return request.path_info.startswith(ADMIN_PREFIX)


class ContentSecurityPolicy(CSPMiddleware):
    """django-csp's middleware with the admin's policy and the framing rule.

    It must sit above XFrameOptionsMiddleware in MIDDLEWARE, so that it reads
    the X-Frame-Options the response leaves with.
    """

    def process_response(self, request, response):
        if is_admin(request) and HEADER in response:
            # Wagtail's preview serves the page through the middleware once
            # more, at the page's own address, so the public policy arrives
            # here already set: the admin's answer gets the admin's policy.
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin(request):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        parts.replace = {**(parts.replace or {}), "frame-ancestors": frame_ancestors(response)}
        return parts
