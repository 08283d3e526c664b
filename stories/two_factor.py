"""Two-step sign-in for staff: the password, then a code from an authenticator app.

`STAFF_TWO_FACTOR` says how far it goes:

- ``required``: consent officers and administrators (superusers, and whoever
  may see storytellers' real identities) open no admin page until they have
  set up an app and typed its code; other staff may set it up too.
- ``optional``: nobody has to, any member of staff may.
- ``off``: nobody is asked and nothing is offered.

Whoever has set it up is asked for a code at each sign-in (unless it is off).
django-otp keeps the devices (a TOTP device for the app, a static device for
the single-use recovery codes), makes each wrong code wait twice as long as
the last before another is tried (counted in the database, so every worker
sees it) and records in the session which device verified it
(`OTPMiddleware`). Readers never meet any of it: only addresses under
/admin/ ask, whichever sign-in page the session began on.
"""

import re
from base64 import b32encode
from functools import partial

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, SimpleLazyObject, empty
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from .readers.membership import works_in_admin
from .security_headers import is_admin

REQUIRED, OPTIONAL, OFF = "required", "optional", "off"
MODES = (REQUIRED, OPTIONAL, OFF)

# Those who see storytellers' real identities: consent officers and site administrators.
SEES_IDENTITIES = "stories.view_private_consent"

APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
APP_CODE = re.compile(r"\d{6}")
RECOVERY_CODE = re.compile(r"[a-z2-7]{8}")

SET_UP = "stories.two_factor.set_up"
RECOVERY_CODES_RENEWED = "stories.two_factor.recovery_codes"
TURNED_OFF = "stories.two_factor.turned_off"
RESET = "stories.two_factor.reset"

WRONG_CODE = "That code is not right. Type the code your app shows now, or an unused recovery code."
BAD_FORMAT = (
    "Type the 6 digits your authenticator app shows, or one of your recovery codes "
    "(8 letters and digits)."
)

# Pages a member of staff who still owes a code may open: signing in and out,
# the admin's translations and icons, and the two steps themselves.
OPEN_BEFORE_CODE = (
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "two_factor_verify",
    "two_factor_setup",
)


def mode():
    """The setting, refused when misspelt: a typo must not quietly mean "off"."""
    value = str(getattr(settings, "STAFF_TWO_FACTOR", OFF)).strip().lower()
    if value not in MODES:
        raise ImproperlyConfigured(
            f"STAFF_TWO_FACTOR must be one of {', '.join(MODES)}, not {value!r}."
        )
    return value


def must_use(user):
    """Consent officers and administrators, when the setting requires it."""
    return (
        mode() == REQUIRED
        and works_in_admin(user)
        and (user.is_superuser or user.has_perm(SEES_IDENTITIES))
    )


def may_use(user):
    """Any member of staff, unless two-step sign-in is off."""
    return mode() != OFF and works_in_admin(user)


def app_of(user, confirmed=True):
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).order_by("-pk").first()


