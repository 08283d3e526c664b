"""Pages readers use to get in: sign in, reset a password, accept an invitation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from .forms import AcceptInvitationForm, ReaderPasswordResetForm, ReaderSignInForm
from .invitations import accept_invitation, open_invitation

BACKEND = "stories.readers.backends.MemberAwareBackend"


# Why the sign-in page asks: the member audiences the gate says could read the
# story a visitor followed (stories.visibility.refusal_for's `shared_with`).
# Only these markers mean anything and each gives a fixed sentence; the story
# itself is never named, and nothing else from the address is shown.
SIGN_IN_REASONS = {
    "schools": _(
        "The story you followed is shared with schools only. Teachers and staff of the "
        "schools the campaign works with can read it once signed in."
    ),
    "partners": _(
        "The story you followed is shared with partner organisations only. Staff of the "
        "therapy groups and wellness organisations the campaign works with can read it "
        "once signed in."
    ),
    "schools-partners": _(
        "The story you followed is shared with schools and partner organisations only. "
        "Their teachers and staff can read it once signed in."
    ),
}


class ReaderSignInView(auth_views.LoginView):
    template_name = "readers/sign_in.html"
    authentication_form = ReaderSignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shared_with = self.request.GET.get("shared_with")
        if shared_with in SIGN_IN_REASONS:
            context["shared_with"] = shared_with
            context["sign_in_reason"] = SIGN_IN_REASONS[shared_with]
        return context


class ReaderPasswordResetView(auth_views.PasswordResetView):
    template_name = "readers/password_reset.html"
    form_class = ReaderPasswordResetForm
    email_template_name = "readers/email/password_reset.txt"
    subject_template_name = "readers/email/password_reset_subject.txt"
    success_url = reverse_lazy("reader_password_reset_sent")

    @property
    def extra_email_context(self):
        # The link leads to the site's one address, not to the host the form was posted to.
        return {"site_url": settings.SITE_URL}


class ReaderPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "readers/password_reset_confirm.html"
    success_url = reverse_lazy("reader_login")

    def form_valid(self, form):
        messages.success(self.request, "Your password is changed. You can sign in with it now.")
        return super().form_valid(form)


@never_cache
@sensitive_post_parameters("password1", "password2")
def accept(request, secret):
    """Create a reader's account from a one-time invitation link."""
    invitation = open_invitation(secret)
    if invitation is None:
        return render(request, "readers/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(
                invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend=BACKEND)
            messages.success(
                request,
                f"Welcome. You are signed in and can read the stories shared with "
                f"{invitation.organisation}.",
            )
            return redirect("/stories/")
    return render(
        request, "readers/accept_invitation.html", {"form": form, "invitation": invitation}
    )
