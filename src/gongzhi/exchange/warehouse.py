"""The warehouse: THE one way to read shared data (数据共享的唯一入口).

Every reader of the submitted data — the data browser, the tax look-ups, the quality view,
the tax-risk engine, the lead pages, and the analyses to come — goes through here:

- the schema of each dataset is the demand list's current stored version (`exchange.tables`
  builds the typed views from it); there is no other copy;
- the rows are those of the current submissions (accepted or partial, not superseded), and of
  each key only the latest row (`tables.current_sql`);
- what the caller may read is decided here, once (`dataset_access`): the system (jobs, command
  line) reads everything; an approved, unexpired grant to the user's unit that includes
  personal data opens every unit's rows unmasked; a role capability the caller names (e.g.
  `taxrisk.view_leads`) opens every unit's rows with personal fields masked, as does a grant
  without personal data; without either a unit reads only its own submissions;
- every read is audited (who, unit, purpose, datasets, what was returned).

```python
with open_warehouse(user=user, datasets=["tax_paid", "taxpayer"], purpose="收入分析") as wh:
    rows = wh.query("SELECT town, sum(amount) AS total FROM tax_paid JOIN taxpayer USING (uscc) "
                    "WHERE paid_date >= $from GROUP BY town", {"from": start})
```
Each warehouse opens its own in-memory DuckDB over the immutable Parquet files (no shared
database file, no lock contention with other requests), locked down to those files.

A stored file that has gone missing (deleted by an operator, a failed restore) is never read as
"no rows": by default the warehouse refuses with `ApplicationError(DATA_MISSING)` naming the
submissions ("数据文件缺失：纳税人登记（区税务局）第12号报送，请联系管理员恢复"), which pages show
(`core.http`) and the API answers with 503. A reader whose answer stays true without those rows
(an aggregate indicator) passes `missing="skip"`: the files are left out, a warning is logged,
`wh.missing` names them and the audit entry records them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _

from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.exchange.choices import SubmissionState
from gongzhi.exchange.models import AccessGrant, Dataset, Submission
from gongzhi.exchange.tables import Lake, Source, Table, connect_duckdb, table_from_spec

DEFAULT_THREADS = 2
DEFAULT_MEMORY = "512MB"
REFUSE, SKIP = "refuse", "skip"  # what a reader does when a stored file is missing

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Access:
    """What one reader may read of one dataset."""

    dataset: Dataset
    all_units: bool  # False: only the reader's own unit's submissions
    personal: bool  # personal fields shown unmasked
    grant: AccessGrant | None = None
    unit_id: int | None = None


def active_grant(*, user, dataset: Dataset) -> AccessGrant | None:
    if user is None or user.unit_id is None:
        return None
    return (
        AccessGrant.objects.active()
        .filter(dataset=dataset, unit_id=user.unit_id)
        .order_by("-include_personal", "-valid_until")
        .first()
    )


def dataset_access(*, user, dataset: Dataset, capability: str | None = None) -> Access:
    """The one decision of what `user` may read of `dataset` (None: the system).
    Raises ApplicationError(permission_denied) when nothing."""
    if user is None:
        return Access(dataset, all_units=True, personal=True)
    grant = active_grant(user=user, dataset=dataset)
    if grant is not None and grant.include_personal:
        return Access(dataset, all_units=True, personal=True, grant=grant)
    if capability and user.has_capability(capability):
        return Access(dataset, all_units=True, personal=False)
    if grant is not None:
        return Access(dataset, all_units=True, personal=False, grant=grant)
    if user.unit_id is not None and (
        dataset.provider_units.filter(pk=user.unit_id).exists()
        or Submission.objects.filter(dataset=dataset, unit_id=user.unit_id).exists()
    ):
        return Access(dataset, all_units=False, personal=True, unit_id=user.unit_id)
    raise ApplicationError(
        ErrorCode.PERMISSION_DENIED,
        _("没有该数据项的使用授权：请先申请并经共治办批准"),
    )


def _datasets(codes: Sequence[str]) -> dict[str, Dataset]:
    found = {
        d.code: d
        for d in Dataset.objects.filter(code__in=list(codes), current_version__isnull=False).select_related(
            "current_version"
        )
    }
    if missing := [c for c in codes if c not in found]:
        raise ApplicationError(
            ErrorCode.NOT_FOUND, _("需求清单中没有数据项：%(codes)s") % {"codes": "、".join(missing)}
        )
    return found


def catalog_tables(codes: Sequence[str] | None = None) -> dict[str, Table]:
    """The typed tables of the demand list's current versions (all active datasets if None)."""
    if codes is None:
        codes = list(
            Dataset.objects.filter(active=True, current_version__isnull=False).values_list("code", flat=True)
        )
    return {code: table_from_spec(d.current_version.to_spec()) for code, d in _datasets(codes).items()}


