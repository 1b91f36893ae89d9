"""Small inputs reuse their thread's DuckDB connection and keep each checking SELECT as a view
(engine.opened, engine.relation): the results are those of a connection of their own."""

import datetime as dt
import threading

import duckdb
import pyarrow.parquet as pq
import pytest

from gongzhi.exchange.validation import engine, ingest, validate_file, validate_rows

TODAY = dt.date(2025, 7, 1)


def outcome(path, spec, out_dir, *, period="2025-06", submission_id=7):
    result = validate_file(
        path, spec, out_dir=out_dir, period=period, submission_id=submission_id, today=TODAY
    )
    return (
        result.status,
        (result.rows, result.accepted, result.error_rows, result.error_count),
        result.errors,
        result.summary,
        pq.read_table(result.parquet_path).to_pylist() if result.parquet_path else None,
        pq.read_table(result.quarantine_path).to_pylist() if result.quarantine_path else None,
    )


@pytest.fixture
def mixed_file(write_csv, tx_spec, tx_row, codes, tx_header):
    """A file with good rows, row errors, a repeated key and a row of another period."""
    unit = codes.unit_no()
    rows = [
        tx_row(unit_no=unit),
        tx_row(price="1,000,000.00", deal_date="2025年6月15日"),
        tx_row(unit_no=unit),
        tx_row(seller_uscc=codes.uscc()[:17] + "#"),
        tx_row(price="-1"),
        tx_row(deal_date="2025-05-31"),
        tx_row(),
    ]
    return write_csv([tx_header, *rows])


def reused_connection():
    reused = getattr(engine._local, "reused", None)
    return reused.con if reused is not None else None


def test_a_small_file_gives_what_a_connection_of_its_own_gives(mixed_file, tx_spec, tmp_path, monkeypatch):
    # when: checked twice on the reused connection (the second time through its view), for
    # another period (another view), then each on a connection of its own
    first = outcome(mixed_file, tx_spec, tmp_path / "a")
    again = outcome(mixed_file, tx_spec, tmp_path / "b")
    may = outcome(mixed_file, tx_spec, tmp_path / "c", period="2025-05")
    assert reused_connection() is not None
    monkeypatch.setattr(engine, "SMALL_INPUT_BYTES", -1)
    alone = outcome(mixed_file, tx_spec, tmp_path / "d")
    may_alone = outcome(mixed_file, tx_spec, tmp_path / "e", period="2025-05")

    # then: the same files, counts and errors, row for row
    assert first == again == alone
    assert may == may_alone
    status, counts, errors, _, accepted, _ = first
    assert (status, counts) == ("partial", (7, 3, 4, 4))
    assert [r["_source_row"] for r in accepted] == [2, 3, 8]
    assert [e.code for e in errors] == ["duplicate", "uscc_format", "min", "period"]
    assert may[1][2] > first[1][2]  # the June rows are outside May


def test_the_view_is_kept_and_the_next_file_of_the_same_shape_uses_it(
    write_csv, tx_spec, tx_row, tx_header, tmp_path
):
    # given: two different files of the same dataset, columns and period
    one = write_csv([tx_header, tx_row(), tx_row()], name="one.csv")
    two = write_csv([tx_header, tx_row(), tx_row(), tx_row()], name="two.csv")

    # when
    validate_file(one, tx_spec, out_dir=tmp_path / "o", period="2025-06", submission_id=1, today=TODAY)
    reused = engine._local.reused
    views = dict(reused.views)
    result = validate_file(
        two, tx_spec, out_dir=tmp_path / "o", period="2025-06", submission_id=2, today=TODAY
    )

    may = validate_file(one, tx_spec, out_dir=tmp_path / "m", period="2025-05", submission_id=3, today=TODAY)

    # then: no new view, not even for another period (its bounds are variables); each file's
    # rows, submission id and period are its own
    assert dict(reused.views) == views and views
    assert (may.status, [e.code for e in may.errors]) == ("rejected", ["period", "period"])
    assert engine._local.reused is reused
    table = pq.read_table(result.parquet_path).to_pylist()
    assert [(r["_submission_id"], r["_source_row"]) for r in table] == [(2, 2), (2, 3), (2, 4)]
    # and the work of the run is gone from the connection
    assert reused.con.sql("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'dups'").fetchall() == [
        (0,)
    ]


def test_a_failed_run_closes_the_reused_connection_and_the_next_one_works(
    mixed_file, tx_spec, tmp_path, monkeypatch
):
    # given: a first run, then a run that fails inside the engine
    expected = outcome(mixed_file, tx_spec, tmp_path / "a")
    broken = reused_connection()

    def fail(*args, **kwargs):
        raise RuntimeError("（测试）engine failure")

    with monkeypatch.context() as patch:
        patch.setattr(engine, "consume", fail)
        with pytest.raises(RuntimeError):
            outcome(mixed_file, tx_spec, tmp_path / "b")

    # then: that connection is closed and forgotten; the next run opens another and agrees
    assert reused_connection() is None
    with pytest.raises(duckdb.ConnectionException):
        broken.execute("SELECT 1")
    assert outcome(mixed_file, tx_spec, tmp_path / "c") == expected
    assert not list((tmp_path / "b").glob(f"{ingest.TEMP_PREFIX}*"))


def test_threads_have_connections_of_their_own(mixed_file, tx_spec, tmp_path):
    # given: the expected outcome
    expected = outcome(mixed_file, tx_spec, tmp_path / "main")
    results, connections = {}, {}

    def work(name):
        for i in range(3):
            results[(name, i)] = outcome(mixed_file, tx_spec, tmp_path / f"{name}-{i}")
        connections[name] = reused_connection()

    # when: two threads check files at the same time
    threads = [threading.Thread(target=work, args=(name,)) for name in ("t1", "t2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    # then: each thread had its own connection and every result is the same
    assert len(results) == 6 and all(r == expected for r in results.values())
    assert connections["t1"] is not connections["t2"]
    assert reused_connection() not in (connections["t1"], connections["t2"])


def test_api_rows_give_the_same_on_the_reused_connection(tx_spec, codes, monkeypatch):
    # given: rows with a repeated key and an error
    unit = codes.unit_no()
    rows = [
        {"unit_no": unit, "seller_uscc": codes.uscc(), "price": "1000000", "deal_date": "2025-06-01"},
        {"unit_no": unit, "seller_uscc": codes.uscc(), "price": "-1", "deal_date": "2025-06-02"},
        {"unit_no": codes.unit_no(), "seller_uscc": codes.uscc(), "price": "5", "deal_date": "2025-06-03"},
    ]

    # when
    reused = validate_rows(rows, tx_spec, "2025-06", today=TODAY)
    monkeypatch.setattr(engine, "SMALL_INPUT_ROWS", 0)
    alone = validate_rows(rows, tx_spec, "2025-06", today=TODAY)

    # then
    assert reused == alone
    accepted, errors = reused
    assert [r["_source_row"] for r in accepted] == [1, 3]
    assert {(e.row, e.code) for e in errors} == {(2, "duplicate"), (2, "min")}
