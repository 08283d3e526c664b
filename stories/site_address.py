"""The site's one address, SITE_URL, is the Wagtail Site record's too.

Wagtail builds a page's absolute address from the default Site record
(hostname and port): the "view the page" link in review e-mails, sitemap
locations, the API's `html_url`. Settings give the admin's and the API's own
links (WAGTAILADMIN_BASE_URL, WAGTAILAPI_BASE_URL). Every `migrate` (run at
set-up and on each deployment) makes the record say what SITE_URL says, so
all of them lead to the one address the site is served at.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction

DEFAULT_PORTS = {"http": 80, "https": 443}


def hostname_and_port(site_url):
    """("stories.example.org", 443) for "https://stories.example.org"; None when unset."""
    parts = urlsplit(site_url or "")
    if not parts.hostname or parts.scheme not in DEFAULT_PORTS:
        return None
    return parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme]


def align_default_site(using="default", **_signal_arguments):
    """Give the default Site record SITE_URL's hostname and port (post_migrate)."""
    from wagtail.models import Site

    address = hostname_and_port(getattr(settings, "SITE_URL", ""))
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if address is None or site is None or (site.hostname, site.port) == address:
        return
    site.hostname, site.port = address
    try:
        with transaction.atomic(using=using):
            site.save(using=using)  # Wagtail's own save: its cached site paths are cleared
    except IntegrityError:
        pass  # another Site record holds that address already: it is the one to use
