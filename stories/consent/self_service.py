"""What a storyteller (or their guardian) does on their own page, without asking anyone.

Withdrawing, narrowing and giving consent go through the very services a
consent officer's do: `withdraw_consent` / `forget_storyteller` for a
withdrawal, `CaptureConsentAction` for every new consent record (narrowed or
given). Nobody signed in does them, so `user` is None; the audit log says
they were done by the storyteller or guardian on their own page.

After each, once it commits, the holder of the page gets a receipt by
e-mail in plain words. A withdrawal also tells the consent officers (by
reference code only) and the partner organisations that had the story (by
title and address only): never the storyteller's name or their reason.
"""

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.log_actions import log

from ..naming import NamingChoice
from ..storyteller_page.links import StorytellerLink, holder_email, may_act_for_minor
from .audit import ON_OWN_PAGE
from .capture import CaptureConsentAction
from .policy import (
    AUDIENCE_LABELS,
    AUDIENCES,
    NAMING_ORDER,
    add_years,
    long_date,
)
from .records import MAX_YEARS, ConsentRecord, current_record
from .subjects import subject_model
from .withdrawal import (
    WithdrawalError,
    forget_storyteller,
    locked_storyteller,
    retrying_when_busy,
    withdraw_consent,
)

NO_REASON = "No reason given (withdrawn on their own page)."
ALREADY_WITHDRAWN = (
    "Your consent has already been withdrawn, so there was nothing more to do. "
    "Your stories are not shown anywhere."
)
NOTHING_TO_WITHDRAW = (
    "You have not given consent, so there is nothing to withdraw. "
    "None of your stories is shown anywhere."
)
LINK_CLOSED = (
    "This link stopped working a moment ago, so nothing was changed. "
    "If you did not ask for a new link, reply to the e-mail that brought you here."
)
PSEUDONYM_MAX_LENGTH = 80
CONTACT_EMAIL_SETTING = "CONSENT_CONTACT_EMAIL"


class NarrowingError(Exception):
    """The change cannot be made; nothing was changed. The message is for the storyteller."""


@dataclass
class StoryGone:
    title: str
    url: str


@dataclass
class WithdrawalReceipt:
    reference: str
    erased: bool
    stories: list = field(default_factory=list)  # StoryGone, the live stories taken down
    photos_made_private: bool = False


def contact_email():
    """Who the storyteller writes to with a question."""
    return getattr(settings, CONTACT_EMAIL_SETTING, "") or settings.DEFAULT_FROM_EMAIL


def acting_as(link):
    """Who acted, in the audit log's words."""
    if link.holder == StorytellerLink.Holder.GUARDIAN:
        return "their parent or guardian"
    return "the storyteller"


