"""Reading without rough edges, measured in Chromium at a phone's width (390 px)
and a desktop's (1280 px).

Each test measures what a reader saw go wrong: the header pushed a story's
first line a third of the way down a phone; the badge of a story for schools
wrapped inside its pill; a story told in words only left an empty white box
in the grid; the embedded card cut its picture to a thin strip; and the menu
must still open and close without a script.
"""

import pytest

from tests.e2e.browsing import screenshot, sign_in_as_reader

PHONE, DESKTOP = 390, 1280
STORY = "/stories/floras-story/"
SCHOOLS_STORY = "/stories/a-teachers-note/"
WORDS_ONLY = "Words without pictures"


def test_on_a_phone_the_story_starts_near_the_top(shared_site, new_context):
    page = new_context(shared_site, width=PHONE, height=844).new_page()
    page.goto(STORY)
    header = page.locator(".site-header").bounding_box()
    title = page.locator("h1").bounding_box()
    screenshot(page, f"reading-story-{PHONE}")
    assert header["height"] <= 80, f"the header is {header['height']:.0f} px tall"
    assert title["y"] <= 120, f"the story's title starts {title['y']:.0f} px down"


def test_on_a_phone_the_menu_folds_into_a_button_that_opens_and_closes(shared_site, new_context):
    page = new_context(shared_site, width=PHONE, height=844).new_page()
    page.goto(STORY)
    toggle = page.locator(".site-menu__toggle")
    about = page.locator(".site-nav").get_by_role("link", name="About the campaign")
    assert toggle.is_visible()
    assert not about.is_visible()
    assert not page.get_by_label("Search stories").is_visible()

    toggle.focus()
    page.keyboard.press("Enter")
    assert about.is_visible()
    assert page.get_by_label("Search stories").is_visible()
    assert page.locator(".site-account").get_by_role("link", name="Sign in").is_visible()
    screenshot(page, f"reading-menu-open-{PHONE}")

    page.keyboard.press("Enter")
    assert not about.is_visible()


def test_on_a_phone_the_menu_works_without_a_script(browser, shared_site):
    context = browser.new_context(
        base_url=shared_site.base_url,
        viewport={"width": PHONE, "height": 844},
        java_script_enabled=False,
    )
    try:
        page = context.new_page()
        page.goto(STORY)
        page.locator(".site-menu__toggle").click()
        page.locator(".site-nav").get_by_role("link", name="About the campaign").click()
        page.wait_for_url("**/about/")
    finally:
        context.close()


def test_on_a_desktop_the_menu_is_open_and_its_button_hidden(shared_site, new_context):
    page = new_context(shared_site, width=DESKTOP).new_page()
    page.goto(STORY)
    assert not page.locator(".site-menu__toggle").is_visible()
    assert page.locator(".site-nav").get_by_role("link", name="About the campaign").is_visible()
    assert page.get_by_label("Search stories").is_visible()
    page.locator(".site-nav").get_by_role("link", name="About the campaign").click()
    page.wait_for_url("**/about/")


LABELS = """
() => [...document.querySelectorAll('.audience-badge, .audience-notice')].map(label => {
    const box = label.getBoundingClientRect();
    const holder = label.parentElement.getBoundingClientRect();
    const style = getComputedStyle(label);
    return {
        text: label.textContent.trim(),
        lines: Math.round(box.height / parseFloat(style.lineHeight)),
        radius: parseFloat(style.borderTopLeftRadius),
        overflows: label.scrollWidth > label.clientWidth + 1 || box.right > holder.right + 1,
    };
})
"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("path", [SCHOOLS_STORY, "/stories/"])
def test_who_a_story_is_shared_with_reads_well_at_any_width(shared_site, new_context, path, width):
    page = new_context(shared_site, width=width).new_page()
    sign_in_as_reader(page, "teacher")
    page.goto(path)
    labels = page.evaluate(LABELS)
    assert labels, f"no audience label on {path}"
    screenshot(page, f"reading-audience-{path.strip('/').replace('/', '-')}-{width}")
    for label in labels:
        assert not label["overflows"], label
        # A pill shape only holds one line; a label that wraps is a soft rectangle.
        assert label["lines"] <= 1 or label["radius"] <= 12, label
    if path == SCHOOLS_STORY:
        assert "please do not pass it on" in labels[0]["text"]


WORDS_CARD_GAPS = """
title => {
    const card = [...document.querySelectorAll('.card')]
        .find(card => card.querySelector('.card__title').textContent.trim() === title);
    if (!card) return null;
    const shown = '.card__lead, .card__title, .card__summary, .card__meta, .tags, img';
    const blocks = [...card.querySelectorAll(shown)]
        .map(block => block.getBoundingClientRect())
        .filter(box => box.height > 0)
        .sort((a, b) => a.top - b.top);
    const top = card.getBoundingClientRect().top;
    const bottom = card.getBoundingClientRect().bottom;
    let reached = top, widest = 0;
    for (const box of blocks) {
        widest = Math.max(widest, box.top - reached);
        reached = Math.max(reached, box.bottom);
    }
    widest = Math.max(widest, bottom - reached);
    return {pictures: card.querySelectorAll('img').length, emptiest: widest};
}
"""


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_story_told_in_words_only_leaves_no_empty_box_in_the_grid(
    shared_site, new_context, width
):
    page = new_context(shared_site, width=width).new_page()
    page.goto("/stories/")
    card = page.evaluate(WORDS_CARD_GAPS, WORDS_ONLY)
    assert card is not None, f"{WORDS_ONLY!r} is not on the first page of the index"
    screenshot(page, f"reading-index-{width}")
    assert card["pictures"] == 0
    assert card["emptiest"] <= 48, f"{card['emptiest']:.0f} px of the card show nothing"


EMBED_PICTURE = """
() => {
    const picture = document.querySelector('.embed-card img').getBoundingClientRect();
    return {
        ratio: picture.height / picture.width,
        width: picture.width,
        fits: document.documentElement.scrollHeight <= window.innerHeight,
    };
}
"""


@pytest.mark.parametrize(("width", "height"), [(560, 480), (400, 576), (320, 624)])
def test_the_embedded_card_shows_its_picture_whole_in_the_frame_it_is_given(
    shared_site, new_context, width, height
):
    """The frame sizes are those the oEmbed answer gives (stories.embedding.card_size)."""
    page = new_context(shared_site, width=width, height=height).new_page()
    page.goto(STORY + "embed/")
    page.wait_for_load_state("load")
    shown = page.evaluate(EMBED_PICTURE)
    screenshot(page, f"reading-embed-{width}x{height}")
    assert 0.55 <= shown["ratio"] <= 0.7, f"the picture is cut to {shown['ratio']:.2f} of its width"
    assert shown["width"] >= 150
    assert shown["fits"], "the card overflows its frame"
