"""A consent officer withdraws a storyteller's consent, or takes one story
down, from the storyteller's page in the admin; a reader who had the story
open finds it gone on reload, and a story taken down alone leaves the
storyteller's other stories up."""

from tests.e2e.browsing import sign_in_to_admin

STORYTELLER = """
import json
from stories.storytellers import Storyteller
print(json.dumps(Storyteller.objects.get(reference="{reference}").pk))
"""


def storyteller_page(site, reference):
    pk = site.query(STORYTELLER.format(reference=reference))
    return f"/admin/snippets/stories/storyteller/edit/{pk}/"


def test_reader_gets_not_found_on_reload_after_officer_withdraws_consent(site, new_context):
    reader = new_context(site).new_page()
    response = reader.goto("/stories/floras-story/")
    assert response.status == 200
    title = reader.locator("h1").inner_text()

    officer = new_context(site).new_page()
    sign_in_to_admin(officer, "consent")
    officer.goto(storyteller_page(site, "HS-0001"))
    officer.get_by_role("link", name="Withdraw consent…").click()
    officer.get_by_label("Reason").fill("She would rather keep her story to herself now.")
    officer.get_by_label("I confirm the storyteller (or their guardian) withdrew consent").check()
    officer.get_by_role("button", name="Withdraw consent").click()
    officer.wait_for_url("**/admin/snippets/stories/storyteller/edit/**")
    assert "Consent of HS-0001 withdrawn" in officer.locator(".messages").inner_text()

    response = reader.reload()
    assert response.status == 404, f"“{title}” still answers {response.status} after withdrawal"
    assert title not in reader.content()


def test_reader_gets_not_found_on_reload_after_officer_takes_one_story_down(site, new_context):
    taken_down = "The man who stopped hiding in photographs"
    reader = new_context(site).new_page()
    assert reader.goto("/stories/learning-to-floss-at-forty-five/").status == 200
    assert reader.goto("/stories/smiling-in-photographs/").status == 200

    officer = new_context(site).new_page()
    sign_in_to_admin(officer, "consent")
    officer.goto(storyteller_page(site, "HS-0002"))
    story = officer.locator("li").filter(has_text=taken_down)
    story.get_by_role("link", name="Take this story down…").click()
    officer.get_by_label("Reason").fill("A photo in it shows a colleague who did not agree.")
    officer.get_by_role("button", name="Take this story down").click()
    officer.wait_for_url(lambda url: "/take-down/" not in url)
    assert f"“{taken_down}” taken down" in officer.locator(".messages").inner_text()

    response = reader.reload()
    assert response.status == 404, f"“{taken_down}” still answers {response.status}"
    assert taken_down not in reader.content()
    assert reader.goto("/stories/learning-to-floss-at-forty-five/").status == 200
