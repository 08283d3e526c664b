"""The storyteller's own page, at /my-story/<token>/ (mounted in config/urls.py)."""

from django.urls import path

from . import approving, choices, views

urlpatterns = [
    path("<str:token>/", views.home, name="storyteller_page"),
    path("<str:token>/code/", views.code_step, name="storyteller_page_code"),
    path("<str:token>/sign-out/", views.sign_out, name="storyteller_page_sign_out"),
    path("<str:token>/new-link/", views.renew, name="storyteller_page_renew"),
    path("<str:token>/pictures/<int:image_id>/", views.picture, name="storyteller_page_picture"),
    path("<str:token>/withdraw/", choices.withdraw, name="storyteller_page_withdraw"),
    path("<str:token>/change/", choices.narrow, name="storyteller_page_narrow"),
    path("<str:token>/consent/", choices.consent, name="storyteller_page_consent"),
    path(
        "<str:token>/approve/<int:story_id>/",
        approving.approve_story,
        name="storyteller_page_approve",
    ),
    path(
        "<str:token>/approve/<int:story_id>/story/",
        approving.story_as_readers_see_it,
        name="storyteller_page_story_preview",
    ),
]
