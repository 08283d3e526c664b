"""The storyteller's own page, at /my-story/<token>/ (mounted in config/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:token>/", views.home, name="storyteller_page"),
    path("<str:token>/code/", views.code_step, name="storyteller_page_code"),
    path("<str:token>/sign-out/", views.sign_out, name="storyteller_page_sign_out"),
    path("<str:token>/new-link/", views.renew, name="storyteller_page_renew"),
    path("<str:token>/pictures/<int:image_id>/", views.picture, name="storyteller_page_picture"),
]
