"""What a person does in the browser, in words the journeys read well with."""

import os

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
