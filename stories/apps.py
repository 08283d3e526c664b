from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = "Histories & Smiles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import caching, search_index, signals  # noqa: F401  (connects the receivers)

        caching.connect()
        from . import shown

        shown.connect()  # before the consent receivers, which ask the gate
        from .consent import signals as consent_signals  # noqa: F401
        from .site_address import align_default_site

        post_migrate.connect(align_default_site, sender=self)
        post_migrate.connect(create_cache_tables, sender=self)


def create_cache_tables(**kwargs):
    """The database cache that counts rate limits without Redis (settings)."""
    from django.core.management import call_command

    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)
