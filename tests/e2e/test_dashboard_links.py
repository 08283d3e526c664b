"""Every link on each role's dashboard and reports leads somewhere that role may see.

Each role signs in to /admin/, opens the dashboard (and each report it may
open) and follows every link in its main content. None may land on "Sorry,
you do not have permission to access this area.", on the sign-in page or on
an error.
"""

from urllib.parse import urlsplit

import pytest

from tests.e2e.browsing import sign_in_to_admin

PERMISSION_ERROR = "do not have permission"
ROLES = ["editor", "reviewer", "consent", "admin"]
REPORTS = ["/admin/reports/consent-coverage/", "/admin/reports/awaiting-review/"]


def dead_ends(context, page):
    """(link, what went wrong) for each link of the dashboard's main content."""
    hrefs = page.eval_on_selector_all(
        "main a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    links = sorted(
        {
            href.split("#")[0]
            for href in hrefs
            if href and not href.startswith(("#", "mailto:", "tel:", "javascript:"))
        }
        - {""}
    )
    assert links, "the dashboard shows no links at all: the test would prove nothing"
    found = []
    for link in links:
        if urlsplit(link).netloc and not link.startswith(context.base_url):
            continue  # another site
        response = context.request.get(link)
        landed = urlsplit(response.url).path
        if landed.startswith("/admin/login/"):
            found.append((link, "sign-in page"))
        elif response.status >= 400:
            found.append((link, f"status {response.status}"))
        elif PERMISSION_ERROR in response.text():
            found.append((link, "permission error"))
    return found


@pytest.mark.parametrize("role", ROLES)
def test_every_dashboard_link_opens_for_the_role(shared_site, new_context, role):
    context = new_context(shared_site)
    context.base_url = shared_site.base_url
    page = context.new_page()
    sign_in_to_admin(page, role)
    page.goto("/admin/")
    found = dead_ends(context, page)
    assert not found, f"{role}'s dashboard links that dead-end: " + "; ".join(
        f"{link} ({what})" for link, what in found
    )


@pytest.mark.parametrize("role", ROLES)
def test_every_report_link_opens_for_the_role(shared_site, new_context, role):
    context = new_context(shared_site)
    context.base_url = shared_site.base_url
    page = context.new_page()
    sign_in_to_admin(page, role)
    opened = 0
    found = []
    for report in REPORTS:
        response = page.goto(report)
        if response.status == 403 or PERMISSION_ERROR in page.content():
            continue  # not this role's report; its menu does not offer it
        opened += 1
        found += dead_ends(context, page)
    if role != "editor":
        assert opened, f"{role} may open none of the reports: the test would prove nothing"
    assert not found, f"{role}'s report links that dead-end: " + "; ".join(
        f"{link} ({what})" for link, what in found
    )
