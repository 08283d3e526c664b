"""What a person does in the browser, in words the journeys read well with."""

import os
import re

from tests.deployment import ROOT

PASSWORD = os.environ.get("ADMIN_PASSWORD", "changeme")
SCREENSHOTS = ROOT / ".artefacts" / "screenshots"


def sign_in_to_admin(page, username, password=PASSWORD):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)


def sign_in_as_reader(page, username, password=PASSWORD):
    page.goto("/account/sign-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/account/sign-in/" not in url)


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def code_in_mail(site):
    """The last one-time code any process of the site e-mailed."""
    codes = re.findall(r"^\s+(\d{6})\s*$", "\n".join(site.mail()), re.MULTILINE)
    assert codes, "no code arrived by e-mail"
    return codes[-1]


def type_the_code(site, page):
    """On the page a storyteller's link opens: ask for a code, read it, type it."""
    page.get_by_role("button", name="Send me a code").click()
    page.get_by_role("heading", name="Type your code").wait_for()
    page.get_by_label("The code from the e-mail").fill(code_in_mail(site))
    page.get_by_role("button", name="Open my page").click()
    page.get_by_role("heading", name="Your story", exact=True).wait_for()
