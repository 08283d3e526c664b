"""Forms readers fill in: signing in and accepting an invitation."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from .membership import is_locked_out, works_in_admin

SUSPENDED = (
    "Your organisation's access to Histories & Smiles is paused. Please contact the campaign team."
)


class ReaderSignInForm(AuthenticationForm):
    """Sign in with the e-mail the invitation went to (staff: their username)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "E-mail address or username"

    def clean_username(self):
        """Invited readers' usernames are their e-mail; others may give their e-mail too."""
        given = self.cleaned_data["username"].strip()
        if "@" in given:
            usernames = list(
                get_user_model()
                .objects.filter(email__iexact=given)
                .values_list("username", flat=True)[:2]
            )
            if len(usernames) == 1:
                return usernames[0]
        return given

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            # Only someone who knows the password learns the organisation is
            # suspended; the backend found that out while checking it, once.
            if getattr(self.request, "suspended_member", False):
                raise forms.ValidationError(SUSPENDED, code="suspended") from None
            raise


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and password != cleaned.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        elif password:
            candidate = get_user_model()(
                username=self.invitation.email,
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ReaderPasswordResetForm(PasswordResetForm):
    """Django's reset form, which mails only readers who may sign in here.

    Staff reset their passwords through the admin's own page; members of a
    suspended organisation cannot sign in, so a reset would only tell them,
    or whoever holds their mailbox, that the account exists. The page after
    the form says the same whatever happened.
    """

    def get_users(self, email):
        for user in super().get_users(email):
            if user.is_staff or user.is_superuser or works_in_admin(user):
                continue
            if is_locked_out(user):
                continue
            yield user
