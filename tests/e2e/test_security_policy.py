"""The security policies hold in a real browser, and nothing they forbid is needed.

Readers' pages run under a Content-Security-Policy with no inline script or
style; the Wagtail admin under a looser one of its own. Chromium reports each
thing a policy blocks as a `securitypolicyviolation` event in the page (and a
console error): the pages of every public type, the story card framed by
another site, and an editor's round of the admin (the page explorer, a
story's edit form, the image chooser and the preview) must raise none, and
must still work.
"""

import contextlib
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.e2e.browsing import sign_in_to_admin

PUBLIC_PAGES = {
    "home": "/",
    "story index": "/stories/",
    "story": "/stories/floras-story/",
    "plain page": "/about/",
    "search": "/search/?q=flora",
    "sign-in": "/account/sign-in/",
    "not found": "/no-such-page/",
}
FLORA = "Flora’s story: the chair I could not sit in"
CARD = "/stories/floras-story/embed/"
# Recorded in every frame of every page, before the page's own scripts run.
RECORD_VIOLATIONS = """
window.policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.policyViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} `
        + `in ${event.sourceFile || document.location.href}:${event.lineNumber}`
    );
});
"""


class Watched:
    """A browser window whose policy violations and script errors are kept."""

    def __init__(self, context):
        context.add_init_script(RECORD_VIOLATIONS)
        self.page = context.new_page()
        self.problems = []
        self.page.on("console", self.console)
        self.page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def console(self, message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.problems.append(f"console: {message.text}")

    def violations(self):
        found = []
        for frame in self.page.frames:
            if frame.url.startswith(("about:", "chrome-error:")):
                continue
            found += frame.evaluate("window.policyViolations || []")
        return found

    def assert_clean(self, where):
        problems = self.violations() + self.problems
        assert not problems, f"{where}: " + "; ".join(problems)

    def visit(self, path):
        response = self.page.goto(path)
        self.page.wait_for_load_state("networkidle")
        return response


def test_public_pages_break_no_rule_of_their_policy(shared_site, new_context):
    window = Watched(new_context(shared_site))
    for name, path in PUBLIC_PAGES.items():
        response = window.visit(path)
        assert "'unsafe-inline'" not in response.header_value("content-security-policy")
        window.assert_clean(name)
    # The stylesheet applies: the site's header is laid out as a bar, not as text.
    window.visit("/")
    assert window.page.eval_on_selector(
        ".site-header", "header => getComputedStyle(header).display"
    ) in ("block", "flex", "grid")


@contextlib.contextmanager
def another_site(framed_url):
    """A page at another origin (loopback, another port) framing the address,
    as a partner's newsletter would. It is a real server, not a route the
    browser fakes: Chromium refuses a page it thinks public framing loopback."""
    body = (
        '<!doctype html><html lang="en"><title>A partner</title>'
        f'<iframe src="{framed_url}" title="A story"></iframe></html>'
    ).encode()

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the standard library's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/newsletter/"
    finally:
        server.shutdown()
        server.server_close()


def test_another_site_may_frame_the_story_card_and_it_shows(shared_site, new_context):
    card = shared_site.base_url + CARD
    window = Watched(new_context(shared_site))
    with another_site(card) as newsletter:
        window.visit(newsletter)
        frame = window.page.frame(url=card)
        assert frame is not None, "the card was not framed"
        frame.get_by_text("Flora").first.wait_for()
        window.assert_clean("the card in a partner's page")


def test_another_site_may_not_frame_a_story_page(shared_site, new_context):
    story = shared_site.base_url + PUBLIC_PAGES["story"]
    page = new_context(shared_site).new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    with another_site(story) as copy:
        page.goto(copy)
        page.wait_for_load_state("networkidle")
    framed = page.frame(url=story)
    assert framed is None or "Flora" not in framed.content()
    assert any("frame-ancestors 'none'" in text for text in refused), refused


def test_an_editor_works_in_the_admin_under_its_policy(shared_site, new_context):
    window = Watched(new_context(shared_site))
    page = window.page
    sign_in_to_admin(page, "admin")
    page.wait_for_load_state("networkidle")
    window.assert_clean("the dashboard")

    # The page explorer, from the sidebar (the admin's API, drawn by script).
    window.visit("/admin/pages/")
    page.get_by_role("button", name="Pages", exact=True).click()
    page.get_by_role("link", name="Histories & Smiles").first.wait_for()
    window.assert_clean("the page explorer")

    # A story's edit form, found by the admin's search.
    window.visit("/admin/pages/search/?q=flora")
    page.get_by_role("link", name=FLORA).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page.wait_for_load_state("networkidle")
    window.assert_clean("the edit form")

    # The image chooser for the hero picture: a modal filled by script.
    page.locator("#id_hero_image-chooser").get_by_role("button", name="Actions").click()
    page.get_by_role("button", name="Change image").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("heading", name="Choose an image").wait_for()
    chooser.get_by_text("The calming suite at dawn").first.wait_for()
    page.wait_for_load_state("networkidle")
    window.assert_clean("the image chooser")
    # Closed by its own button, and gone before the next click: under load a
    # key press may reach the page before the modal has the focus.
    chooser.locator('[data-dismiss="modal"]').click()
    chooser.wait_for(state="hidden")

    # The preview, which the admin frames from its own origin.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe[title]").first
    preview.get_by_role("heading", name=FLORA).wait_for()
    window.assert_clean("the preview")

    # A public page seen by someone signed in to the admin (Wagtail's user bar).
    window.visit(PUBLIC_PAGES["story"])
    page.locator("wagtail-userbar").wait_for(state="attached")
    window.assert_clean("a story with the user bar")