def mail(subject, template, context, recipients):
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    send_mail(
        subject=subject,
        message=render_to_string(f"storyteller_page/email/{template}", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


def note_on_own_page(storyteller, link, what):
    log(
        instance=storyteller,
        action=ON_OWN_PAGE,
        user=None,
        data={"what": what, "by": acting_as(link), "link": link.pk},
    )


# Withdrawal


def consent_officers_addresses():
    """The consent officers' addresses; site administrators' when no officer has one,
    so that someone is always told."""
    from ..review import CONSENT_OFFICERS

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    officers = list(users.filter(groups__name=CONSENT_OFFICERS).values_list("email", flat=True))
    return officers or list(users.filter(is_superuser=True).values_list("email", flat=True))


def partners_that_had(stories, record):
    """Partner organisations that had these stories: named on a story, whose
    members could read it (a story for schools or partners), or whom consent let
    reuse it. Suspended ones too: what they copied before still has to go."""
    from ..partners import PartnerOrganisation

    partners = {}
    kinds = set()
    for story in stories:
        for partner in story.partner_organisations.all():
            partners[partner.pk] = partner
        if story.for_schools:
            kinds.add(PartnerOrganisation.Kind.SCHOOL)
        if story.for_partners:
            kinds |= {PartnerOrganisation.Kind.THERAPY_GROUP, PartnerOrganisation.Kind.WELLNESS}
    for partner in PartnerOrganisation.objects.filter(kind__in=kinds):
        partners[partner.pk] = partner
    if record is not None:
        if record.syndication == ConsentRecord.Syndication.NAMED:
            for partner in record.syndication_partners.all():
                partners[partner.pk] = partner
        elif record.syndication == ConsentRecord.Syndication.ANY:
            for partner in PartnerOrganisation.objects.filter(kind__in=syndication_kinds(record)):
                partners[partner.pk] = partner
    return [partner for partner in partners.values() if partner.contact_email]


def syndication_kinds(record):
    from ..partners import PartnerOrganisation

    kinds = []
    if record.for_schools:
        kinds.append(PartnerOrganisation.Kind.SCHOOL)
    if record.for_partners:
        kinds += [PartnerOrganisation.Kind.THERAPY_GROUP, PartnerOrganisation.Kind.WELLNESS]
    return kinds


def told_by_the_take_down(record):
    """Partners the take-down itself e-mails (see takedown.recipients): not twice."""
    from .takedown import recipients

    return {partner.pk for partner in recipients(record)}


def withdraw_on_own_page(link, *, reason="", erase=False):
    """Withdraw the storyteller's consent (and, with `erase`, forget them), from their page.

    The same withdrawal and take-down as a consent officer's, at once,
    everywhere. Raises WithdrawalError, with a calm message and nothing
    changed, when consent was already withdrawn (two withdrawals at once:
    the second finds the first done). Returns a WithdrawalReceipt.
    """
    reason = (reason or "").strip() or NO_REASON
    return retrying_when_busy(lambda: record_withdrawal_on_own_page(link, reason, erase))


def record_withdrawal_on_own_page(link, reason, erase):
    with transaction.atomic():
        storyteller = locked_storyteller(link.storyteller.reference)
        link = StorytellerLink.objects.select_related("storyteller").get(pk=link.pk)
        record = current_record(storyteller)
        withdrawn = record is None or hasattr(record, "withdrawal")
        if link.revoked_at is not None:  # erased a moment ago, or the link replaced
            raise WithdrawalError(ALREADY_WITHDRAWN if withdrawn else LINK_CLOSED)
        if withdrawn and not erase:
            raise WithdrawalError(NOTHING_TO_WITHDRAW if record is None else ALREADY_WITHDRAWN)

        # Everything the messages need, before the take-down or erasure changes it.
        address = holder_email(link)
        live = list(
            subject_model()
            .objects.live()
            .filter(storyteller=storyteller)
            .prefetch_related("partner_organisations")
        )
        gone = [StoryGone(story.title, story.get_full_url()) for story in live]
        partners = partners_that_had(live, record)
        already_told = told_by_the_take_down(record) if not withdrawn else set()
        by = acting_as(link)

        try:
            if erase:
                report = forget_storyteller(storyteller.reference, reason)
            else:
                report = withdraw_consent(storyteller.reference, reason)
        except WithdrawalError as error:
            raise WithdrawalError(ALREADY_WITHDRAWN) from error
        photos = any("image(s)" in line for line in report.done)  # withheld or deleted
        note = f"Done by {by} on their own page."
        withdrawal = getattr(
            current_record(storyteller),
            "withdrawal",
            None,
        )
        if withdrawal is not None and not withdrawn:
            withdrawal.actions = [note, *withdrawal.actions]
            withdrawal.save(update_fields=["actions"])
        what = "Consent withdrawn" if not withdrawn else "Consent had been withdrawn before"
        if erase:
            what += " and erasure asked for"
        log(
            instance=storyteller,
            action=ON_OWN_PAGE,
            user=None,
            title=storyteller.reference,
            data={"what": what, "by": by, "link": link.pk},
        )
        receipt = WithdrawalReceipt(
            reference=report.reference,
            erased=erase,
            stories=gone,
            photos_made_private=photos,
        )
        to_partners = [partner for partner in partners if partner.pk not in already_told]
        transaction.on_commit(
            lambda: tell_everyone_of_withdrawal(receipt, address, gone, to_partners),
            robust=True,
        )
    return receipt


def tell_everyone_of_withdrawal(receipt, address, gone, partners):
    context = {"receipt": receipt, "contact": contact_email(), "site_name": "Histories & Smiles"}
    mail(
        "You have withdrawn your consent: Histories & Smiles",
        "receipt_withdrawn.txt",
        context,
        [address],
    )
    mail(
        f"{receipt.reference} withdrew consent on their own page",
        "officers_withdrawn.txt",
        context,
        consent_officers_addresses(),
    )
    for partner in partners:
        mail(
            "Please remove a withdrawn story: Histories & Smiles",
            "partners_withdrawn.txt",
            {**context, "partner": partner, "stories": gone},
            [partner.contact_email],
        )


# Narrowing


def record_in_force(storyteller):
    return (
        ConsentRecord.objects.in_force()
        .filter(storyteller=storyteller)
        .prefetch_related("syndication_partners")
        .first()
    )


def narrower_copy(record):
    """A new, unsaved record with the same scope as `record`, given today."""
    return ConsentRecord(
        storyteller=record.storyteller,
        for_public=record.for_public,
        for_schools=record.for_schools,
        for_partners=record.for_partners,
        syndication=record.syndication,
        naming_allowed=record.naming_allowed,
        identifiable_photos=record.identifiable_photos,
        voice=record.voice,
        video=record.video,
        given_by=record.given_by,
        guardian_name=record.guardian_name,
        guardian_relationship=record.guardian_relationship,
        given_on=timezone.localdate(),
        expires_on=record.expires_on,
    )


def words(name):
    """The words of a name, in any case, hyphenated parts apart ("Ørsted-Nuñez")."""
    return [word.casefold() for word in re.findall(r"\w+", name or "") if len(word) > 1]


def purge_their_live_stories_on_commit(storyteller):
    """A CDN's copies of their live stories still show the old name: purge them
    (caches of this site follow the content generation by themselves)."""
    from .takedown import frontend_cache_enabled

    if not frontend_cache_enabled():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = [
        story.get_full_url() + path.lstrip("/")
        for story in subject_model().objects.live().filter(storyteller=storyteller)
        for path in story.get_cached_paths()
    ]
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls), robust=True)


