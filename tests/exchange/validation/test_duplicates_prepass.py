"""Repeated keys of a CSV file: found by the key pre-pass and quarantined during the checking
pass, with the same result as moving them out of the accepted file afterwards (the path that
spreadsheets, API rows and datasets without a key take)."""

import datetime as dt

import pyarrow.parquet as pq

from gongzhi.exchange.validation import ingest, load_spec, synthetic, validate_file

TODAY = dt.date(2025, 7, 1)


def outcome(path, spec, out_dir):
    result = validate_file(path, spec, out_dir=out_dir, period="2025-06", submission_id=7, today=TODAY)
    return (
        result.status,
        (result.rows, result.accepted, result.error_rows, result.error_count),
        result.errors,
        result.summary,
        pq.read_table(result.parquet_path).to_pylist(),
        pq.read_table(result.quarantine_path).to_pylist(),
    )


def test_the_pre_pass_and_the_rewrite_give_the_same_files_and_errors(
    write_csv, tx_spec, tx_row, codes, tmp_path, tx_header, monkeypatch
):
    # given: a key repeated by a row that is otherwise valid but written loosely (spaces, a
    # thousands separator, a Chinese date: quarantined with its checked values), by a row
    # with another error, and a key repeated twice
    unit, other = codes.unit_no(), codes.unit_no()
    rows = [
        tx_row(unit_no=unit),
        tx_row(unit_no=other),
        tx_row(unit_no=f" {unit.lower()} ", price="1,000,000.00", deal_date="2025年6月15日"),
        tx_row(),
        tx_row(unit_no=unit, price="-1"),
        tx_row(unit_no=other),
    ]
    path = write_csv([tx_header, *rows])

    # when: checked with the pre-pass, then with the rewrite after the stream
    with_pre_pass = outcome(path, tx_spec, tmp_path / "a")
    monkeypatch.setattr(ingest, "_key_pass", lambda *args, **kwargs: None)
    with_rewrite = outcome(path, tx_spec, tmp_path / "b")

    # then: the same, row for row
    assert with_pre_pass == with_rewrite
    status, counts, errors, _, accepted, quarantined = with_pre_pass
    assert (status, counts) == ("partial", (6, 3, 3, 4))
    assert [r["_source_row"] for r in accepted] == [2, 3, 5]
    assert [(r["_source_row"], r["_errors"]) for r in quarantined] == [
        (4, "不动产单元号与第2行重复"),
        (6, "成交价格（元）：小于最小值 0；不动产单元号与第2行重复"),
        (7, "不动产单元号与第3行重复"),
    ]
    assert quarantined[0]["unit_no"] == unit and quarantined[0]["price"] == "1000000.00"
    assert quarantined[0]["deal_date"] == "2025-06-15"
    assert [(e.row, e.field, e.code) for e in errors] == [
        (4, "unit_no", "duplicate"),
        (6, "unit_no", "duplicate"),
        (6, "price", "min"),
        (7, "unit_no", "duplicate"),
    ]


def test_the_bench_file_keeps_its_row_order_and_every_bad_row(tmp_path):
    # given: 50,000 rows of the bench dataset, 3 % of them bad (one problem each)
    spec = load_spec(synthetic.BENCH_SPEC_YAML)
    path = synthetic.write_bench_csv(tmp_path / "bench.csv", 50_000, bad_share=0.03)

    # when
    result = validate_file(path, spec, period="2025-06", submission_id=1, out_dir=tmp_path / "out")

    # then: each kind of problem is found, nothing else, and both files are in row order
    assert (result.rows, result.accepted, result.error_rows) == (50_000, 48_500, 1_500)
    assert {s.code for s in result.summary} == set(synthetic.BAD_KINDS)
    accepted = pq.read_table(result.parquet_path, columns=["_source_row"]).column(0).to_pylist()
    quarantined = pq.read_table(result.quarantine_path, columns=["_source_row"]).column(0).to_pylist()
    assert accepted == sorted(accepted) and quarantined == sorted(quarantined)
    assert sorted(accepted + quarantined) == list(range(2, 50_002))


def test_the_later_occurrences_of_each_key_are_exactly_those_a_dictionary_finds():
    # given: 20,000 keys drawn from 3,000 (most repeat, some three times or more), with NULL keys
    import random

    import duckdb
    import pyarrow as pa

    from gongzhi.exchange.validation import engine

    rng = random.Random(7)
    keys = [None if rng.random() < 0.01 else f"K{rng.randrange(3000):05d}" for _ in range(20_000)]
    con = duckdb.connect()
    con.register("keys_in", pa.table({"_row": pa.array(range(2, 20_002), pa.int64()), "k": keys}))
    # when
    count = engine.duplicates_of(con, "(SELECT * FROM keys_in WHERE k IS NOT NULL)")
    found = sorted(con.execute("SELECT _row, first_row, k FROM dups").fetchall())
    # then: every row whose key came before, with the row of its first occurrence
    first: dict[str, int] = {}
    expected = []
    for row, key in enumerate(keys, start=2):
        if key is None:
            continue
        if key in first:
            expected.append((row, first[key], key))
        else:
            first[key] = row
    assert found == expected
    assert count == len(expected) > 10_000
