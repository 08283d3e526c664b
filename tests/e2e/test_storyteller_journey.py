"""A storyteller holds their own story: they open the private link a consent
officer sent, type the code from their e-mail, read the new version of their
story and approve it, and later take their story back; a reader who had the
story open finds it gone on reload. Their page is checked with axe too."""

import re
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

from tests.e2e.browsing import screenshot, type_the_code


def link_for(site, reference):
    """The link a consent officer issues (a command in a process of its own)."""
    url = site.manage("storyteller_link", reference).stdout.strip().splitlines()[-1]
    return urlsplit(url).path


def open_own_page(site, page, reference):
    path = link_for(site, reference)
    page.goto(path)
    type_the_code(site, page)
    return path


def serious_violations(page):
    results = Axe().run(page)
    return [
        (violation["id"], violation["help"])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def fits_the_window(page):
    """Nothing wider than the window: no sideways scrolling on a phone or at 200% zoom."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_storyteller_approves_then_takes_their_story_back_and_readers_lose_it(site, new_context):
    reader = new_context(site).new_page()
    assert reader.goto("/stories/floras-story/").status == 200
    title = reader.locator("h1").inner_text()

    flora = new_context(site, width=390, height=844).new_page()  # a phone
    open_own_page(site, flora, "HS-0001")
    assert flora.get_by_role("heading", name="Your story", exact=True).is_visible()
    assert serious_violations(flora) == []
    assert fits_the_window(flora)
    screenshot(flora, "storyteller-page")

    flora.get_by_role("link", name="Read it and say if it is right").first.click()
    assert flora.get_by_role("heading", name="Read your story before it is shared").is_visible()
    assert fits_the_window(flora)
    flora.get_by_role("button", name="Yes, share my story like this").click()
    flora.wait_for_url(re.compile(r"/my-story/[^/]+/$"))
    assert "Read it and say if it is right" not in flora.content()

    flora.get_by_role("link", name="Take your story back").click()
    assert flora.get_by_role("heading", name="Withdraw your consent").is_visible()
    assert serious_violations(flora) == []
    assert fits_the_window(flora)
    flora.get_by_role("button", name="Withdraw my consent now").click()
    assert "withdrawn" in flora.locator("main").inner_text().lower()

    response = reader.reload()
    assert response.status == 404, f"“{title}” still answers {response.status} after withdrawal"
    assert title not in reader.content()
