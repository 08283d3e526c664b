"""One address for every link: the site's SITE_URL.

Wagtail's review e-mails, the API's URLs and the project's own consent
e-mails all link to the address the site is served at, never to port 8000
or to localhost whatever the site's address is.
"""

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from stories.consent.expiry import enforce_consent
from stories.factories import ConsentRecordFactory, StoryPageFactory, StorytellerFactory
from stories.pages import StoryPage
from stories.site_address import align_default_site, hostname_and_port

from .people import member, storyteller_approves

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://stories.example.org"
# Production refuses to start without a key for personal data; any key will do here.
KEY = Fernet.generate_key().decode()
LINK = re.compile(r"""https?://[^\s"'<>]+""")


def settings_value(module, expression, **env):
    """Evaluate an expression against a settings module in a fresh interpreter."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SITE_URL", "PORT", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS")
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import config.settings.{module} as s; print({expression})"],
        cwd=ROOT,
        env={
            **clean,
            "SECRET_KEY": "x",
            "PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


BASE_URLS = "s.SITE_URL, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL"


@pytest.mark.parametrize("module", ["dev", "test", "production"])
def test_site_url_drives_the_admin_and_api_addresses(module):
    result = settings_value(module, BASE_URLS, SITE_URL=SITE + "/")
    assert result.stdout.split() == [SITE] * 3, result.stderr


@pytest.mark.parametrize("module", ["dev", "test"])
def test_on_a_laptop_the_address_is_loopback_at_the_port_served(module):
    assert settings_value(module, BASE_URLS).stdout.split() == ["http://127.0.0.1:8000"] * 3
    assert settings_value(module, "s.SITE_URL", PORT="8123").stdout.strip() == (
        "http://127.0.0.1:8123"
    )


def test_production_takes_the_address_from_its_hosts_when_not_given():
    from_hosts = settings_value(
        "production", BASE_URLS, ALLOWED_HOSTS="stories.example.org, www.stories.example.org"
    )
    assert from_hosts.stdout.split() == [SITE] * 3, from_hosts.stderr
    from_origins = settings_value(
        "production",
        "s.SITE_URL",
        ALLOWED_HOSTS="*",
        CSRF_TRUSTED_ORIGINS="https://stories.example.org",
    )
    assert from_origins.stdout.strip() == SITE, from_origins.stderr


def test_production_refuses_to_guess_an_address_from_a_wildcard_host():
    result = settings_value("production", "s.SITE_URL", ALLOWED_HOSTS="*")
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


@pytest.fixture
def at_site_address():
    """The site served at SITE, as SITE_URL=SITE makes the settings (see above),
    and the Site record as `migrate` leaves it for that address."""
    with override_settings(SITE_URL=SITE, WAGTAILADMIN_BASE_URL=SITE, WAGTAILAPI_BASE_URL=SITE):
        align_default_site()
        yield


def test_migrate_gives_the_site_record_the_site_address(client):
    # The test database was migrated with the test settings' SITE_URL.
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    story = StoryPageFactory(title="Found where it is served")
    assert story.full_url == f"http://127.0.0.1:8000{story.url}"
    sitemap = client.get("/sitemap-stories.xml").content.decode()
    assert f"<loc>http://127.0.0.1:8000{story.url}</loc>" in sitemap


def test_the_site_record_follows_a_new_site_address(at_site_address):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("stories.example.org", 443)
    story = StoryPageFactory(title="Moved to its own address")
    assert story.full_url == f"{SITE}{story.url}"


@pytest.mark.parametrize(
    ("site_url", "address"),
    [
        ("https://stories.example.org", ("stories.example.org", 443)),
        ("http://127.0.0.1:8123", ("127.0.0.1", 8123)),
        ("http://stories.example.org", ("stories.example.org", 80)),
        ("", None),
        ("stories.example.org", None),
    ],
)
def test_the_site_address_names_a_hostname_and_port(site_url, address):
    assert hostname_and_port(site_url) == address


def links_in(messages):
    texts = []
    for message in messages:
        texts.append(message.body)
        texts += [content for content, _type in getattr(message, "alternatives", [])]
    return [link for text in texts for link in LINK.findall(text)]


def approve(client, user, story):
    story = StoryPage.objects.get(pk=story.pk)
    state = story.current_workflow_state
    client.force_login(user)
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[story.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": "Checked."},
        follow=True,
    )


def test_review_emails_link_only_to_the_site_address(
    client, django_user_model, at_site_address, django_capture_on_commit_callbacks
):
    editor = member("ed-url", "Editors")
    reviewer = member("rev-url", "Clinical reviewers")
    officer = member("off-url", "Consent officers")
    story = StoryPageFactory(title="Links that lead home", publish=False, owner=editor)
    story.save_revision(user=editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        story.get_workflow().start(story, editor)
    submitted = list(mail.outbox)
    assert any(reviewer.email in message.to for message in submitted)

    with django_capture_on_commit_callbacks(execute=True):
        approve(client, reviewer, story)
        storyteller_approves(story)  # on their own page, from the link e-mailed to them
        approve(client, officer, story)
    assert StoryPage.objects.get(pk=story.pk).live
    approved = [message for message in mail.outbox if editor.email in message.to]
    assert approved, "the editor hears that the story was approved"

    links = links_in(mail.outbox)
    edit_link = SITE + reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert edit_link in links_in(submitted)
    assert links and all(link.startswith(SITE + "/") for link in links), links


def test_consent_reminders_link_to_the_stories_at_the_site_address(
    django_user_model, at_site_address
):
    editor = member("ed-remind", "Editors")
    storyteller = StorytellerFactory(consent=None)
    today = timezone.localdate()
    ConsentRecordFactory(
        storyteller=storyteller,
        given_on=today - timedelta(days=300),
        expires_on=today + timedelta(days=20),
    )
    story = StoryPageFactory(storyteller=storyteller, owner=editor, title="Nearly time")
    mail.outbox.clear()

    enforce_consent()

    reminders = [message for message in mail.outbox if editor.email in message.to]
    assert len(reminders) == 1
    links = links_in(reminders)
    assert SITE + reverse("wagtailadmin_pages:edit", args=[story.pk]) in links
    assert all(link.startswith(SITE + "/") for link in links), links


def test_reader_invitations_link_to_the_site_address(client, at_site_address):
    from stories.factories import PartnerOrganisationFactory

    editor = member("ed-invite", "Editors")
    school = PartnerOrganisationFactory(name="Links Primary")
    client.force_login(editor)
    mail.outbox.clear()
    client.post(
        "/admin/reader-invitations/new/",
        {"email": "new.reader@example.com", "organisation": school.pk},
        HTTP_HOST="testserver",
    )
    links = links_in(mail.outbox)
    assert links and all(link.startswith(SITE + "/account/invitation/") for link in links), links


def test_password_reset_links_lead_to_the_site_address(client, at_site_address):
    mail.outbox.clear()
    client.post(
        "/account/password-reset/",
        {"email": "teacher@harbour-lane-primary.example"},
        HTTP_HOST="testserver",
    )
    links = links_in(mail.outbox)
    assert links and all(link.startswith(SITE + "/account/password-reset/") for link in links), (
        links
    )