def pseudonym_problem(storyteller, pseudonym):
    pseudonym = " ".join((pseudonym or "").split())
    if not pseudonym:
        return "Type the name you would like to be shown."
    if len(pseudonym) > PSEUDONYM_MAX_LENGTH:
        return f"Use a shorter name: {PSEUDONYM_MAX_LENGTH} letters at most."
    real = {
        word for name in (storyteller.first_name, storyteller.last_name) for word in words(name)
    }
    if real & set(words(pseudonym)):
        return "Choose a name that is not your real first or last name."
    return None


def narrow_on_own_page(link, *, hide_photos=False, pseudonym=None, stop_audience=None):
    """Narrow consent in one way: hide photos, use a pseudonym, or stop one audience.

    A new consent record, through the same capture as a consent officer's;
    whatever it no longer covers comes down at once. Raises NarrowingError
    (nothing changed) when there is no consent in force, when the change
    would change nothing, or is not allowed. Returns the new record.
    """
    if sum(bool(choice) for choice in (hide_photos, pseudonym is not None, stop_audience)) != 1:
        raise NarrowingError("Choose one change at a time.")
    if not may_act_for_minor(link):
        raise NarrowingError(
            "You are under 18, so your parent or guardian makes this change for you. "
            "You can still withdraw your consent yourself."
        )
    with transaction.atomic():
        storyteller = locked_storyteller(link.storyteller.reference)
        current = record_in_force(storyteller)
        if current is None:
            raise NarrowingError(
                "There is no consent in force to change. "
                f"If you have a question, write to {contact_email()}."
            )
        record = narrower_copy(current)
        if hide_photos:
            if not current.identifiable_photos:
                raise NarrowingError("Photos that show you are already kept private.")
            record.identifiable_photos = False
            what = "Photos that show them made private"
        elif stop_audience:
            if stop_audience not in AUDIENCES or stop_audience not in current.audiences:
                raise NarrowingError("Your story is not shared with that group.")
            if len(current.audiences) == 1:
                raise NarrowingError(
                    f"Your story is only shared with {AUDIENCE_LABELS[stop_audience]}. "
                    "To stop sharing it with everyone, withdraw your consent instead."
                )
            setattr(record, f"for_{stop_audience}", False)
            what = f"Stopped sharing with {AUDIENCE_LABELS[stop_audience]}"
        else:
            if (
                NAMING_ORDER.index(current.naming_allowed)
                < NAMING_ORDER.index(NamingChoice.PSEUDONYM)
                or storyteller.naming == NamingChoice.ANONYMOUS
            ):
                raise NarrowingError(
                    "Your stories show no name at all, which already shares less than a "
                    "made-up name would."
                )
            problem = pseudonym_problem(storyteller, pseudonym)
            if problem:
                raise NarrowingError(problem)
            pseudonym = " ".join(pseudonym.split())
            record.naming_allowed = NamingChoice.PSEUDONYM
            # The name changes first, so a live story goes on under the new name
            # rather than coming down for showing a name no longer allowed.
            storyteller.naming = NamingChoice.PSEUDONYM
            storyteller.pseudonym = pseudonym
            storyteller.save(update_fields=["naming", "pseudonym"])  # a new content generation
            purge_their_live_stories_on_commit(storyteller)
            what = "Shown by a different name"
        try:
            record.full_clean()
        except ValidationError as problems:
            raise NarrowingError(
                " ".join(problems.messages) + f" If you need help, write to {contact_email()}."
            ) from problems
        CaptureConsentAction(record).execute(skip_permission_checks=True)
        record.syndication_partners.set(current.syndication_partners.all())
        note_on_own_page(storyteller, link, what)
        address = holder_email(link)
        context = {
            "what": what_it_means(hide_photos, pseudonym, stop_audience),
            "record": record,
            "ends_on": long_date(record.ends_on),
            "contact": contact_email(),
        }
        transaction.on_commit(
            lambda: mail(
                "You changed what your consent covers: Histories & Smiles",
                "receipt_narrowed.txt",
                context,
                [address],
            ),
            robust=True,
        )
    return record


