"""Seed the fixed age bands, and make the site's root a campaign home page.

Wagtail starts every site with a plain "Welcome" page; a campaign site needs
its HomePage there from the first migration, with or without demo content.
"""

from django.db import migrations

AGE_BANDS = [
    ("primary", "Primary school (5–11)", 1),
    ("secondary", "Secondary school (11–18)", 2),
    ("adult", "Adults", 3),
]


def seed_age_bands(apps, schema_editor):
    AgeBand = apps.get_model("stories", "AgeBand")
    for slug, name, order in AGE_BANDS:
        AgeBand.objects.update_or_create(slug=slug, defaults={"name": name, "sort_order": order})


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("stories", "HomePage")

    if HomePage.objects.exists():
        return
    welcome = Page.objects.filter(
        depth=2, slug="home", content_type__app_label="wagtailcore", content_type__model="page"
    ).first()
    if welcome is None or welcome.numchild:
        return  # someone has built on this tree already: leave it to them
    path, locale_id = welcome.path, welcome.locale_id
    welcome.delete()
    root = Page.objects.get(depth=1)
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])

    content_type, _ = ContentType.objects.get_or_create(app_label="stories", model="homepage")
    home = HomePage.objects.create(
        title="Histories & Smiles",
        draft_title="Histories & Smiles",
        slug="home",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale_id=locale_id or Locale.objects.values_list("pk", flat=True).first(),
        live=True,
        introduction="<p>Patients of the clinic tell, in their own words, how treatment changed their lives.</p>",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name="Histories & Smiles",
        )
    else:
        site.root_page = home
        site.site_name = site.site_name or "Histories & Smiles"
        site.save()


def remove_home_page(apps, schema_editor):
    pass  # the pages stay; nothing to undo safely


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_age_bands, migrations.RunPython.noop),
        migrations.RunPython(create_home_page, remove_home_page),
    ]
