"""`make bench` runs its in-process measures on the demo campaign as the
review now stands (a storyteller approves before publishing): they report
figures, not tracebacks."""

import io
import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=False)


def test_the_in_process_bench_publishes_withdraws_and_sweeps_on_the_demo(tmp_path):
    out = tmp_path / "inprocess.json"
    call_command("bench_inprocess", f"--out={out}", "--sweep", "--writes", stdout=io.StringIO())

    figures = json.loads(out.read_text())
    assert figures["writes"]["publish_queries"] > 0
    assert figures["writes"]["withdrawal_queries"] > 0
    assert "timed_out_after_s" not in figures["writes"]
    assert figures["sweep"]["queries"] > 0
    assert figures["queries"]["story"]["cold"]["status"] == 200
