from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from stories.api import api_router
from stories.api_schema import openapi_json
from stories.crawlers import favicon, robots_txt
from stories.embedding import oembed
from stories.exports import site_history_urls
from stories.media_serving import serve_document, serve_image
from stories.page_cache import kept_for_readers
from stories.search import search
from stories.sitemap import sitemap, sitemap_section
from stories.story_links import follow_story_link
from stories.uploads import add_image_urlpatterns

# No folder of uploads is served as such, in development either: pictures go
# through `serve_image` and documents through Wagtail's serve view (wrapped by
# `serve_document`, ahead of Wagtail's own route, so no CDN keeps one), which
# check that the reader may see a page using them.
urlpatterns = [
    path("admin/images/multiple/", include("stories.uploads")),  # held uploads kept private
    path("admin/images/add/", include(add_image_urlpatterns)),  # storage errors told
    # Site history exports safely: ahead of Wagtail's own view at the same address.
    path("admin/reports/", include(site_history_urls)),
    path("admin/", include(wagtailadmin_urls)),
    re_path(r"^documents/(\d+)/(.*)$", serve_document),
    path("documents/", include(wagtaildocs_urls)),
    path("images/<path:name>", serve_image, name="story_image_file"),
    path("clips/", include("stories.clip_access")),  # voice and video, through the gate
    path("api/v2/openapi.json", openapi_json, name="api_openapi"),
    path("api/v2/", api_router.urls),
    path("oembed/", oembed, name="oembed"),
    path("read/<int:pk>/", follow_story_link, name="story_link"),
    path("account/", include("stories.readers.urls")),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_section, name="sitemap_section"),
    path("my-story/", include("stories.storyteller_page.urls")),
]
# What readers read, in their language: English at the addresses it always had,
# Spanish under /es/ (/es/search/, /es/stories/<slug>/). Everything above stays
# at one address for every language.
urlpatterns += i18n_patterns(
    path("search/", kept_for_readers(search), name="search"),
    # A story's classroom pack as a PDF: routed by the story itself (StoryPage.route),
    # past Wagtail's own pattern, which takes no dot.
    re_path(r"^((?:[\w\-]+/)+pack\.pdf)$", wagtail_views.serve, name="story_pack_pdf"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database out of reach is "back in a moment" (503 with Retry-After), not a 500.
handler500 = "stories.unavailable.server_error_or_unavailable"
