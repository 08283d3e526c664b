"""The reader's filters on the story index: by theme and by age band."""

from django import forms

from .taxonomy import AgeBand, Theme


class StoryFilterForm(forms.Form):
    """Theme and age band, by slug, so filtered listings have readable URLs.

    Unknown values are dropped rather than refused: a stale or mistyped link
    still shows stories.
    """

    theme = forms.ChoiceField(required=False, label="Theme")
    age = forms.ChoiceField(required=False, label="Suits")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.age_bands = {band.slug: band for band in AgeBand.objects.all()}
        self.fields["theme"].choices = [("", "All themes")] + [
            (slug, theme.name) for slug, theme in self.themes.items()
        ]
        self.fields["age"].choices = [("", "All ages")] + [
            (slug, band.name) for slug, band in self.age_bands.items()
        ]

    def selected(self):
        """The theme and age band chosen, each None when absent or unknown."""
        data = self.data or {}
        return self.themes.get(data.get("theme", "")), self.age_bands.get(data.get("age", ""))

    def apply(self, stories):
        theme, age_band = self.selected()
        if theme:
            stories = stories.filter(themes=theme)
        if age_band:
            stories = stories.filter(age_bands=age_band)
        return stories

    def querystring(self):
        """The active filters as a query string, for links to other pages."""
        theme, age_band = self.selected()
        params = []
        if theme:
            params.append(f"theme={theme.slug}")
        if age_band:
            params.append(f"age={age_band.slug}")
        return "&".join(params)
