"""One tiny run of the benchmark, so that it keeps working; its figures are not judged here."""

from __future__ import annotations

import json
import os
import subprocess
import sys

KEYS = {
    "rebuild_events_per_s", "rebuild_vs_raw_select", "rebuild_peak_rss_mb", "command_per_s",
    "command_vs_raw_insert", "payment_ms_at_3000_vs_at_10", "as_at_p99_ms",
    "as_known_at_p99_ms", "as_at_vs_full_replay", "verify_events_per_s", "http_read_per_s",
    "http_read_p99_ms", "http_write_p99_ms", "http_read_vs_hello", "first_answer_s",
    "register_site_s", "register_raw_select_s", "register_page_p99_ms", "register_page_vs_hello",
    "dashboard_page_p99_ms", "dashboard_page_vs_hello", "workbook_s", "workbook_raw_select_s",
}


def test_the_benchmark_runs_and_reports_every_figure_beside_its_baseline() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--store", "sqlite", "--events", "1500",
         "--quick", "--json"],
        capture_output=True, text=True, timeout=600, env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout)
    assert set(figures) >= KEYS, KEYS - set(figures)
    assert figures["events"] >= 1500 and figures["verify_intact"] is True
    assert set(figures["http_read_statuses"]) == {"200"}
    assert set(figures["register_page_statuses"]) == {"200"}
    assert set(figures["dashboard_page_statuses"]) == {"200"}
    assert all(isinstance(figures[key], int | float) for key in KEYS)
