"""Story cards: what a card shows, fetched with the stories it lists.

Listings, the home page, related stories and the story cards of plain pages
load their stories through `with_card_data`, so a page of cards costs a
fixed number of queries however many it shows.
"""


def with_card_data(stories):
    """Stories with everything a story card shows, in a fixed number of queries."""
    return stories.select_related("hero_image", "storyteller").prefetch_related(
        "hero_image__renditions", "themes"
    )
