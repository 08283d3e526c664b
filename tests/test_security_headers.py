"""Every page tells the browser what it may run, load and be framed by.

Readers' pages run only the site's own scripts and styles (no inline code, so
a page the cache gives to many readers needs no per-reader nonce), may be
framed by no one, and refuse the browser features the site never uses. The
story card is the one page other sites may frame. The Wagtail admin has a
looser policy of its own; tests/e2e/test_security_policy.py proves in a
browser that it works under it and that readers' pages break no rule.
"""

import base64
import hashlib
import io
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory
from django.views.decorators.clickjacking import xframe_options_sameorigin

from stories.personal_data import new_key
from stories.security_headers import ContentSecurityPolicy

ROOT = Path(__file__).resolve().parent.parent
FLORA = "/stories/floras-story/"
PUBLIC_PAGES = {
    "home": "/",
    "story index": "/stories/",
    "filtered story index": "/stories/?theme=dental-anxiety",
    "story": FLORA,
    "plain page": "/about/",
    "search": "/search/?q=flora",
    "reader sign-in": "/account/sign-in/",
    "page not found": "/no-such-page/",
    "feed": "/stories/feed/",
    "sitemap": "/sitemap.xml",
}
EMBED_CARD = FLORA + "embed/"
FEATURES_NEVER_USED = ["camera", "microphone", "geolocation", "payment", "usb"]


def policy(response):
    """The Content-Security-Policy as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


def admin_client(client):
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


def storyteller_page():
    """Flora's own page (the step that asks for her code), by a fresh link."""
    out = io.StringIO()
    call_command("storyteller_link", "HS-0001", stdout=out)
    return re.search(r"/my-story/[^/\s]+/", out.getvalue()).group(0)


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_every_public_page_type_sends_the_strict_policy_and_may_not_be_framed(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    rules = policy(response)
    assert rules["default-src"] == ["'self'"]
    assert rules["script-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"]
    assert rules["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_page_served_from_the_page_cache_carries_the_same_headers(client):
    first = client.get(FLORA)
    again = client.get(FLORA)
    assert again.content == first.content
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"):
        assert again[header] == first[header]


def test_the_storytellers_own_page_sends_the_strict_policy(client):
    response = client.get(storyteller_page(), follow=True)
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", [*PUBLIC_PAGES.values(), EMBED_CARD])
def test_the_public_policy_allows_no_inline_or_evaluated_script(client, path):
    header = client.get(path)["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    assert "nonce-" not in header  # a kept page is given to many readers


@pytest.mark.parametrize("path", [*PUBLIC_PAGES.values(), EMBED_CARD, "/admin/login/"])
def test_every_page_refuses_the_browser_features_the_site_never_uses(client, path):
    header = client.get(path)["Permissions-Policy"]
    for feature in FEATURES_NEVER_USED:
        assert f"{feature}=()" in header


def test_the_story_card_is_the_one_page_other_sites_may_frame(client):
    for _ in range(2):  # rendered, then from the page cache
        response = client.get(EMBED_CARD)
        assert response.status_code == 200
        assert "X-Frame-Options" not in response
        assert policy(response)["frame-ancestors"] == ["*"]
        assert policy(response)["script-src"] == ["'self'"]


def test_the_card_of_a_story_that_may_not_be_embedded_is_frameable_and_empty(client):
    response = client.get("/stories/at-my-own-pace/embed/")
    assert response.status_code == 404
    assert "X-Frame-Options" not in response
    assert policy(response)["frame-ancestors"] == ["*"]


def test_a_page_the_site_frames_itself_may_be_framed_by_the_site_only():
    """The storyteller's preview of their story, and Wagtail's preview."""
    request = RequestFactory().get("/my-story/token/approve/1/story/")
    view = xframe_options_sameorigin(lambda request: HttpResponse("preview"))
    response = ContentSecurityPolicy(view)(request)
    assert policy(response)["frame-ancestors"] == ["'self'"]


def test_the_admin_sends_its_own_policy_and_may_not_be_framed(client):
    for response in (client.get("/admin/login/"), admin_client(client).get("/admin/")):
        assert response.status_code == 200
        rules = policy(response)
        # Wagtail starts widgets with inline scripts and sets styles inline.
        assert rules["script-src"] == ["'self'", "'unsafe-inline'"]
        assert rules["style-src"] == ["'self'", "'unsafe-inline'"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert rules["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"


def test_the_one_inline_style_the_policy_allows_is_the_error_pages():
    """The 500 page keeps its style inline (it must show when static files
    cannot); the policy allows exactly that style by its hash."""
    page = (ROOT / "site" / "templates" / "500.html").read_text()
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    allowed = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert allowed == ["'self'", f"'sha256-{digest}'"]


def test_no_public_template_holds_inline_script_or_style():
    templates = ROOT / "site" / "templates"
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)|\sstyle=|\son\w+=")
    found = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if path.name != "500.html" and inline.search(path.read_text())
    ]
    assert not found, f"inline script or style in {found}"


def check_deploy(**env):
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "SECURE_", "DATABASE_URL", "REDIS_URL"))
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "PERSONAL_DATA_KEYS": new_key(),
            "ALLOWED_HOSTS": "stories.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://stories.example.org",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("preload", ["false", "true"])
def test_production_settings_pass_the_deployment_check(preload):
    result = check_deploy(SECURE_HSTS_PRELOAD=preload)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


def test_hsts_preload_is_off_unless_the_operator_asks_for_it():
    probe = "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)"
    answers = []
    for preload in (None, "true"):
        env = {name: value for name, value in os.environ.items() if not name.startswith("SECURE_")}
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            SECRET_KEY="x",
            PERSONAL_DATA_KEYS=new_key(),
        )
        if preload:
            env["SECURE_HSTS_PRELOAD"] = preload
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", f"import django; django.setup(); {probe}"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        answers.append(result.stdout.strip())
    assert answers == ["False", "True"]
