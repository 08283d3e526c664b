"""The right to be forgotten: erase a storyteller, keep the fact that it was done.

Stories, their revisions, their pictures (with every rendition and unblurred
original), their voice and video clips (with transcripts and captions), the
embeds they showed, consent evidence and the storyteller's personal data
go; the reference code stays, with the consent history (dates and scope, no
names, no evidence) and any withdrawal, so the campaign can show it honoured
both. The audit log keeps what happened, when and by whom,
under the reference: the labels and details that named them, their stories
or their pictures are rewritten. Files, and cached fragments that still hold
their words, go once the transaction commits, so an erasure that fails
half-way deletes nothing.
"""

import contextlib
import os
import re

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import ModelLogEntry, PageLogEntry, Revision
from wagtail.search import index

from .takedown import images_only_they_show, pages_of

URL = re.compile(r"https?://[^\s\"'<>\\]+")


def file_words(name):
    """A stored file's name, and its stem, as words to forget."""
    base = os.path.basename(name or "")
    return [base, os.path.splitext(base)[0]]


def words_to_forget(storyteller):
    """Everything that would point to them: names, contact details, the titles
    and addresses of their stories, their pictures' titles and file names,
    guardians' names and evidence file names. Longest first, so that
    "Flora Marsh" goes before "Flora"."""
    full = f"{storyteller.first_name} {storyteller.last_name}".strip()
    words = [
        full,
        storyteller.pseudonym,
        storyteller.first_name,
        storyteller.last_name,
        storyteller.email,
        storyteller.guardian_email,
        storyteller.phone,
    ]
    pages = pages_of(storyteller)
    for page in pages:
        words += [page.title, page.draft_title, page.slug]
    for content in Revision.page_revisions.filter(
        object_id__in=[str(page.pk) for page in pages]
    ).values_list("content", flat=True):
        words += [content.get("title"), content.get("draft_title"), content.get("slug")]
    for image in images_only_they_show(storyteller, pages):
        words += [image.title, *file_words(image.file.name)]
        for original in image.unblurred_originals.all():
            words += file_words(original.file.name)
    for clip in storyteller.clips.all():
        words += [clip.title, *file_words(clip.file.name), *file_words(clip.captions.name)]
    for record in storyteller.consent_records.all():
        words += [record.guardian_name, *file_words(record.evidence.name)]
    return sorted(
        {word.strip() for word in words if word and len(word.strip()) > 1}, key=len, reverse=True
    )


def scrub(text, words, reference):
    """Put the reference wherever one of the words stands (whole words, any case)."""
    if not words or not text:
        return text
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in words), re.IGNORECASE
    )
    return pattern.sub(reference, text)


def scrub_value(value, words, reference):
    """`scrub` every string in a log entry's details."""
    if isinstance(value, str):
        return scrub(value, words, reference)
    if isinstance(value, list):
        return [scrub_value(item, words, reference) for item in value]
    if isinstance(value, dict):
        return {key: scrub_value(item, words, reference) for key, item in value.items()}
    return value


def log_keys(objects):
    """What the audit log knows these objects (of any model but pages) by."""
    return [(ContentType.objects.get_for_model(obj), str(obj.pk)) for obj in objects]


def entries_of(keys):
    condition = Q(pk__in=[])
    for content_type, object_id in keys:
        condition |= Q(content_type=content_type, object_id=object_id)
    return ModelLogEntry.objects.filter(condition)


def mentioning(queryset, words):
    """Log entries whose label or details may contain one of the words."""
    condition = Q(pk__in=[])
    for word in words:
        escaped = word.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00")
        condition |= Q(label__icontains=word) | Q(details__icontains=word)
        if escaped != word:  # JSON kept with non-ASCII escaped (SQLite)
            condition |= Q(details__icontains=escaped)
    return queryset.annotate(details=Cast("data", TextField())).filter(condition)


def scrub_audit_log(storyteller, words, page_ids, erased, kept):
    """Keep what happened, under the reference, and nothing that names them.

    Entries of the pages and pictures erased (`erased`, as `log_keys`) keep
    their action, time and user, with the reference as label and no details;
    those of the storyteller and their consent records (`kept`) are labelled
    with the reference and their details scrubbed; any other entry that
    mentions them is scrubbed too.
    """
    reference = storyteller.reference
    changed = PageLogEntry.objects.filter(page_id__in=page_ids).update(label=reference, data={})
    changed += entries_of(erased).update(label=reference, data={})
    for entry in entries_of(kept):
        data = scrub_value(entry.data, words, reference)
        if entry.label != reference or data != entry.data:
            ModelLogEntry.objects.filter(pk=entry.pk).update(label=reference, data=data)
            changed += 1
    for model in (PageLogEntry, ModelLogEntry):
        for entry in mentioning(model.objects.all(), words).iterator():
            label = scrub(entry.label, words, reference)
            data = scrub_value(entry.data, words, reference)
            if label != entry.label or data != entry.data:
                model.objects.filter(pk=entry.pk).update(label=label, data=data)
                changed += 1
    return changed


def embed_urls(page_ids):
    """Addresses in any version of these pages (embeds among them)."""
    urls = set()
    for content in Revision.page_revisions.filter(
        object_id__in=[str(pk) for pk in page_ids]
    ).values_list("content", flat=True):
        urls |= set(URL.findall(str(content)))
    return urls


