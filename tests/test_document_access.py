"""Documents follow the pages that use them, like pictures."""

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from stories.factories import StandardPageFactory


def document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 test", name=f"{title}.pdf")
    )


def page_linking(doc, **kwargs):
    link = f'<p><a linktype="document" id="{doc.pk}">{doc.title}</a></p>'
    return StandardPageFactory(body=[("paragraph", RichText(link))], **kwargs)


def test_a_document_a_public_page_links_to_is_served_to_anyone(client):
    doc = document("leaflet")
    page_linking(doc)
    assert client.get(doc.url).status_code == 200


def test_a_document_only_a_draft_links_to_is_not_served(client):
    doc = document("draft-leaflet")
    page_linking(doc, publish=False)
    assert client.get(doc.url).status_code == 404
    client.force_login(get_user_model().objects.get(username="editor"))
    assert client.get(doc.url).status_code == 200


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_no_shared_cache_may_keep_a_document_anyone_fetched(client):
    """A CDN is never asked to forget a document, so none may keep one: a
    withdrawn story's leaflet must leave at once."""
    doc = document("public-leaflet")
    page_linking(doc)
    response = client.get(doc.url)
    assert response.status_code == 200
    assert "private" in cache_control(response)
    assert not any(part.startswith("s-maxage") for part in cache_control(response))


def test_a_document_served_to_the_admin_or_a_member_is_kept_by_no_cache(client):
    doc = document("members-leaflet")
    page_linking(doc)
    client.force_login(get_user_model().objects.get(username="editor"))
    response = client.get(doc.url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)
