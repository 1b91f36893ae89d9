"""Prototype (issue 18, measured before any engine change): the bench dataset's checks as
Polars expressions, against the engine's DuckDB checking SELECT, on the same CSV file.

    .venv/bin/python bench/proto_polars_checks.py FILE.csv [--repeat 3] [--duckdb] [--parts]

What the prototype does (the *fast path* only, as the engine's `a<i>` flags define it): it reads
the file with Polars (all columns as text), flags for each field whether the raw text is empty
or already canonical (the same regexes as the engine), and for those rows computes the typed
values and the same error codes as the engine's fast path: USCC and ID check characters,
ID birth dates, unit numbers, industry sections, impossible dates, enums, decimals, required
fields, required_one_of, the cross-field product check, the period range and repeated keys.
Rows with a non-canonical value (padded, full-width, 2025年6月30日 …) are only counted: the
engine's slow path (DuckDB) would take them. Accepted rows are written to Parquet (zstd).
It prints CPU and wall seconds, and the error counts by (field, code), to compare with the
engine's summary on the same file; --duckdb also times the engine's checking SELECT alone over
the same file in memory, --parts the Polars pieces one by one. Synthetic data only (合成数据).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

import polars as pl  # noqa: E402

from gongzhi.core.codes import ID_CHECK_CHARS, ID_WEIGHTS, USCC_CHARSET, USCC_WEIGHTS  # noqa: E402
from gongzhi.exchange.validation import engine, load_spec, synthetic  # noqa: E402
from gongzhi.exchange.validation.checks import CHECKS, SECTION_OF_MAJOR, CheckOptions  # noqa: E402


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def full(pattern: str) -> str:
    return f"^(?:{pattern})$"


def uscc_code(v: pl.Expr) -> pl.Expr:
    value = {c: i for i, c in enumerate(USCC_CHARSET)}

    def char(i: int) -> pl.Expr:
        return v.str.slice(i, 1).replace_strict(value, return_dtype=pl.Int64, default=None) * USCC_WEIGHTS[i]

    area = v.str.slice(2, 6).cast(pl.Int64, strict=False)
    org = v.str.slice(8, 8).cast(pl.Int64, strict=False)
    area_sum = sum((area // 10 ** (5 - k) % 10) * USCC_WEIGHTS[2 + k] for k in range(6))
    org_digits = sum((org // 10 ** (7 - k) % 10) * USCC_WEIGHTS[8 + k] for k in range(8))
    org_chars = sum(char(i) for i in range(8, 16))
    total = (
        char(0)
        + char(1)
        + area_sum
        + pl.when(org.is_not_null()).then(org_digits).otherwise(org_chars)
        + char(16)
    )
    expected = (31 - total % 31) % 31
    last = v.str.slice(17, 1).replace_strict(value, return_dtype=pl.Int64, default=None)
    return pl.when(last != expected).then(pl.lit("uscc_checksum"))


def id_code(v: pl.Expr, latest: int) -> pl.Expr:
    n = v.str.slice(0, 17).cast(pl.Int64, strict=False)
    ymd = n // 1000 % 100_000_000
    y, m, d = ymd // 10000, ymd // 100 % 100, ymd % 100
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    days = (
        pl.when(m.is_in([4, 6, 9, 11]))
        .then(30)
        .when(m == 2)
        .then(pl.when(leap).then(29).otherwise(28))
        .otherwise(31)
    )
    birth_ok = m.is_between(1, 12) & (d >= 1) & (d <= days) & ymd.is_between(19000101, latest)
    total = sum((n // 10 ** (16 - i) % 10) * w for i, w in enumerate(ID_WEIGHTS))
    check = v.str.slice(17, 1)
    expected = pl.lit(pl.Series(list(ID_CHECK_CHARS))).gather(total % 11)
    return (
        pl.when(~birth_ok)
        .then(pl.lit("id_card_birth"))
        .when(check != expected)
        .then(pl.lit("id_card_checksum"))
    )


def industry_code(v: pl.Expr) -> pl.Expr:
    major = v.str.slice(1, 2).cast(pl.Int64, strict=False)
    section = pl.lit(pl.Series(list(SECTION_OF_MAJOR))).gather(major - 1)
    return pl.when(section != v.str.slice(0, 1)).then(pl.lit("industry_range"))


def build(lf: pl.LazyFrame, spec, plan) -> tuple[pl.LazyFrame, list[str]]:
    """Flags, typed values and error codes of the fast path."""
    flags, values, errors = [], [], []
    latest = int(CheckOptions().latest_birth().strftime("%Y%m%d"))
    period = plan.period
    for f in spec.fields:
        r = pl.col(f.name)
        kind = plan.kind(f)
        if f.check:
            canonical = r.str.contains(full(CHECKS[f.check].fast_re(CheckOptions())))
        elif kind == "text":
            canonical = ~(
                r.str.contains(r"^[ \t\r\n\v\f\u3000\u00a0\ufeff\u200b=+\-@＝＋－＠\x01\x02]")
                | r.str.contains(r"[ \t\r\n\v\f\u3000\u00a0\ufeff\u200b]$")
            )
        elif kind == "enum":
            canonical = r.is_in(list(f.values))
        elif kind == "decimal":
            canonical = r.str.contains(full(engine._decimal_fast_re(f.decimal_scale)))
        elif kind == "date":
            canonical = r.str.contains(full(engine.DATE_ISO_RE))
        else:
            raise ValueError(kind)
        flags.append((r.is_null() | canonical).alias(f"a_{f.code}"))
        if kind == "decimal":
            v = r.cast(pl.Decimal(18, f.decimal_scale), strict=False)
        elif kind == "date":
            v = r.str.to_date("%Y-%m-%d", strict=False)
        else:
            v = r
        values.append(v.alias(f.code))
    lf = lf.with_columns(*flags, *values)
    for f in spec.fields:
        r, v = pl.col(f.name), pl.col(f.code)
        kind = plan.kind(f)
        required = spec.is_required(f)
        code = pl.when(r.is_null()).then(pl.lit("required" if required else None, pl.String))
        if kind == "date":
            code = code.when(v.is_null()).then(pl.lit("type_date"))
        if f.check == "uscc":
            code = code.otherwise(uscc_code(v))
        elif f.check == "id_card":
            code = code.otherwise(id_code(v, latest))
        elif f.check == "industry_code":
            code = code.otherwise(industry_code(v))
        elif kind == "date" and period is not None and f.code == spec.period_field:
            code = code.when(~v.is_between(period.start, period.end)).then(pl.lit("period"))
        elif kind == "decimal" and f.min is not None:
            code = code.when(v < 0).then(pl.lit("min"))
        errors.append(code.alias(f"e_{f.code}"))
    lf = lf.with_columns(errors)
    rules = []
    for i, cross in enumerate(spec.cross_checks):
        names = cross.fields
        ready = pl.all_horizontal([pl.col(f"e_{n}").is_null() & pl.col(n).is_not_null() for n in names])
        t = pl.col(cross.field).cast(pl.Float64)
        combined = pl.col(cross.factors[0]).cast(pl.Float64)
        for other in cross.factors[1:]:
            combined = combined * pl.col(other).cast(pl.Float64)
        failed = (t - combined).abs() > cross.tolerance * t.abs() + 1e-9 * pl.max_horizontal(
            pl.lit(1.0), t.abs()
        )
        rules.append(pl.when(ready & failed).then(pl.lit(f"cross:{i}")).alias(f"x_c{i}"))
    for i, group in enumerate(spec.required_one_of):
        empty = pl.all_horizontal([pl.col(spec.get_field(n).name).is_null() for n in group])
        rules.append(pl.when(empty).then(pl.lit(f"one_of:{i}")).alias(f"x_o{i}"))
    key = pl.col(spec.get_field(spec.key[0]).name)
    rules.append((key.is_not_null() & ~key.is_first_distinct()).alias("_dup"))
    lf = lf.with_columns(rules)
    fast = pl.all_horizontal([pl.col(f"a_{f.code}") for f in spec.fields])
    checks = [f"e_{f.code}" for f in spec.fields] + [f"x_c{i}" for i in range(len(spec.cross_checks))]
    checks += [f"x_o{i}" for i in range(len(spec.required_one_of))]
    ok = fast & pl.all_horizontal([pl.col(c).is_null() for c in checks]) & ~pl.col("_dup")
    lf = lf.with_columns(fast.alias("_fast"), ok.alias("_ok"))
    return lf, checks


def run(path: Path, spec, plan, out: Path) -> dict:
    lf = pl.scan_csv(path, infer_schema=False)
    lf = lf.with_row_index("_row", offset=2)
    lf, checks = build(lf, spec, plan)
    df = lf.collect()
    accepted = df.filter(pl.col("_ok")).select([f.code for f in spec.fields] + ["_row"])
    accepted.write_parquet(out / "accepted.parquet", compression="zstd")
    bad = df.filter(~pl.col("_ok") & pl.col("_fast"))
    counts = Counter()
    for c in checks:
        for code, n in bad.get_column(c).drop_nulls().value_counts().iter_rows():
            counts[(c, code)] += n
    counts[("_dup", True)] = int(bad.get_column("_dup").sum())
    return {
        "rows": df.height,
        "accepted": accepted.height,
        "slow": int((~df.get_column("_fast")).sum()),
        "counts": counts,
    }


def duckdb_checks(path: Path, spec, plan) -> None:
    """The engine's checking SELECT alone over the file read by pyarrow (no Parquet, no keys)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    table = pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(synthetic.BENCH_HEADERS, pa.string())
        ),
    )
    table = table.append_column("_row", pa.array(range(2, table.num_rows + 2), pa.int64()))
    table = table.append_column("_bad", pa.nulls(table.num_rows, pa.string()))
    table = table.append_column("_bad_msg", pa.nulls(table.num_rows, pa.string()))
    con = engine.connect(engine.Settings())
    con.register("src", table)
    query = engine.build_query(plan)
    select, _ = engine.output_select(query, 1)
    c, t = cpu(), time.perf_counter()
    reader = con.sql(select).to_arrow_reader(65_536)
    n = sum(b.num_rows for b in reader)
    print(
        f"  duckdb checking SELECT alone (table in memory): {time.perf_counter() - t:.2f} s wall, CPU {cpu() - c:.2f} s, {n:,} rows"
    )
    con.close()