def has_app(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_asked(user):
    """Whether this member of staff owes a code before the admin opens."""
    if mode() == OFF or not works_in_admin(user):
        return False
    return must_use(user) or has_app(user)


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# Codes -------------------------------------------------------------------


def normalise(code):
    return re.sub(r"[\s-]", "", code or "").lower()


def throttled_message(data):
    wait = max(1, int((data["locked_until"] - timezone.now()).total_seconds() + 0.999))
    unit = "second" if wait == 1 else "seconds"
    return (
        f"Too many wrong codes. Wait {wait} {unit} before you try again: "
        "each wrong code makes the wait longer."
    )


def check_code(user, code, device=None):
    """The device that accepts this code, or None and the reason to show.

    Six digits go to the app, eight letters and digits to the recovery codes
    (each used once); `device` names one device instead (an app being set up).
    A device that has just refused codes refuses every code until its wait is
    over, so guessing takes longer with each wrong code.
    """
    code = normalise(code)
    if device is not None:
        candidates = type(device).objects.filter(pk=device.pk)
        if not APP_CODE.fullmatch(code):
            return None, BAD_FORMAT
    elif APP_CODE.fullmatch(code):
        candidates = TOTPDevice.objects.devices_for_user(user, confirmed=True)
    elif RECOVERY_CODE.fullmatch(code):
        candidates = StaticDevice.objects.devices_for_user(user, confirmed=True)
    else:
        return None, BAD_FORMAT
    with transaction.atomic():
        for candidate in candidates.select_for_update().order_by("pk"):
            allowed, data = candidate.verify_is_allowed()
            if not allowed:
                return None, throttled_message(data)
            if candidate.verify_token(code):
                return candidate, None
    return None, WRONG_CODE


def verified(request, device):
    """The session has shown a code: django-otp records the device in it, and
    the session key changes, as it does at a change of privilege."""
    request.session.cycle_key()
    otp_login(request, device)


# Devices ----------------------------------------------------------------


def app_being_set_up(user):
    """The unconfirmed app of this user, made once and kept until it is confirmed,
    so that reloading the page shows the same QR code."""
    device = app_of(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def new_recovery_codes(user):
    """Fresh single-use codes for when the phone is lost; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_app(request, device):
    """The code from the app matched: this app replaces any other, new recovery
    codes are made (to be shown once) and the session counts as verified."""
    user = request.user
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = new_recovery_codes(user)
    verified(request, device)
    log(instance=user, action=SET_UP, user=user)
    return codes


def remove_devices(user):
    """Every app and recovery code of the user; their sessions are no longer verified."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return removed


@transaction.atomic
def turn_off(user):
    remove_devices(user)
    log(instance=user, action=TURNED_OFF, user=user)


@transaction.atomic
def reset(user, by=None):
    """A colleague lost their phone: their apps and recovery codes are removed,
    they set up again at their next sign-in (when they must) and the admin's
    history says who did it."""
    had = has_app(user)
    remove_devices(user)
    log(instance=user, action=RESET, user=by)
    return had


def may_reset(actor, user):
    """Who may reset another member of staff's two-step sign-in: whoever may
    edit users; only a superuser may reset a superuser's."""
    return (
        actor.pk != user.pk
        and works_in_admin(actor)
        and actor.has_perm(f"{user._meta.app_label}.change_{user._meta.model_name}")
        and (actor.is_superuser or not user.is_superuser)
    )


def qr_code(device):
    """The app's set-up address as an inline SVG QR code (segno; no script, no download)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title="QR code to scan with your authenticator app"
    )
    return mark_safe(svg)  # noqa: S308 - segno's own SVG of a URL it encodes


def secret_for_typing(device):
    """The secret in groups of four, for an app that cannot scan."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def register_log_actions(actions):
    actions.register_action(SET_UP, "Two-step sign-in set up", "Two-step sign-in set up")
    actions.register_action(
        RECOVERY_CODES_RENEWED, "New recovery codes made", "New recovery codes made"
    )
    actions.register_action(TURNED_OFF, "Two-step sign-in turned off", "Two-step sign-in off")
    actions.register_action(RESET, "Two-step sign-in reset", "Two-step sign-in reset")


# The rule, for every admin address ------------------------------------------


def next_step(request):
    """Where a member of staff who owes a code goes: the code, or setting up
    the app when they must and have none yet."""
    user = request.user
    name = "two_factor_verify" if has_app(user) else "two_factor_setup"
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


def concrete(user):
    """The user object itself, out of however many lazy wrappers."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def owes_code(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_verified():
        return False
    return request.resolver_match.view_name not in OPEN_BEFORE_CODE and is_asked(user)


class TwoFactorForStaff:
    """Every admin address, the pages, the choosers and the admin's JSON alike,
    waits for the code when the signed-in member of staff owes one.

    After django_otp's OTPMiddleware. It acts in process_view, once the
    address is resolved, so the open pages are known by name.
    """

    def __init__(self, get_response):
        mode()  # a misspelt setting stops the site at start, not at the first sign-in
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            # OTPMiddleware wraps Django's lazy user in a lazy object of its own;
            # Wagtail's log() unwraps one level only, so give it one level again.
            request.user = SimpleLazyObject(partial(concrete, user))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_admin(request) and owes_code(request):
            return next_step(request)
        return None
