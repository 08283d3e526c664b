"""Withdrawal and erasure: the storyteller takes consent back, or asks to be forgotten.

`withdraw_consent` is what the management command and the admin button both
call; `forget_storyteller` honours a request to be forgotten from anyone,
whether their consent is in force, was withdrawn or ended earlier, or was
never given. Each runs in one transaction: either everything is done and
recorded, or nothing is. The storyteller's row is locked for the whole of
it (PostgreSQL), and when the database is busy with another withdrawal
(SQLite's "database is locked", a deadlock) the transaction, undone whole,
is run again: a withdrawal is never lost.
"""

import logging
import random
import time
from dataclasses import dataclass, field

from django.db import OperationalError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from ..storytellers import Storyteller
from .audit import ERASED, WITHDRAWN, WITHDRAWN_BECAUSE
from .erasure import erase_storyteller, scrub, words_to_forget
from .expiry import recheck
from .guard import stories_showing_photos_of
from .policy import long_date
from .records import ConsentWithdrawal, current_record
from .takedown import take_down

logger = logging.getLogger(__name__)

RETRY_FOR_SECONDS = 120
# SQLSTATEs of a transaction the database gave up on for another's sake:
# serialization failure, deadlock, lock not available.
BUSY_SQLSTATES = {"40001", "40P01", "55P03"}


class WithdrawalError(Exception):
    """The withdrawal cannot be done; nothing was changed."""


@dataclass
class WithdrawalReport:
    reference: str
    done: list = field(default_factory=list)


def database_was_busy(error):
    """Whether a transaction failed only because another held the database."""
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    return sqlstate in BUSY_SQLSTATES or "database is locked" in str(error)


def retrying_when_busy(work, seconds=RETRY_FOR_SECONDS):
    """Run a transaction, and again while the database is too busy to take it.

    Inside a caller's transaction nothing can be run again: the error is theirs.
    """
    if transaction.get_connection().in_atomic_block:
        return work()
    deadline = time.monotonic() + seconds
    pause = 0.05
    while True:
        try:
            return work()
        except OperationalError as error:
            if not database_was_busy(error) or time.monotonic() + pause > deadline:
                raise
            logger.warning("The database was busy (%s); running the withdrawal again.", error)
        time.sleep(pause * (1 + random.random()))  # noqa: S311 (spreading retries, not a secret)
        pause = min(pause * 2, 2.0)


def cleaned(reference, reason):
    reason = (reason or "").strip()
    if not reason:
        raise WithdrawalError("Give the reason for the withdrawal, in the storyteller's words.")
    return (reference or "").strip().upper(), reason


def locked_storyteller(reference):
    storyteller = Storyteller.objects.select_for_update().filter(reference=reference).first()
    if storyteller is None:
        raise WithdrawalError(f"No storyteller has the reference {reference or '(empty)'}.")
    return storyteller


def withdraw_consent(reference, reason, *, user=None, erase=False):
    """Record the withdrawal and take down everything of the storyteller's.

    With `erase`, also honour a request to be forgotten (see
    `forget_storyteller`, which also accepts consent withdrawn earlier or
    never given). Raises WithdrawalError for an unknown reference, a missing
    reason, or consent already withdrawn.
    """
    if erase:
        return forget_storyteller(reference, reason, user=user)
    reference, reason = cleaned(reference, reason)
    return retrying_when_busy(lambda: record_withdrawal(reference, reason, user))


def record_withdrawal(reference, reason, user):
    with transaction.atomic():
        storyteller = locked_storyteller(reference)
        record = current_record(storyteller)
        if record is None:
            raise WithdrawalError(f"{reference} has no consent on record to withdraw.")
        if hasattr(record, "withdrawal"):
            raise WithdrawalError(
                f"Consent of {reference} was already withdrawn on "
                f"{long_date(timezone.localdate(record.withdrawal.withdrawn_at))}."
            )
        withdrawal, done = withdraw(storyteller, record, reason, user)
        withdrawal.actions = done
        withdrawal.save(update_fields=["actions"])
    return WithdrawalReport(reference=reference, done=done)


def withdraw(storyteller, record, reason, user, erase=False):
    """Record the withdrawal of the current record and take down what it covered."""
    withdrawal = ConsentWithdrawal.objects.create(
        record=record, withdrawn_by=user, reason=reason, erased=erase
    )
    done = [f"Recorded the withdrawal of {storyteller.reference}'s consent."]
    # The reason is the storyteller's own words: it stays on the withdrawal,
    # for consent officers, and never enters a history or an e-mail.
    done += take_down(
        storyteller,
        WITHDRAWN_BECAUSE,
        user=user,
        record=record,
        reason_words="withdrawn their consent",
    )
    # Other storytellers' stories with photos of them come down too. Only
    # when there are some: asking the gate of none still builds its queries.
    others = stories_showing_photos_of(storyteller)
    if others.exists():
        done += recheck(others, user=user)
    log(instance=storyteller, action=WITHDRAWN, user=user, data={"done": done})
    return withdrawal, done


def forget_storyteller(reference, reason, *, user=None):
    """Honour a request to be forgotten, however consent ended, or if it never began.

    Consent still in force is withdrawn first, as `withdraw_consent` does;
    then their stories, pictures and personal data are erased (see erasure).
    Asking again is harmless: whatever is left is erased, and the request
    recorded again. Raises WithdrawalError for an unknown reference or a
    missing reason.
    """
    reference, reason = cleaned(reference, reason)
    return retrying_when_busy(lambda: erase(reference, reason, user))


def erase(reference, reason, user):
    with transaction.atomic():
        storyteller = locked_storyteller(reference)
        words = words_to_forget(storyteller)
        record = current_record(storyteller)
        withdrawal = getattr(record, "withdrawal", None) if record else None
        if record is not None and withdrawal is None:
            withdrawal, done = withdraw(storyteller, record, reason, user, erase=True)
        else:
            done = [
                f"Consent of {reference} was withdrawn on "
                f"{long_date(timezone.localdate(withdrawal.withdrawn_at))}."
                if withdrawal
                else f"{reference} never gave consent: there was nothing to withdraw."
            ]
            live = list(storyteller.stories.filter(live=True))
            if live:  # published by a route the guard never saw
                done += take_down(
                    storyteller,
                    "the storyteller asked to be forgotten",
                    user=user,
                    record=record,
                    stories=live,
                    reason_words="asked to be forgotten",
                )
        done += erase_storyteller(storyteller, user=user, words=words)
        done = [scrub(line, words, reference) for line in done]
        if withdrawal is not None:
            withdrawal.refresh_from_db()
            withdrawal.erased = True
            withdrawal.actions = [*withdrawal.actions, *done]
            withdrawal.save(update_fields=["erased", "actions"])
        log(
            instance=storyteller,
            action=ERASED,
            user=user,
            title=reference,
            data={"done": done},
        )
    return WithdrawalReport(reference=reference, done=done)
