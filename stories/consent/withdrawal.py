"""Withdrawal: the storyteller takes consent back, and it takes effect at once.

`withdraw_consent` is what the management command and the admin button both
call. It runs in one transaction: either everything is done and recorded, or
nothing is.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..storytellers import Storyteller
from .audit import ERASED, WITHDRAWN
from .erasure import erase_storyteller, scrub, words_to_forget
from .expiry import recheck
from .guard import stories_showing_photos_of
from .policy import long_date
from .records import ConsentWithdrawal
from .takedown import take_down


class WithdrawalError(Exception):
    """The withdrawal cannot be done; nothing was changed."""


@dataclass
class WithdrawalReport:
    reference: str
    done: list = field(default_factory=list)


def withdraw_consent(reference, reason, *, user=None, erase=False):
    """Record the withdrawal and take down everything of the storyteller's.

    With `erase`, also honour a request to be forgotten. Raises
    WithdrawalError for an unknown reference, a missing reason, or consent
    already withdrawn.
    """
    reason = (reason or "").strip()
    if not reason:
        raise WithdrawalError("Give the reason for the withdrawal, in the storyteller's words.")
    reference = (reference or "").strip().upper()
    with transaction.atomic():
        storyteller = Storyteller.objects.select_for_update().filter(reference=reference).first()
        if storyteller is None:
            raise WithdrawalError(f"No storyteller has the reference {reference or '(empty)'}.")
        record = (
            storyteller.consent_records.select_related("withdrawal")
            .filter(superseded_by__isnull=True)
            .first()
        )
        if record is None:
            raise WithdrawalError(f"{reference} has no consent on record to withdraw.")
        if hasattr(record, "withdrawal"):
            raise WithdrawalError(
                f"Consent of {reference} was already withdrawn on "
                f"{long_date(timezone.localdate(record.withdrawal.withdrawn_at))}."
            )
        withdrawal = ConsentWithdrawal.objects.create(
            record=record, withdrawn_by=user, reason=reason, erased=erase
        )
        done = [f"Recorded the withdrawal of {reference}'s consent."]
        done += take_down(
            storyteller,
            f"consent was withdrawn: {reason}",
            user=user,
            record=record,
            reason_words="withdrawn their consent",
        )
        # Other storytellers' stories with photos of them come down too.
        done += recheck(stories_showing_photos_of(storyteller), user=user)
        log(
            instance=storyteller, action=WITHDRAWN, user=user, data={"reason": reason, "done": done}
        )
        if erase:
            forget = words_to_forget(storyteller)
            done += erase_storyteller(storyteller, user=user)
            done = [scrub(line, forget, reference) for line in done]
            withdrawal.reason = scrub(reason, forget, reference)
            log(instance=storyteller, action=ERASED, user=user, data={})
        withdrawal.actions = done
        withdrawal.save(update_fields=["actions", "reason"])
    return WithdrawalReport(reference=reference, done=done)
