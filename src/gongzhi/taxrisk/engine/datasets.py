"""The datasets a rule may read: columns with their canonical types, and keys.

Every accepted submission is one immutable Parquet file with the provenance columns
`_submission_id` and `_source_row` beside the fields. A run shows each dataset to the
rules as one view, built the same way on every engine (`typed_sql`, `superseded_sql`,
`current_sql`):

- every column is cast to its canonical type below, so that DuckDB and Spark compute on
  identical types (exact decimal arithmetic gives identical cents); a column missing from
  all files is NULL;
- an empty text becomes NULL ("filled" means NOT NULL). Text is not trimmed here: the
  exchange validation stores it trimmed (and empty as NULL) already;
- a dataset with a key (the demand list's key) shows only the current row of each key:
  the one of the latest submission (highest `_submission_id`, then highest `_source_row`).
  A row whose key is incomplete is kept as it is. The replaced rows are found once per run
  (a small table); the view leaves them out.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

TEXT = "VARCHAR"
MONEY = "DECIMAL(18, 2)"
MEASURE = "DECIMAL(18, 4)"
PROVENANCE: tuple[tuple[str, str], ...] = (("_submission_id", "BIGINT"), ("_source_row", "BIGINT"))


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    label: str
    columns: tuple[tuple[str, str], ...]  # (name, canonical DuckDB type)
    key: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)


DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        DatasetSpec(
            "taxpayer",
            "纳税人登记信息",
            (
                ("uscc", TEXT),
                ("name", TEXT),
                ("industry_code", TEXT),
                ("town", TEXT),
                ("reg_date", "DATE"),
                ("status", TEXT),
                ("kind", TEXT),
                ("credit_level", TEXT),
                ("credit_year", "BIGINT"),
            ),
            key=("uscc",),
        ),
        DatasetSpec(
            "tax_paid",
            "税款入库信息",
            (("uscc", TEXT), ("tax_type", TEXT), ("period", TEXT), ("amount", MONEY), ("paid_date", "DATE")),
        ),
        DatasetSpec(
            "declaration",
            "纳税申报信息",
            (("uscc", TEXT), ("period", TEXT), ("revenue", MONEY), ("zero_declared", "BOOLEAN")),
            key=("uscc", "period"),
        ),
        DatasetSpec(
            "real_estate_tx",
            "不动产交易信息",
            (
                ("unit_no", TEXT),
                ("seller_uscc", TEXT),
                ("seller_id", TEXT),
                ("buyer_uscc", TEXT),
                ("buyer_id", TEXT),
                ("price", MONEY),
                ("unit_price", MEASURE),
                ("area", MEASURE),
                ("deal_date", "DATE"),
                ("use", TEXT),
            ),
            key=("unit_no", "deal_date"),
        ),
        DatasetSpec(
            "construction_permit",
            "建筑工程施工许可信息",
            (
                ("permit_no", TEXT),
                ("project", TEXT),
                ("owner_uscc", TEXT),
                ("builder_uscc", TEXT),
                ("contract_amount", MONEY),
                ("issue_date", "DATE"),
                ("town", TEXT),
            ),
            key=("permit_no",),
        ),
        DatasetSpec(
            "land_supply",
            "土地出让信息",
            (
                ("parcel_no", TEXT),
                ("buyer_uscc", TEXT),
                ("area", MEASURE),
                ("price", MONEY),
                ("contract_date", "DATE"),
            ),
            key=("parcel_no",),
        ),
        DatasetSpec(
            "electricity",
            "企业用电信息",
            (("uscc", TEXT), ("period", TEXT), ("kwh", MEASURE)),
            key=("uscc", "period"),
        ),
        DatasetSpec(
            "lodging",
            "住宿业经营信息",
            (("uscc", TEXT), ("period", TEXT), ("room_nights", "BIGINT"), ("avg_price", MEASURE)),
            key=("uscc", "period"),
        ),
        DatasetSpec(
            "subsidy",
            "财政补助拨付信息",
            (
                ("uscc", TEXT),
                ("program", TEXT),
                ("amount", MONEY),
                ("pay_date", "DATE"),
                ("paying_unit", TEXT),
            ),
        ),
    )
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column_sql(name: str, type_: str, available: Collection[str]) -> str:
    if name not in available:
        return f"CAST(NULL AS {type_}) AS {_quote(name)}"
    if type_ == TEXT:
        return f"NULLIF(CAST({_quote(name)} AS VARCHAR), '') AS {_quote(name)}"
    return f"CAST({_quote(name)} AS {type_}) AS {_quote(name)}"


def typed_sql(spec: DatasetSpec, available: Collection[str] | None, source: str) -> str:
    """DuckDB SELECT: the rows of `source` (the raw files) with canonical types, '' as NULL.
    `available` names the columns the files have (None: no files; no rows)."""
    columns = (*spec.columns, *PROVENANCE)
    if available is None:
        nulls = ", ".join(f"CAST(NULL AS {t}) AS {_quote(c)}" for c, t in columns)
        return f"SELECT {nulls} WHERE 1 = 0"
    have = {c.lower() for c in available}
    return f"SELECT {', '.join(_column_sql(c, t, have) for c, t in columns)} FROM {_quote(source)}"


def superseded_sql(spec: DatasetSpec, typed: str) -> str:
    """DuckDB SELECT of (_submission_id, _source_row) of the rows of `typed` that a later row
    with the same (complete) key replaces. Only keys that occur more than once are ranked,
    so this is cheap when there are few duplicates. Requires `spec.key`."""
    key = ", ".join(_quote(c) for c in spec.key)
    complete = " AND ".join(f"{_quote(c)} IS NOT NULL" for c in spec.key)
    on = " AND ".join(f"t.{_quote(c)} = d.{_quote(c)}" for c in spec.key)
    return (
        f"WITH _dup AS (SELECT {key} FROM {_quote(typed)} WHERE {complete} GROUP BY {key} HAVING COUNT(*) > 1) "
        f"SELECT _submission_id, _source_row FROM ("
        f"SELECT t._submission_id, t._source_row, ROW_NUMBER() OVER (PARTITION BY "
        f"{', '.join(f't.{_quote(c)}' for c in spec.key)} "
        f"ORDER BY t._submission_id DESC, t._source_row DESC) AS _rank "
        f"FROM {_quote(typed)} AS t JOIN _dup AS d ON {on}"
        f") AS _ranked WHERE _rank > 1 AND _submission_id IS NOT NULL AND _source_row IS NOT NULL"
    )


def current_sql(typed: str, superseded: str | None) -> str:
    """DuckDB SELECT of the dataset view: the typed rows less the superseded ones."""
    if superseded is None:
        return f"SELECT * FROM {_quote(typed)}"
    return (
        f"SELECT * FROM {_quote(typed)} WHERE _submission_id IS NULL OR _source_row IS NULL "
        f"OR (_submission_id, _source_row) NOT IN (SELECT _submission_id, _source_row FROM {_quote(superseded)})"
    )
