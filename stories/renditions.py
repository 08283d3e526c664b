"""The picture sizes a story page shows, made in the background when it is
published, so that its first reader never waits for them.

The patterns here are the ones the templates give `{% picture %}`; a test
reads the templates and fails if the two drift apart.
"""

from django.conf import settings
from django_tasks import task
from wagtail.images.models import Filter

from .consent.subjects import PICTURE, declarations, subject_model

# Where a picture appears → the `{% picture %}` filter pattern of that template.
STORY_PAGE_PICTURES = {
    "hero": "format-{avif,webp,jpeg} fill-{800x450,1600x900}",  # stories/story_page.html
    # includes/story_card.html and stories/story_embed.html
    "card": "format-{avif,webp,jpeg} fill-{640x400,1280x800}",
    "image": "format-{avif,webp,jpeg} width-{640,1280}",  # blocks/captioned_image.html
    "before_after": "format-{avif,webp,jpeg} fill-{480x360,960x720}",  # blocks/before_after.html
    # The social card of a public story ({% image %}, stories/includes/story_head.html)
    "social": "format-jpeg fill-1200x630",
}


def specs(place):
    return Filter().expand_spec(STORY_PAGE_PICTURES[place])


def pictures_to_prepare(story):
    """(image, filter specs) for every picture the live story shows in a
    place of the page's own (its block's `rendition_place`); a picture whose
    block names no place is made in the size asked for when first served."""
    wanted = []
    if story.hero_image_id:
        social = specs("social") if story.for_public else []
        wanted.append((story.hero_image, specs("hero") + specs("card") + social))
    for block, medium, item in declarations(story.body):
        place = getattr(block, "rendition_place", None)
        if medium == PICTURE and item is not None and place is not None:
            wanted.append((item, specs(place)))
    return wanted


@task()
def prepare_story_renditions(story_id):
    """Make (or find) every rendition the story's page needs; returns how many."""
    story = subject_model().objects.live().filter(pk=story_id).select_related("hero_image").first()
    if story is None:
        return 0
    count = 0
    for image, filter_specs in pictures_to_prepare(story):
        count += len(image.get_renditions(*filter_specs))
    return count


def prepare_on_publish(sender, instance, **kwargs):
    """`page_published` receiver: queue the story's renditions for the worker."""
    if isinstance(instance, subject_model()) and settings.PREPARE_RENDITIONS_ON_PUBLISH:
        prepare_story_renditions.enqueue(instance.pk)
