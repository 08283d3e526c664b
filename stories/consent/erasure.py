"""The right to be forgotten: erase a storyteller, keep the fact of withdrawal.

Stories, their revisions, their pictures and the storyteller's personal data
go; the reference code stays, with the consent history (scrubbed of names
and evidence) and the withdrawal, so the campaign can show it honoured both.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import ModelLogEntry, PageLogEntry

from .takedown import images_only_they_show, pages_of


def words_to_forget(storyteller):
    """Their names and their stories' titles, longest first (so "Flora Marsh"
    goes before "Flora")."""
    full = f"{storyteller.first_name} {storyteller.last_name}".strip()
    words = [full, storyteller.pseudonym, storyteller.first_name, storyteller.last_name]
    words += [page.title for page in pages_of(storyteller)]
    return sorted({word for word in words if word and len(word) > 1}, key=len, reverse=True)


def scrub(text, names, reference):
    for name in names:
        text = text.replace(name, reference)
    return text


def scrub_audit_log(storyteller, names, page_ids, objects):
    """Replace names and titles with the reference in the log of their pages and objects."""
    reference = storyteller.reference
    object_filter = Q(pk__in=[])
    for obj in objects:
        object_filter |= Q(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
    changed = 0
    for model, filters in (
        (PageLogEntry, Q(page_id__in=page_ids)),
        (ModelLogEntry, object_filter),
    ):
        for entry in model.objects.filter(filters).iterator():
            label = reference if model is PageLogEntry else scrub(entry.label, names, reference)
            data = json.loads(scrub(json.dumps(entry.data), names, reference))
            if label != entry.label or data != entry.data:
                model.objects.filter(pk=entry.pk).update(label=label, data=data)
                changed += 1
    return changed


def erase_storyteller(storyteller, user=None):
    """Delete their stories, pictures and personal data. Runs inside the withdrawal."""
    from ..naming import NamingChoice

    pages = pages_of(storyteller)
    page_ids = [page.pk for page in pages]
    names = words_to_forget(storyteller)
    images = images_only_they_show(storyteller, pages)
    done = []
    logged_objects = [storyteller, *images, *storyteller.consent_records.all()]

    for page in sorted(pages, key=lambda page: page.alias_of_id is None):  # aliases first
        page.delete(user=user)
    if pages:
        done.append(f"Deleted {len(pages)} page(s) and their revisions.")
    for image in images:
        image.delete()
    if images:
        done.append(f"Deleted {len(images)} image(s) and their files.")
    scrubbed = scrub_audit_log(storyteller, names, page_ids, logged_objects)

    for record in storyteller.consent_records.all():
        if record.evidence:
            record.evidence.delete(save=False)
    # Erasure is the one change records accept: the law outranks immutability.
    storyteller.consent_records.update(evidence="", guardian_name="", guardian_relationship="")

    storyteller.first_name = storyteller.last_name = storyteller.pseudonym = ""
    storyteller.email = storyteller.phone = ""
    storyteller.date_of_birth = None
    storyteller.naming = NamingChoice.ANONYMOUS
    storyteller.save()
    done.append("Erased the storyteller's name, contact details, date of birth and evidence.")
    if scrubbed:
        done.append(
            f"Replaced their name with {storyteller.reference} in {scrubbed} audit-log entries."
        )
    return done
