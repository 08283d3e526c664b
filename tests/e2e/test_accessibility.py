"""Every kind of public page passes axe-core, signed out and as a teacher.

axe-core runs in Chromium on each page type at a phone's width (390 px) and
a desktop's (1280 px); no serious or critical violation is allowed. A
screenshot of each is kept under .artefacts/screenshots/ for people to look at.
A story for schools only is read by the teacher; a signed-out reader is
asked to sign in instead.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.browsing import screenshot, sign_in_as_reader

PAGE_TYPES = {
    "home": "/",
    "story-index": "/stories/",
    "story": "/stories/floras-story/",
    "schools-story": "/stories/a-teachers-note/",
    "plain-page": "/about/",
    "search-results": "/search/?q=smile",
    "story-embed": "/stories/floras-story/embed/",
    "sign-in": "/account/sign-in/",
    "not-found": "/no-such-page/",
}
WIDTHS = (390, 1280)
BLOCKING = {"serious", "critical"}


def blocking_violations(results):
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("reader", ["signed-out", "teacher"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_public_page_has_no_serious_accessibility_violations(
    shared_site, new_context, page_type, reader
):
    path = PAGE_TYPES[page_type]
    found = {}
    for width in WIDTHS:
        page = new_context(shared_site, width=width).new_page()
        if reader == "teacher":
            sign_in_as_reader(page, "teacher")
        response = page.goto(path)
        expected = 404 if page_type == "not-found" else 200
        assert response.status == expected, f"{path} answered {response.status} to {reader}"
        if page_type == "schools-story" and reader == "signed-out":
            assert "/account/sign-in/" in page.url, "a schools story shown to a signed-out reader"
        page.wait_for_load_state("load")
        screenshot(page, f"{page_type}-{reader}-{width}")
        problems = blocking_violations(Axe().run(page))
        if problems:
            found[width] = problems
    assert not found, f"axe-core on {path} for {reader}: {found}"
