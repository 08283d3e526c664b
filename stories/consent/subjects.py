"""Subjects: what consent acts on, known only by what they declare.

A subject is anything that shows a storyteller to audiences: today a story
page. Consent never imports it. It finds the model through the
`CONSENT_SUBJECT_MODEL` setting (as Django finds the user model through
`AUTH_USER_MODEL`) and asks each subject only what this interface names:

- `storyteller` (and `storyteller_id`): whose consent it needs;
- `audiences`: the audiences it is for, a frozenset of `Audience` values;
- `go_live_at`, `live` and Wagtail's page methods: when it is or goes live;
- `consent_media()`: (medium, item) for everything it shows besides words,
  where the item is the picture or clip shown (None for a recording hosted
  elsewhere);
- `media_shown`: the rows recording what its live version shows (medium,
  image), which the gate and the listings read in SQL.

What a subject shows comes from declarations: each StreamField block that
shows a medium says so in a `consent_media(value)` method, and
`declared_media` walks a body asking every block, at any depth. Adding a
medium means a block that declares it and a field of the same name in the
policy's `StoryNeeds` and `ConsentTerms`; nothing here changes.
"""

from django.apps import apps
from django.conf import settings
from wagtail import blocks

PICTURE = "picture"
RECORDINGS = ("voice", "video")


def subject_model():
    """The model consent acts on (`CONSENT_SUBJECT_MODEL`, "app_label.ModelName")."""
    return apps.get_model(settings.CONSENT_SUBJECT_MODEL, require_ready=False)


def is_subject(obj):
    return isinstance(obj, subject_model())


def declarations(stream_value):
    """(block, medium, item) for every medium a StreamField value shows, as
    its blocks declare it, nested blocks included."""
    for child in stream_value:
        yield from declared_by(child.block, child.value)


def declared_by(block, value):
    if value is None:
        return
    declare = getattr(block, "consent_media", None)
    if declare is not None:
        for medium, item in declare(value):
            yield block, medium, item
        return
    if isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from declared_by(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from declared_by(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        yield from declarations(value)


def declared_media(stream_value):
    """(medium, item) pairs a StreamField value shows, in order."""
    for _block, medium, item in declarations(stream_value):
        yield medium, item


def pictures_shown(subject):
    """Every library picture a subject shows, as it declares them."""
    return [item for medium, item in subject.consent_media() if medium == PICTURE and item]