@dataclass(frozen=True)
class MissingFile:
    """A current submission whose stored Parquet file is gone."""

    submission_id: int
    dataset: str  # code
    label: str  # 纳税人登记（区税务局）第12号报送
    path: str


def missing_message(missing: Sequence[MissingFile]) -> str:
    return _("数据文件缺失：%(files)s，请联系管理员恢复") % {"files": "、".join(m.label for m in missing)}


def missing_error(missing: Sequence[MissingFile]) -> ApplicationError:
    return ApplicationError(
        ErrorCode.DATA_MISSING,
        missing_message(missing),
        {"submissions": [m.submission_id for m in missing], "datasets": sorted({m.dataset for m in missing})},
    )


def _paths(
    access: Mapping[str, Access], submissions: Iterable[Submission] | None
) -> tuple[dict[str, list[Path]], list[MissingFile]]:
    """Each dataset's Parquet files of its current submissions, within what may be read, and
    the current submissions whose file is gone. One query for all the datasets."""
    paths: dict[str, list[Path]] = {code: [] for code in access}
    missing: list[MissingFile] = []
    rows = Submission.objects.filter(dataset__code__in=list(access), state__in=SubmissionState.visible())
    if submissions is not None:
        rows = rows.filter(pk__in=[s.pk for s in submissions])
    for pk, code, unit_id, unit, path in rows.order_by("pk").values_list(
        "pk", "dataset__code", "unit_id", "unit__name", "parquet_path"
    ):
        rule = access[code]
        if not (rule.all_units or unit_id == rule.unit_id) or not path:
            continue  # not this reader's, or a submission without accepted rows
        if Path(path).is_file():
            paths[code].append(Path(path))
        else:
            label = _("%(dataset)s（%(unit)s）第%(number)s号报送") % {
                "dataset": rule.dataset.name,
                "unit": unit,
                "number": pk,
            }
            missing.append(MissingFile(pk, code, label, path))
    return paths, missing


@dataclass
class Warehouse:
    """Read-only views of the shared data for one reader and one purpose."""

    user: Any
    purpose: str
    access: dict[str, Access]
    sources: dict[str, Source]
    lake: Lake | None = None
    detail: dict[str, Any] = field(default_factory=dict)  # added to the audit entry
    returned: int = 0
    missing: list[MissingFile] = field(default_factory=list)  # files left out (missing="skip")

    @property
    def tables(self) -> dict[str, Table]:
        return {code: s.table for code, s in self.sources.items()}

    def masked(self, code: str) -> list[str]:
        """The personal fields of a dataset this reader sees masked."""
        return list(self.sources[code].table.personal) if self.sources[code].masked else []

    def files(self, code: str) -> int:
        return len(self.sources[code].paths)

    def execute(self, sql: str, params: Mapping[str, Any] | Sequence[Any] | None = None):
        if self.lake is None:
            raise RuntimeError("warehouse opened without a connection")
        return self.lake.con.execute(sql, params or [])

    def rows(self, sql: str, params: Mapping[str, Any] | Sequence[Any] | None = None) -> list[tuple]:
        """Run one query against the views (parameters bound: `$name` with a mapping, `?` with a
        list); the rows as tuples."""
        rows = self.execute(sql, params).fetchall()
        self.returned += len(rows)
        return rows

    def query(
        self, sql: str, params: Mapping[str, Any] | Sequence[Any] | None = None
    ) -> list[dict[str, Any]]:
        """As `rows`, each row a dict by column name."""
        cursor = self.execute(sql, params)
        columns = [d[0] for d in cursor.description]
        rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
        self.returned += len(rows)
        return rows

    def scalar(self, sql: str, params: Mapping[str, Any] | Sequence[Any] | None = None) -> Any:
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None


