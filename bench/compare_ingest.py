"""Before/after check of the validation engine (issue 18): the same file through two copies of
the source tree must give the same accepted and quarantine Parquet files (schema, rows,
values, order) and the same result (counts, error list, summary). Run by hand:

    git archive HEAD src | tar -x -C /tmp/before          # or any older commit
    .venv/bin/python bench/compare_ingest.py dump /tmp/before/src FILE.csv /tmp/out-before
    .venv/bin/python bench/compare_ingest.py dump src FILE.csv /tmp/out-after
    .venv/bin/python bench/compare_ingest.py diff /tmp/out-before /tmp/out-after

`dump` validates FILE with the bench dataset's spec (period 2025-06), writes the two Parquet
files and `result.json` (every field of the result but the timings and paths) to OUT.
`diff` compares two such directories and exits 1 on the first difference. Synthetic data only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def dump(src: str, file: str, out: str) -> None:
    sys.path.insert(0, str(Path(src).resolve()))
    from gongzhi.exchange.validation import load_spec, synthetic, validate_file

    spec = load_spec(synthetic.BENCH_SPEC_YAML)
    result = validate_file(file, spec, period="2025-06", submission_id=1, out_dir=out, filename="bench.csv")
    data = {
        "status": result.status,
        "rows": result.rows,
        "accepted": result.accepted,
        "rejected": result.rejected,
        "error_count": result.error_count,
        "error_rows": result.error_rows,
        "file_errors": result.file_errors,
        "warnings": result.warnings,
        "errors": [vars(e) for e in result.errors],
        "summary": [vars(s) for s in result.summary],
        "parquet": result.parquet_path is not None,
        "quarantine": result.quarantine_path is not None,
    }
    Path(out, "result.json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    print(
        f"{file}: {result.status}, {result.rows:,} rows, {result.accepted:,} accepted, {result.error_count:,} errors"
    )


def diff(a: str, b: str) -> None:
    import pyarrow.parquet as pq

    same = True
    left, right = (
        json.loads(Path(a, "result.json").read_text()),
        json.loads(Path(b, "result.json").read_text()),
    )
    for key in sorted(set(left) | set(right)):
        if left.get(key) != right.get(key):
            print(f"result.{key} differs")
            same = False
    for name in ("1.parquet", "1.quarantine.parquet"):
        pa_, pb = Path(a, name), Path(b, name)
        if pa_.exists() != pb.exists():
            print(f"{name}: present in one directory only")
            same = False
            continue
        if not pa_.exists():
            continue
        ta, tb = pq.read_table(pa_), pq.read_table(pb)
        if ta.schema != tb.schema:
            print(f"{name}: schemas differ\n{ta.schema}\n{tb.schema}")
            same = False
        elif not ta.equals(tb):
            print(f"{name}: rows or values differ ({ta.num_rows:,} against {tb.num_rows:,} rows)")
            same = False
        else:
            print(f"{name}: identical ({ta.num_rows:,} rows, {ta.num_columns} columns)")
    print("identical" if same else "DIFFERENT")
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"] and len(sys.argv) == 5:
        dump(*sys.argv[2:])
    elif sys.argv[1:2] == ["diff"] and len(sys.argv) == 4:
        diff(*sys.argv[2:])
    else:
        raise SystemExit(__doc__)