def what_it_means(hide_photos, pseudonym, stop_audience):
    """The change, in the storyteller's words, for the receipt."""
    if hide_photos:
        return (
            "Photos that show you are now private. Any story with such a photo "
            "has been taken off the site until it is changed."
        )
    if stop_audience:
        return f"Your stories are no longer shared with {AUDIENCE_LABELS[stop_audience]}."
    return f"Your stories now show the name “{pseudonym}” instead of your real name."


# Giving consent


AGREEMENT_PARAGRAPHS = [
    "Histories & Smiles shares true stories about going to the dentist, "
    "to help other people feel less afraid.",
    "By agreeing, you let us show your story to the people you choose below, "
    "with the name, photos, voice and video you choose, until the date you choose.",
    "Your real name, address and contact details are never shown. "
    "Only our consent officers can see them.",
    "You can change your mind at any time, without giving a reason: "
    "on your own page you can hide your photos, use a different name, stop sharing "
    "with a group, or withdraw your consent. Withdrawing takes your stories off "
    "the site at once.",
    "If a partner organisation copied your story, we tell them to remove it.",
]
NAMING_WORDS = {
    NamingChoice.FULL_NAME: "my full name",
    NamingChoice.FIRST_NAME: "my first name only",
    NamingChoice.PSEUDONYM: "a made-up name (a pseudonym)",
    NamingChoice.ANONYMOUS: "no name at all (anonymous)",
}
SYNDICATION_WORDS = {
    ConsentRecord.Syndication.NONE: "No partner organisation may reuse my story.",
    ConsentRecord.Syndication.ANY: (
        "Partner organisations that can read my story may also reuse it in their own materials."
    ),
    ConsentRecord.Syndication.NAMED: "Only these partner organisations may reuse my story:",
}


