"""`make bench` runs its in-process measures on the demo campaign as the
review now stands (a storyteller approves before publishing): they report
figures, not tracebacks."""

import io
import json

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_in_process_bench_publishes_withdraws_and_sweeps_on_the_demo(tmp_path):
    out = tmp_path / "inprocess.json"
    call_command("bench_inprocess", f"--out={out}", "--sweep", "--writes", stdout=io.StringIO())

    figures = json.loads(out.read_text())
    assert figures["writes"]["publish_queries"] > 0
    assert figures["writes"]["withdrawal_queries"] > 0
    assert "timed_out_after_s" not in figures["writes"]
    assert figures["sweep"]["queries"] > 0
    assert figures["queries"]["story"]["cold"]["status"] == 200


WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.61ms    1.20ms  20.03ms   90.00%
  Latency Distribution
     50%    4.30ms
     75%    4.90ms
     90%    5.70ms
     99%    1.02s
  3912 requests in 5.01s, 114.94MB read
  Non-2xx or 3xx responses: 2
Requests/sec:    780.84
"""


def test_the_bench_reads_what_wrk_prints():
    from stories.benchmark.load import read_wrk

    result = read_wrk(WRK_OUTPUT)
    assert result.requests == 3912
    assert result.p50 == pytest.approx(4.30)
    assert result.p99 == pytest.approx(1020)
    assert result.failures == 2


def test_the_bench_serves_its_databases_under_the_key_they_were_built_with(tmp_path, monkeypatch):
    """Its databases are built under the development settings and served under
    the production ones, which refuse to start without a personal-data key: both
    must hold the same key, or the served site could not read a storyteller."""
    import subprocess
    import sys

    from stories.benchmark import databases
    from stories.management.commands.bench_site import Command

    monkeypatch.setattr(databases, "BENCH", tmp_path)
    database = databases.Database("keys")
    bench = Command()
    bench.redis = None

    def run(env, code):
        return subprocess.run(  # noqa: S603
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=databases.ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    built = run(
        database.environment(),
        "from stories.personal_data import encrypt; print(encrypt('Flora Nowak'))",
    )
    assert built.returncode == 0, built.stderr
    served = run(
        bench.serving_env(database),
        f"from stories.personal_data import decrypt; print(decrypt({built.stdout.strip()!r}))",
    )
    assert served.returncode == 0, served.stderr
    assert served.stdout.strip() == "Flora Nowak"
