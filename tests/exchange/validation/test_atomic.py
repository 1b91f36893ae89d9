"""Accepted data is written atomically: after a crash the final file is complete or absent."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from gongzhi.exchange.validation import atomic_write, ingest, sweep_temp_files, validate_file


def test_atomic_write_replaces_the_final_file_only_when_complete(tmp_path):
    final = tmp_path / "a.txt"
    final.write_text("old")

    def fail(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(final, fail)
    assert final.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # the temporary file is gone
    atomic_write(final, lambda tmp: tmp.write_text("new"))
    assert final.read_text() == "new"


def test_a_failure_between_writing_and_renaming_leaves_no_final_file(
    monkeypatch, write_csv, tx_spec, tx_header, tx_row, out_dir
):
    def crash(src, dst):
        raise KeyboardInterrupt("power cut")  # anything, even not an Exception

    monkeypatch.setattr(ingest.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        validate_file(write_csv([tx_header, tx_row()]), tx_spec, submission_id=5, out_dir=out_dir)
    assert list(out_dir.iterdir()) == []


CRASH = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from gongzhi.exchange.validation import ingest, load_specs, validate_file

    def crash(src, dst):
        # the temporary file is complete and fsynced here: die before the rename
        assert Path(src).stat().st_size > 0
        os._exit(9)

    ingest.os.replace = crash
    spec = [s for s in load_specs(Path(sys.argv[1]).read_text(encoding="utf-8")) if s.code == "real_estate_tx"][0]
    validate_file(sys.argv[2], spec, submission_id=5, out_dir=sys.argv[3])
    """
)


def test_a_killed_process_leaves_no_partial_final_file(tmp_path, write_csv, tx_header, tx_row, out_dir):
    from gongzhi.exchange.validation import spec as spec_module

    fixtures = Path(__file__).resolve().parents[2] / "fixtures" / "exchange" / "demand_list.yaml"
    path = write_csv([tx_header, *[tx_row() for _ in range(100)]])
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(fixtures), str(path), str(out_dir)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(spec_module.__file__).parents[3])},
        timeout=120,
    )
    assert done.returncode == 9, done.stderr
    names = sorted(p.name for p in out_dir.iterdir())
    assert "5.parquet" not in names
    assert any(n.startswith(".tmp-5.parquet.") for n in names)  # what a crash leaves behind
    for p in out_dir.iterdir():
        os.utime(p, (time.time() - 7200, time.time() - 7200))
    assert sweep_temp_files(out_dir)
    assert list(out_dir.iterdir()) == []


def test_rerunning_a_submission_replaces_its_files(write_csv, tx_spec, tx_header, tx_row, out_dir):
    first = validate_file(write_csv([tx_header, tx_row()]), tx_spec, submission_id=5, out_dir=out_dir)
    second = validate_file(
        write_csv([tx_header, tx_row(), tx_row()], name="b.csv"), tx_spec, submission_id=5, out_dir=out_dir
    )
    assert first.parquet_path == second.parquet_path
    assert pq.read_metadata(second.parquet_path).num_rows == 2
    assert sorted(p.name for p in out_dir.iterdir()) == ["5.parquet"]