def parts(path: Path, spec, plan) -> None:
    """CPU of each piece over the whole file in memory: the read, each field's fast-path flag,
    the check characters, the typed values and the duplicate flag."""

    def timed(label: str, make) -> object:
        c, t = cpu(), time.perf_counter()
        value = make()
        print(f"  {label}: wall {time.perf_counter() - t:.2f} s, CPU {cpu() - c:.2f} s")
        return value

    df = timed("polars read_csv (all text)", lambda: pl.read_csv(path, infer_schema=False))
    lf, _ = build(df.lazy(), spec, plan)
    for f in spec.fields:
        timed(f"flag {f.code}", lambda f=f: lf.select(pl.col(f"a_{f.code}")).collect())
    uscc, card = spec.get_field("seller_uscc").name, spec.get_field("buyer_id").name
    timed("USCC check character", lambda: df.select(uscc_code(pl.col(uscc))))
    timed("ID birth date and check character", lambda: df.select(id_code(pl.col(card), 20991231)))
    price, day = spec.get_field("price").name, spec.get_field("deal_date").name
    timed("decimal cast", lambda: df.select(pl.col(price).cast(pl.Decimal(18, 2), strict=False)))
    timed("date cast", lambda: df.select(pl.col(day).str.to_date("%Y-%m-%d", strict=False)))
    key = spec.get_field(spec.key[0]).name
    timed("repeated keys (is_first_distinct)", lambda: df.select(pl.col(key).is_first_distinct()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--duckdb", action="store_true", help="also time the engine's checking SELECT alone")
    parser.add_argument("--parts", action="store_true", help="time the Polars pieces one by one")
    args = parser.parse_args()
    spec = load_spec(synthetic.BENCH_SPEC_YAML)
    from gongzhi.core.periods import parse_period

    sources = {f.code: f.name for f in spec.fields}
    plan = engine.Plan(spec=spec, sources=sources, period=parse_period("2025-06"))
    if args.parts:
        parts(args.file, spec, plan)
    walls, cpus = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            c, t = cpu(), time.perf_counter()
            figures = run(args.file, spec, plan, Path(tmp))
            walls.append(time.perf_counter() - t)
            cpus.append(cpu() - c)
        if args.duckdb:
            duckdb_checks(args.file, spec, plan)
    print(
        f"polars fast path: wall {min(walls):.2f}/{statistics.median(walls):.2f}/{max(walls):.2f} s, "
        f"CPU {min(cpus):.2f}/{statistics.median(cpus):.2f}/{max(cpus):.2f} s; rows {figures['rows']:,}, "
        f"accepted {figures['accepted']:,}, slow-path rows {figures['slow']:,}"
    )
    for (column, code), n in sorted(figures["counts"].items(), key=str):
        print(f"  {column} {code}: {n:,}")


if __name__ == "__main__":
    main()