def current_rows_dir() -> Path:
    """Where the replaced rows of each set of current files are kept (`tables.superseded_path`):
    found by the first read after a submission, then read, not recomputed, by every run."""
    return Path(settings.DATA_DIR, "exchange", "current")


def warehouse_sources(
    *,
    user,
    datasets: Sequence[str],
    capability: str | None = None,
    submissions: Iterable[Submission] | None = None,
    missing: str = REFUSE,
) -> tuple[dict[str, Access], dict[str, Source], list[MissingFile]]:
    """For engines that open their own connection (the tax-risk rules on DuckDB or Spark): the
    sources the reader may read, and the files left out (`missing="skip"`; by default a missing
    file raises DATA_MISSING). The caller audits (`open_warehouse` does)."""
    found = _datasets(list(dict.fromkeys(datasets)))
    access = {code: dataset_access(user=user, dataset=d, capability=capability) for code, d in found.items()}
    paths, gone = _paths(access, submissions)
    if gone:
        logger.warning(
            "shared data files missing (%s): %s",
            "skipped" if missing == SKIP else "refused",
            "; ".join(f"submission {m.submission_id} {m.dataset} {m.path}" for m in gone),
        )
        if missing != SKIP:
            raise missing_error(gone)
    sources = {
        code: Source(
            table_from_spec(d.current_version.to_spec()),
            tuple(paths[code]),
            masked=not access[code].personal,
            store=current_rows_dir(),
        )
        for code, d in found.items()
    }
    return access, sources, gone


@contextmanager
def open_warehouse(
    *,
    user,
    datasets: Sequence[str],
    purpose: str,
    capability: str | None = None,
    submissions: Iterable[Submission] | None = None,
    action: str = AuditAction.SHARED_DATA_READ,
    target: models.Model | None = None,
    connect: bool = True,
    threads: int = DEFAULT_THREADS,
    memory_limit: str = DEFAULT_MEMORY,
    missing: str = REFUSE,
) -> Iterator[Warehouse]:
    """Open the shared data for one reader (`user`; None: the system) and one purpose. The
    audit entry is written when the block ends (with what was returned and the caller's
    `wh.detail`), also when it fails. `connect=False`: no DuckDB (the caller runs an engine
    over `wh.sources`). `missing`: refuse (DATA_MISSING) or skip a current submission whose
    file is gone (see the module docstring)."""
    purpose = purpose.strip()
    if not purpose:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("读取共享数据须说明用途"))
    access, sources, gone = warehouse_sources(
        user=user, datasets=datasets, capability=capability, submissions=submissions, missing=missing
    )
    house = Warehouse(user=user, purpose=purpose, access=access, sources=sources, missing=gone)
    if connect:
        house.lake = connect_duckdb(sources.values(), threads=threads, memory_limit=memory_limit)
        if house.lake.broken:
            code, reason = next(iter(house.lake.broken.items()))
            house.lake.close()
            # a file deleted since it was found, or one that cannot be read: the operator restores it
            if since := [m for m in _paths(access, submissions)[1] if m not in gone]:
                raise missing_error(since)
            raise ApplicationError(
                ErrorCode.DATA_MISSING,
                _("数据项“%(name)s”的数据文件读取失败，请联系管理员恢复：%(reason)s")
                % {"name": access[code].dataset.name, "reason": reason},
            )
    try:
        yield house
    finally:
        if house.lake is not None:
            house.lake.close()
        grants = {code: a.grant.pk for code, a in access.items() if a.grant is not None}
        audit_record(
            actor=user,
            action=action,
            target=target,
            object_type="" if target is not None else "exchange.dataset",
            # the datasets by name for people (codes stay in detail["datasets"])
            object_repr=""
            if target is not None
            else "、".join(access[c].dataset.name for c in sources)[:200],
            purpose=purpose[:200],
            detail={
                "datasets": list(sources),
                "files": {code: len(s.paths) for code, s in sources.items()},
                "returned": house.returned,
                "own_only": [code for code, a in access.items() if not a.all_units],
                "masked": [code for code, s in sources.items() if s.masked and s.table.personal],
                **({"missing_files": [m.submission_id for m in gone]} if gone else {}),
                **({"grants": grants} if grants else {}),
                **house.detail,
            },
        )
