"""From a first draft to a reader, through the real admin.

An editor writes a story for Priya (HS-0009), whose consent was withdrawn,
and sees why it cannot go ahead before submitting it; submitting is refused.
A consent officer records Priya's new consent in the consent records admin;
the story is submitted, approved by the clinical reviewer, then approved and
published by the consent officer, and a signed-out reader reads it.
"""

import contextlib
import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.browsing import sign_in_to_admin

TITLE = "Back at work, slowly"
SLUG = "back-at-work-slowly"
SUMMARY = "Priya on going back to work after treatment, three days a week."
BODY = "I went back to work three days a week, and it was enough."
EDIT_FORM = re.compile(r"/admin/pages/\d+/edit/")
STORY_INDEX = """
import json
from stories.pages import StoryIndexPage
print(json.dumps(StoryIndexPage.objects.get(slug="stories").pk))
"""


def messages(page):
    shown = page.locator(".messages")
    return shown.inner_text() if shown.count() else ""


def take_action(page, name):
    """Press one of the footer's actions, opening its menu when it is tucked away."""
    button = page.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.get_by_role("button", name="More actions").click()
    button.click()
    page.wait_for_load_state("load")


def assert_lands_where_allowed(page, news):
    """After an action, the person sees the news, and no permission error."""
    shown = messages(page)
    assert "/admin/login/" not in page.url, f"sent to sign in again after the action: {page.url}"
    assert "do not have permission" not in shown, f"sent to {page.url}, which says: {shown}"
    assert news in shown.lower(), f"no “{news}” at {page.url}: {shown!r}"


def save_new_draft(page):
    """Save the new story as a draft, after autosave if autosave has begun.

    Autosave makes a new page a draft and turns the form into its edit form;
    pressing "Save draft" while its first save is on the way would create the
    page a second time (and be refused: the slug is taken).
    """
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_url(EDIT_FORM, timeout=8_000)
    if EDIT_FORM.search(page.url):
        page.get_by_text("Saved", exact=True).wait_for()
    take_action(page, "Save draft")
    page.wait_for_url(EDIT_FORM)


def write_story_for_priya(page, index_id):
    page.goto(f"/admin/pages/{index_id}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_url("**/admin/pages/add/stories/storypage/**")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)
    page.get_by_role("button", name="Choose storyteller").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("link", name="HS-0009 · Priya").click()
    chooser.wait_for(state="hidden")
    body = page.locator("#panel-child-content-body-section")
    body.get_by_title("Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = body.locator("[contenteditable=true]").first
    paragraph.click()
    paragraph.type(BODY)


def test_story_goes_from_draft_without_consent_to_a_reader(site, new_context):
    index_id = site.query(STORY_INDEX)

    # The editor writes the story and sees the consent problem before submitting.
    editor = new_context(site).new_page()
    sign_in_to_admin(editor, "editor")
    write_story_for_priya(editor, index_id)
    panel = editor.locator("#panel-child-content-consent-section")
    panel.get_by_text("Consent was withdrawn").wait_for()
    save_new_draft(editor)
    story_id = int(re.search(r"/admin/pages/(\d+)/edit/", editor.url).group(1))
    assert "Consent was withdrawn" in panel.inner_text()
    assert "cannot be published" in panel.inner_text()

    take_action(editor, "Submit to Story review")
    refusal = messages(editor)
    assert "was not submitted for review: Consent was withdrawn" in refusal, refusal

    # The consent officer records Priya's new consent.
    officer = new_context(site).new_page()
    sign_in_to_admin(officer, "consent")
    officer.goto("/admin/consent-records/")
    officer.get_by_role("link", name=re.compile(r"^Add")).first.click()
    officer.get_by_label("Storyteller").select_option(label="HS-0009 · Priya")
    officer.get_by_label("The public").check()
    officer.get_by_role("button", name="Create").click()
    officer.wait_for_url(lambda url: "/new/" not in url)
    assert "error" not in messages(officer).lower(), messages(officer)

    # Now the editor may submit it.
    editor.reload()
    assert "Consent was withdrawn" not in panel.inner_text()
    take_action(editor, "Submit to Story review")
    submitted = messages(editor)
    assert "submitted" in submitted and "not submitted" not in submitted, submitted

    # The clinical reviewer approves it, then the consent officer publishes it.
    reviewer = new_context(site).new_page()
    sign_in_to_admin(reviewer, "reviewer")
    reviewer.goto(f"/admin/pages/{story_id}/edit/")
    take_action(reviewer, "Approve")
    assert_lands_where_allowed(reviewer, "approved")

    reader = new_context(site).new_page()
    assert reader.goto(f"/stories/{SLUG}/").status == 404, "live before the consent check"

    officer.goto(f"/admin/pages/{story_id}/edit/")
    take_action(officer, "Approve and publish")
    assert_lands_where_allowed(officer, "approved")

    # A signed-out reader reads it.
    response = reader.goto(f"/stories/{SLUG}/")
    assert response.status == 200
    assert reader.locator("h1").inner_text() == TITLE
    assert BODY in reader.locator("main").inner_text()
