"""The pages of two-step sign-in (the rule itself is in stories.two_factor).

The code and the setting up come right after the password, before any admin
page, in the sign-in page's own look; a member of staff's own settings, and an
administrator's reset of a colleague's, are admin pages like any other.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin import messages
from wagtail.log_actions import log

from . import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )


def next_address(request):
    """Where to go once the code is given: an address on this site, else the dashboard."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def with_next(name, target):
    return f"{reverse(name)}?{urlencode({'next': target})}"


def code_form(request, error):
    form = CodeForm(request.POST or None)
    if error and form.is_valid():
        form.add_error("code", error)
    return form


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """The code from the app (or a recovery code), once a sign-in."""
    user = request.user
    target = next_address(request)
    if user.is_verified() or not two_factor.is_asked(user):
        return redirect(target)
    if not two_factor.has_app(user):
        return redirect(with_next("two_factor_setup", target))
    error = None
    if request.method == "POST":
        device, error = two_factor.check_code(user, request.POST.get("code"))
        if device is not None:
            two_factor.verified(request, device)
            return redirect(target)
    return TemplateResponse(
        request,
        "two_factor/verify.html",
        {"form": code_form(request, error), "next": target},
    )


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Scan the QR code (or type the secret), confirm with a code, and keep the
    recovery codes shown once. Someone who already has an app must give its
    code before they may replace it: a password alone never enrols a phone."""
    user = request.user
    if not two_factor.may_use(user):
        raise Http404
    target = next_address(request)
    if two_factor.has_app(user) and not user.is_verified():
        return redirect(with_next("two_factor_verify", target))
    device = two_factor.app_being_set_up(user)
    error = None
    if request.method == "POST":
        confirmed, error = two_factor.check_code(user, request.POST.get("code"), device=device)
        if confirmed is not None:
            codes = two_factor.confirm_app(request, confirmed)
            return recovery_codes_page(request, codes, target)
    return TemplateResponse(
        request,
        "two_factor/setup.html",
        {
            "form": code_form(request, error),
            "next": target,
            "qr_code": two_factor.qr_code(device),
            "secret": two_factor.secret_for_typing(device),
            "required": two_factor.must_use(user),
        },
    )


def recovery_codes_page(request, codes, target):
    """Shown once, in the answer to the form that made them; never stored in the clear."""
    return TemplateResponse(
        request, "two_factor/recovery_codes.html", {"codes": codes, "next": target}
    )


@never_cache
def account(request):
    """A member of staff's own two-step sign-in: set it up, move it to a new
    phone, make new recovery codes, or turn it off where it is not required."""
    user = request.user
    if not two_factor.may_use(user):
        raise Http404
    required = two_factor.must_use(user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "recovery_codes" and two_factor.has_app(user):
            codes = two_factor.new_recovery_codes(user)
            log(instance=user, action=two_factor.RECOVERY_CODES_RENEWED, user=user)
            return recovery_codes_page(request, codes, reverse("two_factor_account"))
        if action == "turn_off" and not required and two_factor.has_app(user):
            two_factor.turn_off(user)
            messages.success(request, "Two-step sign-in is off for your account.")
            return redirect("two_factor_account")
        messages.error(request, "That cannot be done for your account.")
        return redirect("two_factor_account")
    app = two_factor.app_of(user)
    return TemplateResponse(
        request,
        "two_factor/account.html",
        {
            "header_title": "Two-step sign-in",
            "page_title": "Two-step sign-in",
            "header_icon": "key",
            "app": app,
            "required": required,
            "codes_left": two_factor.recovery_codes_left(user) if app else 0,
        },
    )


@never_cache
def staff_member(request, pk):
    """An administrator sees whether a colleague has two-step sign-in and may
    reset it (a lost phone): the colleague sets up again at their next sign-in."""
    member = get_object_or_404(get_user_model(), pk=pk)
    if not two_factor.may_reset(request.user, member):
        raise PermissionDenied
    if request.method == "POST":
        had = two_factor.reset(member, by=request.user)
        if had:
            messages.success(
                request,
                f"Two-step sign-in reset for {member.get_username()}: "
                "they set up their app again at their next sign-in.",
            )
        else:
            messages.success(request, f"{member.get_username()} had no app set up.")
        return redirect("two_factor_staff_member", pk=member.pk)
    app = two_factor.app_of(member)
    return TemplateResponse(
        request,
        "two_factor/staff_member.html",
        {
            "header_title": f"Two-step sign-in of {member.get_username()}",
            "page_title": "Two-step sign-in",
            "page_subtitle": member.get_username(),
            "header_icon": "key",
            "member": member,
            "app": app,
            "codes_left": two_factor.recovery_codes_left(member) if app else 0,
            "required": two_factor.mode() == two_factor.REQUIRED
            and (member.is_superuser or member.has_perm(two_factor.SEES_IDENTITIES)),
        },
    )


urlpatterns = [
    path("two-factor/verify/", verify, name="two_factor_verify"),
    path("two-factor/setup/", setup, name="two_factor_setup"),
    path("two-factor/", account, name="two_factor_account"),
    path("two-factor/staff/<int:pk>/", staff_member, name="two_factor_staff_member"),
]
