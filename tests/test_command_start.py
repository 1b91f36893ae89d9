"""Command start: `gongzhi --help` and every command's own help load no data engine.

DuckDB, PyArrow, SQLGlot, pandas, openpyxl, python-docx, statsmodels and Spark are imported by the
work that needs them, never at start-up; so are django-ninja and pydantic (ninja is not an
installed app: settings.NINJA_DIR) (job handlers are registered when a job is first started
or run: `core.jobs._load_job_modules`). The time itself is measured by bench/bench_command_start.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("duckdb", "pyarrow", "sqlglot", "pandas", "openpyxl", "docx", "statsmodels", "pyspark", "polars")
# the API's libraries: loaded with the URLconf (the first request), not by django.setup()
API = ("ninja", "pydantic", "pydantic_core")
# the policy-document parser: its patterns take ~80 ms to compile; imported by `plan parse/import`
PARSER = ("gongzhi.plans.parsing",)

PROBE = """
import io, json, sys
from contextlib import redirect_stdout
from gongzhi.cli import main
try:
    with redirect_stdout(io.StringIO()):
        main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} | set(sys.modules))))
"""


def _commands() -> list[str]:
    src = Path(__file__).resolve().parents[1] / "src" / "gongzhi"
    return sorted(p.stem for p in src.glob("**/management/commands/*.py") if not p.stem.startswith("_"))


def _loaded(*argv: str) -> set[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongzhi.settings"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, env=env, check=True, timeout=60
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_commands_are_found():
    assert {"exchange", "taxrisk", "credit", "economy", "plan", "demo", "assess"} <= set(_commands())


@pytest.mark.parametrize(
    "argv",
    [("--help",), *[(name, "--help") for name in _commands()], ("economy", "revenue", "--help")],
    ids=lambda argv: " ".join(argv),
)
def test_starting_a_command_loads_no_data_engine(argv):
    assert _loaded(*argv) & set(HEAVY + API + PARSER) == set()


def test_a_job_still_finds_its_handler_after_a_lazy_start(db):
    from gongzhi.core import jobs

    kinds = jobs.job_kinds()
    assert {"exchange.validate", "plans.parse", "taxrisk.run"} <= set(kinds)


def test_the_api_docs_page_serves_ninjas_local_files(client):
    """ninja not being an installed app must not send the docs page to a CDN (no web here)."""
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200