def yes_no(value):
    return "Yes" if value else "No"


def choices_in_words(data):
    """The choices made on the form, one line each, as they are printed and hashed."""
    audiences = [AUDIENCE_LABELS[audience] for audience in AUDIENCES if data.get(f"for_{audience}")]
    lines = [
        "Who can read my story: " + (", ".join(audiences) or "no one"),
        "The name shown: " + NAMING_WORDS.get(data.get("naming_allowed"), "?"),
        "Photos that show me: " + yes_no(data.get("identifiable_photos")),
        "Recordings of my voice: " + yes_no(data.get("voice")),
        "Video of me: " + yes_no(data.get("video")),
        "Reuse by partner organisations: " + SYNDICATION_WORDS.get(data.get("syndication"), "?"),
    ]
    if data.get("syndication") == ConsentRecord.Syndication.NAMED:
        lines += [f"  - {partner.name}" for partner in data.get("syndication_partners") or []]
    expires_on = data.get("expires_on")
    if isinstance(expires_on, date):
        lines.append("Until: " + long_date(expires_on))
    return lines


def signed(name):
    return " ".join((name or "").split()).casefold()


def who_agreed(link, data):
    signature = " ".join((data.get("signature") or "").split())
    if link.holder == StorytellerLink.Holder.GUARDIAN:
        relationship = (data.get("guardian_relationship") or "").strip()
        return f"{signature}, {relationship} of storyteller {link.storyteller.reference}"
    return f"{signature}, storyteller {link.storyteller.reference}"


def agreement_text(link, data, agreed_at):
    """Exactly what was agreed: the plain words shown, the choices, who and when."""
    local = timezone.localtime(agreed_at)
    return "\n".join(
        [
            "Consent to share my story: Histories & Smiles",
            "",
            *AGREEMENT_PARAGRAPHS,
            "",
            "What I agree to:",
            *choices_in_words(data),
            "",
            f"Agreed by: {who_agreed(link, data)}",
            f"Agreed on: {long_date(local.date())} at {local:%H:%M} ({local.tzname()})",
            "Typed name and an “I agree” box ticked on their own page.",
        ]
    )


def agreement_pdf(text):
    """The agreement as a PDF, with the SHA-256 of its text printed under it.

    Bitstream Vera, which comes with reportlab, prints accented names; the
    hash is printed in Courier and kept in the document's subject too, so
    it can be read from the file without a PDF reader.
    """
    import reportlab
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = Path(reportlab.__file__).parent / "fonts"
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(fonts / "Vera.ttf")))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    pdf.setTitle("Consent to share my story")
    pdf.setAuthor("Histories & Smiles")
    pdf.setSubject(f"SHA-256 of the agreement text: {digest}")
    width, height = A4
    margin = 20 * mm
    y = height - margin

    def write(line, font):
        nonlocal y
        if y < margin:
            pdf.showPage()
            y = height - margin
        pdf.setFont(font, 10)
        pdf.drawString(margin, y, line)
        y -= 14

    for paragraph in text.split("\n"):
        for line in simpleSplit(paragraph, "Vera", 10, width - 2 * margin) or [""]:
            write(line, "Vera")
    write("", "Vera")
    write("SHA-256 of the text above (UTF-8):", "Vera")
    write(digest, "Courier")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue(), digest


def in_their_words(errors):
    """A consent officer's message for what only they can put right, in the storyteller's words."""
    if "storyteller" in errors:
        errors = {key: value for key, value in errors.items() if key != "storyteller"}
        errors[NON_FIELD_ERRORS] = [
            "We need your date of birth before you can give consent here. "
            f"Please write to {contact_email()} and we will add it."
        ]
    return errors


