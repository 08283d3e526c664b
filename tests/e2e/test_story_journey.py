"""From a first draft to a reader, through the real admin.

An editor uploads a photo of Sol (HS-0008), marked as showing an identifiable
person, and writes a story for him with it as the hero picture. Sol agreed to
words only, so the editor sees in the consent panel, before submitting, that
the photo is not covered; submitting is refused. A consent officer records
Sol's new consent, photos included, in the consent records admin; the story
is submitted, approved by the clinical reviewer, read and approved by Sol on
his own page (from the e-mail the review sent him), then approved and
published by the consent officer, and a signed-out reader reads it, picture
and all.
"""

import contextlib
import re
from urllib.parse import urlsplit

from PIL import Image, ImageDraw
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.browsing import sign_in_to_admin, type_the_code

TITLE = "Back at work, slowly"
SLUG = "back-at-work-slowly"
SUMMARY = "Sol on going back to work after treatment, three days a week."
BODY = "I went back to work three days a week, and it was enough."
STORYTELLER = "HS-0008 · Sol"
STORYTELLER_EMAIL = "sol.achebe@example.com"
PHOTO = "Sol at his workbench"
PHOTO_PROBLEM = f"Photo ‘{PHOTO}’ shows a recognisable person; consent covers words only."
EDIT_FORM = re.compile(r"/admin/pages/\d+/edit/")
STORY_INDEX = """
import json
from stories.pages import StoryIndexPage
print(json.dumps(StoryIndexPage.objects.get(slug="stories", locale__language_code="en-gb").pk))
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


def storyteller_approves_from_the_invitation(site, page, address):
    """The storyteller opens the link in the e-mail the review sent, types the
    code, reads the story and says yes."""
    invitations = [mail for mail in site.mail() if f"To: {address}" in mail and "/approve/" in mail]
    assert invitations, f"no invitation to read the story reached {address}"
    url = re.search(r"https?://\S+/my-story/\S+/approve/\d+/", invitations[-1]).group(0)
    page.goto(urlsplit(url).path)
    type_the_code(site, page)
    page.get_by_role("link", name="Read it and say if it is right").first.click()
    page.get_by_role("button", name="Yes, share my story like this").click()
    page.get_by_text("You said yes to").wait_for()


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


def a_photo(folder):
    """A JPEG such as a camera gives, for the upload form."""
    path = folder / "sol-at-his-workbench.jpg"
    picture = Image.new("RGB", (1200, 800), (196, 164, 132))
    drawing = ImageDraw.Draw(picture)
    drawing.ellipse((480, 180, 720, 460), fill=(120, 84, 60))
    drawing.rectangle((420, 460, 780, 800), fill=(40, 70, 120))
    picture.save(path, "JPEG", quality=85)
    return path


def upload_photo_of_sol(page, folder):
    """Add an image, marked as showing Sol, through the admin's image upload."""
    page.goto("/admin/images/add/")
    page.fill("#id_title", PHOTO)
    page.set_input_files("#id_file", str(a_photo(folder)))
    page.fill("#id_alt_text", "Sol smiling at his workbench.")
    page.get_by_label("shows an identifiable person").check()
    page.locator("#id_storyteller").select_option(label=STORYTELLER)
    page.locator("form[action*='/admin/images/add/'] button[type=submit]").click()
    page.wait_for_url(lambda url: "/admin/images/add/" not in url)
    assert "error" not in messages(page).lower(), messages(page)


def choose(page, button, link):
    page.get_by_role("button", name=button).click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("link", name=link).first.click()
    chooser.wait_for(state="hidden")


def write_story_for_sol(page, index_id):
    page.goto(f"/admin/pages/{index_id}/")
    page.get_by_role("link", name="Add child page").first.click()
    page.wait_for_url("**/admin/pages/add/stories/storypage/**")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)
    choose(page, "Choose storyteller", STORYTELLER)
    choose(page, "Choose an image", PHOTO)
    body = page.locator("#panel-child-content-body-section")
    body.get_by_title("Insert a block").click()
    page.get_by_role("option", name="Paragraph").click()
    paragraph = body.locator("[contenteditable=true]").first
    paragraph.click()
    paragraph.type(BODY)


def test_story_with_a_photo_goes_from_draft_without_consent_to_a_reader(
    site, new_context, tmp_path
):
    index_id = site.query(STORY_INDEX)

    # The editor uploads Sol's photo, writes the story with it, and sees the
    # photo problem before submitting.
    editor = new_context(site).new_page()
    sign_in_to_admin(editor, "editor")
    upload_photo_of_sol(editor, tmp_path)
    write_story_for_sol(editor, index_id)
    panel = editor.locator("#panel-child-content-consent-section")
    save_new_draft(editor)
    story_id = int(re.search(r"/admin/pages/(\d+)/edit/", editor.url).group(1))
    panel.get_by_text(PHOTO_PROBLEM).wait_for()
    assert "cannot be published" in panel.inner_text()

    take_action(editor, "Submit to Story review")
    refusal = messages(editor)
    assert f"was not submitted for review: {PHOTO_PROBLEM}" in refusal, refusal

    # The consent officer records Sol's new consent, photos of him included.
    officer = new_context(site).new_page()
    sign_in_to_admin(officer, "consent")
    officer.goto("/admin/consent-records/")
    officer.get_by_role("link", name=re.compile(r"^Add")).first.click()
    officer.get_by_label("Storyteller").select_option(label=STORYTELLER)
    officer.get_by_label("The public").check()
    officer.get_by_label("photos that show them").check()
    officer.get_by_role("button", name="Create").click()
    officer.wait_for_url(lambda url: "/new/" not in url)
    assert "error" not in messages(officer).lower(), messages(officer)

    # Now the editor may submit it.
    editor.reload()
    assert "shows a recognisable person" not in panel.inner_text()
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

    # Sol reads it on his own page and says yes.
    sol = new_context(site, width=390, height=844).new_page()
    storyteller_approves_from_the_invitation(site, sol, STORYTELLER_EMAIL)
    assert reader.goto(f"/stories/{SLUG}/").status == 404, "live before the consent check"

    officer.goto(f"/admin/pages/{story_id}/edit/")
    take_action(officer, "Approve and publish")
    assert_lands_where_allowed(officer, "approved")

    # A signed-out reader reads it.
    response = reader.goto(f"/stories/{SLUG}/")
    assert response.status == 200
    assert reader.locator("h1").inner_text() == TITLE
    assert BODY in reader.locator("main").inner_text()

    # The hero picture loads for the reader.
    hero = reader.locator(".story__hero img")
    hero.wait_for()
    picture_url = hero.evaluate("img => img.currentSrc || img.src")
    assert reader.request.get(picture_url).status == 200, picture_url
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0"), picture_url
