"""Which pages the benchmark asks for, chosen from the database it runs on."""

from urllib.parse import quote

SEARCH_WORDS = ["dentist", "anxiety", "chair", "smile", "clinic", "brave", "headset", "school"]

# name -> what it is, in the order of the table
PAGES = {
    "home": "home page",
    "index": "story index",
    "index_theme": "index, one theme",
    "story": "story page",
    "story_after_publish": "story, right after another's publish",
    "story_after_change": "story, right after a consent change",
    "story_nocache": "story, nothing cached at all",
    "story_schools": "story, schools reader",
    "story_partners": "story, partners reader",
    "search": "search",
    "feed": "Atom feed",
    "sitemap": "sitemap.xml",
    "api": "API list",
    "embed": "story embed",
}


def page_paths():
    """name -> (path, reader) for every page type; the story is a public one
    with pictures that other sites may embed, the newest such."""
    from stories.visibility import embeddable_stories, visible_stories

    story = (
        embeddable_stories()
        .filter(hero_image__isnull=False)
        .order_by("-first_published_at")
        .first()
        or visible_stories().order_by("-first_published_at").first()
    )
    theme = story.themes.order_by("pk").first()
    return {
        "home": ("/", "anonymous"),
        "index": ("/stories/", "anonymous"),
        "index_theme": (f"/stories/?theme={quote(theme.slug)}", "anonymous"),
        "story": (story.url, "anonymous"),
        "story_schools": (story.url, "teacher"),
        "story_partners": (story.url, "partner"),
        "search": (f"/search/?q={SEARCH_WORDS[0]}", "anonymous"),
        "feed": ("/stories/feed/", "anonymous"),
        "sitemap": ("/sitemap.xml", "anonymous"),
        "api": ("/api/v2/pages/", "anonymous"),
        "embed": (f"{story.url}embed/", "anonymous"),
    }
