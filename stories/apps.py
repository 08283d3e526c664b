from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Histories & Smiles"
    default_auto_field = "django.db.models.BigAutoField"
