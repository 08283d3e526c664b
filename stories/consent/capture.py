"""Capturing consent: the only way a consent record comes to exist.

Registered as the "create" action of ConsentRecord, so the admin's create
view, the API and code all capture the same way: the new record supersedes
the current one, the capture is logged, and live stories the new scope no
longer covers come down at once. Records have no edit or delete action.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction
from wagtail.log_actions import log

from .audit import CAPTURED, SUPERSEDED
from .expiry import recheck
from .guard import stories_showing_photos_of
from .subjects import subject_model


class RecordsAreImmutable(PermissionDenied):
    pass


class CaptureConsentAction(CreateAction):
    """Create a consent record that supersedes the storyteller's current one."""

    def __init__(self, instance, user=None, **kwargs):
        super().__init__(instance, user=user, **kwargs)
        self.done = []

    def _save_instance(self):
        # Lock the storyteller so two captures cannot supersede the same record.
        storyteller = (
            type(self.instance.storyteller)
            .objects.select_for_update()
            .get(pk=self.instance.storyteller_id)
        )
        self.instance.supersedes = storyteller.consent_records.current().first()
        self.instance.captured_by = self.user
        super()._save_instance()

    def execute(self, skip_permission_checks=False):
        with transaction.atomic():
            record = super().execute(skip_permission_checks=skip_permission_checks)
            storyteller = record.storyteller
            if record.supersedes:
                log(instance=storyteller, action=SUPERSEDED, user=self.user, data={})
            log(
                instance=storyteller,
                action=CAPTURED,
                user=self.user,
                data={"ends_on": record.ends_on.isoformat()},
            )
            self.done = self.take_down_what_it_no_longer_covers(record)
        return record

    def take_down_what_it_no_longer_covers(self, record):
        storyteller = record.storyteller
        showing_them = stories_showing_photos_of(storyteller).values("pk")
        return recheck(
            subject_model().objects.filter(Q(storyteller=storyteller) | Q(pk__in=showing_them)),
            user=self.user,
        )


class RefuseToEditRecord(EditAction):
    def check(self, skip_permission_checks=False):
        raise RecordsAreImmutable(
            "Consent records are never edited: record new consent to change it."
        )


class RefuseToDeleteRecord(DeleteAction):
    def check(self, skip_permission_checks=False):
        raise RecordsAreImmutable("Consent records are kept as the history of consent.")


def register(registry):
    from .records import ConsentRecord

    registry.register(ConsentRecord, CaptureConsentAction)
    registry.register(ConsentRecord, RefuseToEditRecord)
    registry.register(ConsentRecord, RefuseToDeleteRecord)