def consent_on_own_page(link, cleaned_data):
    """Capture consent given on the page, with a PDF of what was agreed as evidence.

    Raises ValidationError (by field, nothing created) when a rule of consent
    is broken, as a consent officer's capture would. Returns the new record.
    """
    if not may_act_for_minor(link):
        raise ValidationError(
            "You are under 18, so your parent or guardian gives consent for you, on their own link."
        )
    data = dict(cleaned_data)
    if not data.get("agree"):
        raise ValidationError({"agree": "Tick the box to say you agree."})
    if not " ".join((data.get("signature") or "").split()):
        raise ValidationError({"signature": "Type your full name to sign."})
    guardian = link.holder == StorytellerLink.Holder.GUARDIAN
    given_by = ConsentRecord.GivenBy.GUARDIAN if guardian else ConsentRecord.GivenBy.STORYTELLER
    agreed_at = timezone.now()
    with transaction.atomic():
        storyteller = locked_storyteller(link.storyteller.reference)
        link.storyteller = storyteller
        record = ConsentRecord(
            storyteller=storyteller,
            for_public=bool(data.get("for_public")),
            for_schools=bool(data.get("for_schools")),
            for_partners=bool(data.get("for_partners")),
            syndication=data.get("syndication") or ConsentRecord.Syndication.NONE,
            naming_allowed=data.get("naming_allowed") or NamingChoice.ANONYMOUS,
            identifiable_photos=bool(data.get("identifiable_photos")),
            voice=bool(data.get("voice")),
            video=bool(data.get("video")),
            given_by=given_by,
            guardian_name=(data.get("guardian_name") or "").strip() if guardian else "",
            guardian_relationship=(data.get("guardian_relationship") or "").strip()
            if guardian
            else "",
            given_on=timezone.localdate(agreed_at),
            expires_on=data.get("expires_on") or add_years(timezone.localdate(), 2),
        )
        partners = list(data.get("syndication_partners") or [])
        errors = {}
        if guardian and signed(data.get("signature")) != signed(data.get("guardian_name")):
            errors["signature"] = "Type your full name exactly as you gave it above, to sign."
        if record.syndication == ConsentRecord.Syndication.NAMED and not partners:
            errors["syndication_partners"] = (
                "Choose at least one partner organisation that may reuse your story."
            )
        text = agreement_text(link, data, agreed_at)
        pdf, digest = agreement_pdf(text)
        record.evidence = ContentFile(pdf, name=f"consent-{agreed_at:%Y%m%d%H%M%S}.pdf")
        try:
            record.full_clean()
        except ValidationError as error:
            errors = {**in_their_words(error.message_dict), **errors}
        if errors:
            raise ValidationError(errors)
        try:
            CaptureConsentAction(record).execute(skip_permission_checks=True)
        except BaseException:
            if record.evidence.name:  # written as the record was saved: not kept half-done
                record.evidence.storage.delete(record.evidence.name)
            raise
        if partners:
            record.syndication_partners.set(partners)
        note_on_own_page(storyteller, link, "Consent given, signed with a typed name")
        address = holder_email(link)
        context = {
            "choices": choices_in_words(data),
            "ends_on": long_date(record.ends_on),
            "digest": digest,
            "contact": contact_email(),
        }
        transaction.on_commit(
            lambda: mail(
                "Thank you: your consent is recorded: Histories & Smiles",
                "receipt_consent.txt",
                context,
                [address],
            ),
            robust=True,
        )
    record.agreement_digest = digest
    return record


def latest_expiry(today=None):
    """The last day consent given today may run to."""
    today = today or timezone.localdate()
    return add_years(today, MAX_YEARS)


__all__ = [
    "AGREEMENT_PARAGRAPHS",
    "NarrowingError",
    "WithdrawalError",
    "agreement_text",
    "consent_on_own_page",
    "latest_expiry",
    "narrow_on_own_page",
    "withdraw_on_own_page",
]
