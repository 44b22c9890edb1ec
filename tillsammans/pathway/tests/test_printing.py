"""A measure or a relay-log entry printed outside the log's own pages (the admin, a log line) shows
its number, never its text: the text is child data."""

from django.utils import translation

from tillsammans.pathway.models import LogEntry, Measure


def test_child_data_is_not_in_the_printed_name():
    with translation.override("sv"):
        measure, entry = Measure(pk=3, description="Stöd kring Ellas sömn"), LogEntry(pk=4, text="Ella grät i dag")
        assert "Ella" not in str(measure) and str(measure).endswith(" 3")
        assert "Ella" not in str(entry) and str(entry).endswith(" 4")