def forget_embeds(urls):
    """Wagtail keeps what an embed showed (title, author, thumbnail): drop it.
    It is only a copy of the provider's answer; a page still using the address fetches it again."""
    from wagtail.embeds.models import Embed

    return Embed.objects.filter(url__in=urls).delete()[0] if urls else 0


def forget_tags(words):
    """Tags named after them that nothing uses any more."""
    from taggit.models import Tag

    condition = Q(pk__in=[])
    for word in words:
        condition |= Q(name__icontains=word)
    unused = Tag.objects.filter(condition, taggit_taggeditem_items__isnull=True)
    return unused.delete()[0]


def delete_files_on_commit(files):
    """Delete (storage, name) pairs once the erasure commits, and the folders they leave empty."""

    def delete():
        for storage, name in files:
            storage.delete(name)
            with contextlib.suppress(NotImplementedError, OSError):
                os.rmdir(storage.path(os.path.dirname(name)))  # e.g. consent-evidence/HS-0001/

    if files:
        transaction.on_commit(delete)


def forget_cached_fragments():
    """Retired fragments stay in the cache, text and all, until they expire: erasure
    removes them (only this site's keys, where the backend can tell them apart)."""
    delete_pattern = getattr(cache, "delete_pattern", None)
    if delete_pattern is not None:
        delete_pattern("*")
    else:
        cache.clear()


def compact_search_index():
    """SQLite's full-text index keeps the words of entries deleted or changed in
    its segments until they are merged: merge them now, so those words leave
    the database too (PostgreSQL's index is rows of its own, deleted with them)."""
    from wagtail.search import models as search_models

    fts = getattr(search_models, "SQLiteFTSIndexEntry", None)
    if connection.vendor != "sqlite" or fts is None:
        return
    table = connection.ops.quote_name(fts._meta.db_table)
    with connection.cursor() as cursor:
        if fts._meta.db_table in connection.introspection.table_names(cursor):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608


def revoke_page_links(storyteller):
    """Close every open link to their own page: after erasure there is nothing to show."""
    from django.utils import timezone

    from ..storyteller_page.links import StorytellerLink

    return StorytellerLink.objects.filter(storyteller=storyteller, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def erase_storyteller(storyteller, user=None, words=None):
    """Delete their stories, pictures and personal data; scrub the audit log.

    Runs inside the caller's transaction, after their stories were taken down.
    """
    from ..naming import NamingChoice
    from .records import ConsentWithdrawal

    reference = storyteller.reference
    words = words_to_forget(storyteller) if words is None else words
    pages = pages_of(storyteller)
    page_ids = [page.pk for page in pages]
    images = images_only_they_show(storyteller, pages)
    clips = list(storyteller.clips.all())  # their voice and their face, whichever story shows them
    erased = log_keys([*images, *clips])  # before deletion takes their keys away
    urls = embed_urls(page_ids)
    records = list(storyteller.consent_records.all())
    done = []

    for page in sorted(pages, key=lambda page: page.alias_of_id is None):  # aliases first
        # The authority is the storyteller's request, not the officer's page permissions.
        DeletePageAction(page, user=user).execute(skip_permission_checks=True)
    if pages:
        done.append(f"Deleted {len(pages)} page(s) and their revisions.")
    for image in images:
        image.delete()  # renditions and unblurred originals go with it, files on commit
    if images:
        done.append(f"Deleted {len(images)} image(s), their renditions and unblurred originals.")
    delete_files_on_commit(
        [(clip.captions.storage, clip.captions.name) for clip in clips if clip.captions]
    )
    for clip in clips:
        clip.delete()  # the library deletes its file on commit
    if clips:
        done.append(f"Deleted {len(clips)} voice or video clip(s), their transcripts and captions.")
    if forget_embeds(urls):
        done.append("Deleted what Wagtail kept of the recordings their stories embedded.")
    forget_tags(words)

    delete_files_on_commit(
        [(record.evidence.storage, record.evidence.name) for record in records if record.evidence]
    )
    # Erasure is the one change records accept: the law outranks immutability.
    storyteller.consent_records.update(evidence="", guardian_name="", guardian_relationship="")
    for withdrawal in ConsentWithdrawal.objects.filter(record__in=records):
        ConsentWithdrawal.objects.filter(pk=withdrawal.pk).update(
            reason=scrub(withdrawal.reason, words, reference),
            actions=scrub_value(withdrawal.actions, words, reference),
        )

    storyteller.first_name = storyteller.last_name = storyteller.pseudonym = ""
    storyteller.email = storyteller.guardian_email = storyteller.phone = ""
    storyteller.date_of_birth = None
    storyteller.naming = NamingChoice.ANONYMOUS
    storyteller.save()
    index.insert_or_update_object(storyteller)  # now, not once this commits: then compact
    compact_search_index()
    done.append("Erased the storyteller's name, contact details, date of birth and evidence.")
    if revoke_page_links(storyteller):
        done.append("Closed the links to their own page: an old link now finds nothing.")

    kept = log_keys([storyteller, *records])
    scrubbed = scrub_audit_log(storyteller, words, page_ids, erased, kept)
    if scrubbed:
        done.append(f"Left only {reference} in {scrubbed} audit-log entries that named them.")
    transaction.on_commit(forget_cached_fragments)
    done.append("Emptied the cache of pages that showed them.")
    return done
