"""Spreadsheets downloaded from the admin: safe to open in Excel, named by day.

Every CSV the admin hands out (the campaign's own reports and Wagtail's Site
history) goes through `SafeSpreadsheetExportMixin`:

- UTF-8 with a byte-order mark, so Excel reads ’ and é as written;
- no formula injection: a cell starting with =, +, -, @, a tab or a carriage
  return is prefixed with a single quote, so a story titled
  `=HYPERLINK("http://x")` is shown as text, never run;
- dates and times in the site's local time, to the second;
- files named after the report and the day, `consent-coverage-2026-12-01.csv`.

Wagtail's Site history view is registered by Wagtail itself, and URLs from the
`register_admin_urls` hook are matched after Wagtail's own; so the subclass
here is routed at the same address ahead of the admin (see config/urls.py).
"""

import datetime

from django.urls import path
from django.utils import timezone
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.utils.urlpatterns import decorate_urlpatterns

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """Text a spreadsheet would run as a formula, made plain text with a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def local_datetime(value):
    """A moment as the campaign's clock shows it, to the second, without the offset."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    # A plain datetime, whatever subclass came in: spreadsheet writers look
    # the type up in a table of formats.
    return datetime.datetime(*value.timetuple()[:6])


def csv_datetime(value):
    return local_datetime(value).strftime("%Y-%m-%d %H:%M:%S")


def csv_date(value):
    return value.isoformat()


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV and XLSX export, made safe for spreadsheets and named by day.

    Set `export_filename` to the report's name: the file is
    `<export_filename>-<today>.csv` (or .xlsx).
    """

    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        # datetime before date: a datetime is also a date.
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: csv_datetime,
            SpreadsheetExportMixin.FORMAT_XLSX: local_datetime,
        },
        datetime.date: {SpreadsheetExportMixin.FORMAT_CSV: csv_date},
    }

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def stream_csv(self, queryset):
        yield BYTE_ORDER_MARK.encode("utf-8")
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class SiteHistoryView(SafeSpreadsheetExportMixin, LogEntriesView):
    """Wagtail's Site history report, exported the safe way."""

    export_filename = "site-history"


# Routed ahead of Wagtail's admin URLs, at the addresses Wagtail gives its own view.
site_history_urls = decorate_urlpatterns(
    [
        path("site-history/", SiteHistoryView.as_view()),
        path("site-history/results/", SiteHistoryView.as_view(results_only=True)),
    ],
    require_admin_access,
)
site_history_urls = decorate_urlpatterns(site_history_urls, never_cache)
