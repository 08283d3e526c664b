"""A consent officer withdraws a storyteller's consent from the storyteller's
page in the admin; a reader who had the story open finds it gone on reload."""

from tests.e2e.browsing import sign_in_to_admin

FLORA = """
import json
from stories.storytellers import Storyteller
print(json.dumps(Storyteller.objects.get(reference="HS-0001").pk))
"""


def test_reader_gets_not_found_on_reload_after_officer_withdraws_consent(site, new_context):
    reader = new_context(site).new_page()
    response = reader.goto("/stories/floras-story/")
    assert response.status == 200
    title = reader.locator("h1").inner_text()

    officer = new_context(site).new_page()
    sign_in_to_admin(officer, "consent")
    officer.goto(f"/admin/snippets/stories/storyteller/edit/{site.query(FLORA)}/")
    officer.get_by_role("link", name="Withdraw consent…").click()
    officer.get_by_label("Reason").fill("She would rather keep her story to herself now.")
    officer.get_by_label("I confirm the storyteller (or their guardian) withdrew consent").check()
    officer.get_by_role("button", name="Withdraw consent").click()
    officer.wait_for_url("**/admin/snippets/stories/storyteller/edit/**")
    assert "Consent of HS-0001 withdrawn" in officer.locator(".messages").inner_text()

    response = reader.reload()
    assert response.status == 404, f"“{title}” still answers {response.status} after withdrawal"
    assert title not in reader.content()
