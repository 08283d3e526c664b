"""/account/…: the reader's way in, in the site's own look."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("sign-in/", views.ReaderSignInView.as_view(), name="reader_login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="reader_logout"),
    path("password-reset/", views.ReaderPasswordResetView.as_view(), name="reader_password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="readers/password_reset_sent.html"),
        name="reader_password_reset_sent",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.ReaderPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("invitation/<str:secret>/", views.accept, name="reader_accept_invitation"),
]
