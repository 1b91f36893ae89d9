"""The demand list, submissions, access grants and look-ups.

The pure engine (`validation/`) checks rows and writes Parquet; this module decides who may
do what, keeps the records, supersedes old submissions and audits every read of shared data.
"""

import csv
import datetime
import hashlib
import io
import shutil
import uuid
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.core import clock
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.exceptions import ApplicationError, ErrorCode
from gongzhi.core.jobs import job_start
from gongzhi.core.permissions import require_capability, user_or_none
from gongzhi.core.text import TextDecodeError, decode_text
from gongzhi.exchange.choices import GrantState, SubmissionSource, SubmissionState
from gongzhi.exchange.models import AccessGrant, Dataset, DatasetVersion, Submission
from gongzhi.exchange.validation import (
    CATALOG_KEYS,
    DatasetSpec,
    FileRejected,
    PeriodError,
    SpecError,
    errors_workbook,
    load_specs,
    parse_period,
    validate_file,
)
from gongzhi.org.matching import UnitIndex
from gongzhi.org.models import Unit

# Keys of a dataset's YAML that belong to the catalog, not to the row specification.
ERRORS_KEPT = 10_000  # the engine keeps at most this many row errors; the page shows the first ones
MAX_SUBMISSION_BYTES = 2 * 1024 * 1024 * 1024


def exchange_dir(*parts: str) -> Path:
    path = Path(settings.DATA_DIR, "exchange", *parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- catalog (需求清单) ---------------------------------------------------------------


def _units(index: UnitIndex, names: list[str], *, dataset: str, what: str) -> list[Unit]:
    units, unknown = [], []
    for name in names:
        match = index.match(name)
        if match.status in {"exact", "alias"}:
            units.append(match.unit)
        elif match.status == "collective":
            units.extend(match.units)
        else:
            unknown.append(name)
    if unknown:
        raise ApplicationError(
            ErrorCode.UNKNOWN_UNIT,
            _("数据项“%(dataset)s”的%(what)s不在单位名录中：%(names)s")
            % {"dataset": dataset, "what": what, "names": "、".join(unknown)},
        )
    return units


def _catalog_entries(data: bytes, filename: str) -> list[tuple[DatasetSpec, dict]]:
    """(spec, catalog meta) per dataset from a YAML or XLSX demand list."""
    lower = filename.lower()
    if lower.endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        from gongzhi.exchange.catalog_xlsx import read_catalog_xlsx

        raw = read_catalog_xlsx(data, filename)
    else:
        try:
            raw = yaml.safe_load(decode_text(data) if data.strip() else "")
        except (TextDecodeError, yaml.YAMLError) as exc:
            raise ApplicationError(
                ErrorCode.INVALID_FILE,
                _("文件“%(filename)s”不是有效的 YAML：%(reason)s") % {"filename": filename, "reason": exc},
            ) from exc
    items = raw if isinstance(raw, list) else [raw]
    if not items or not all(isinstance(i, dict) for i in items):
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("文件“%(filename)s”中没有数据项") % {"filename": filename}
        )
    metas = [{k: item.pop(k) for k in CATALOG_KEYS if k in item} for item in items]
    try:
        specs = load_specs(items)
    except SpecError as exc:
        raise ApplicationError(
            ErrorCode.INVALID_FILE,
            _("文件“%(filename)s”：%(reason)s") % {"filename": filename, "reason": exc},
            {"errors": list(getattr(exc, "errors", [str(exc)]))},
        ) from exc
    return list(zip(specs, metas, strict=True))


def catalog_load(*, actor, data: bytes, filename: str) -> dict[str, int]:
    """导入需求清单（YAML 或 XLSX）。字段变化的数据项产生新版本；整个文件校验通过才保存。"""
    require_capability(actor, "exchange.manage_catalog")
    entries = _catalog_entries(data, filename)
    index = UnitIndex.build()
    resolved = []
    for spec, meta in entries:
        providers = _units(index, list(spec.provider_units), dataset=spec.label, what="提供单位")
        consumers = _units(index, list(meta.get("consumer_units") or []), dataset=spec.label, what="使用单位")
        resolved.append((spec, meta, providers, consumers))
    counts = {"created": 0, "new_versions": 0, "unchanged": 0}
    with transaction.atomic():
        for order, (spec, meta, providers, consumers) in enumerate(resolved, start=1):
            outcome = _dataset_upsert(
                actor=actor,
                spec=spec,
                meta={"order": order, **meta},
                providers=providers,
                consumers=consumers,
            )
            counts[outcome] += 1
        audit_record(
            actor=actor,
            action=AuditAction.CATALOG_LOADED,
            object_type="exchange.dataset",
            object_repr=filename,
            detail=counts,
        )
    return counts


def _dataset_upsert(*, actor, spec: DatasetSpec, meta: dict, providers, consumers) -> str:
    dataset = Dataset.objects.filter(code=spec.code).first()
    created = dataset is None
    dataset = dataset or Dataset(code=spec.code)
    dataset.name, dataset.description = spec.name, spec.description or ""
    dataset.frequency, dataset.due_day, dataset.policy = spec.frequency, spec.due_day, spec.policy
    dataset.legal_basis = str(meta.get("legal_basis") or dataset.legal_basis or "")[:300]
    dataset.purpose = str(meta.get("purpose") or dataset.purpose or "")[:300]
    dataset.order = meta.get("order", dataset.order)
    dataset.save()
    dataset.provider_units.set(providers)
    if "consumer_units" in meta:
        dataset.consumer_units.set(consumers)
    fingerprint = spec.fingerprint()
    version = dataset.versions.filter(fingerprint=fingerprint).first()
    outcome = "created" if created else "unchanged"
    if version is None:
        number = (dataset.versions.order_by("-version").values_list("version", flat=True).first() or 0) + 1
        version = DatasetVersion.objects.create(
            dataset=dataset,
            version=number,
            spec=spec.to_dict(),
            fingerprint=fingerprint,
            created_by=user_or_none(actor),
        )
        outcome = "created" if created else "new_versions"
    else:
        version.spec = spec.to_dict()  # names and descriptions may change within a version
        version.save(update_fields=["spec"])
    if dataset.current_version_id != version.pk:
        dataset.current_version = version
        dataset.save(update_fields=["current_version", "updated_at"])
    if outcome != "unchanged":
        audit_record(
            actor=actor,
            action=AuditAction.DATASET_VERSIONED,
            target=dataset,
            detail={"version": version.version, "fingerprint": fingerprint[:12]},
        )
    return outcome


def catalog_entries_for_export(datasets=None) -> list[dict[str, Any]]:
    datasets = datasets if datasets is not None else Dataset.objects.filter(active=True)
    entries = []
    for dataset in datasets.select_related("current_version").prefetch_related(
        "provider_units", "consumer_units"
    ):
        if dataset.current_version is None:
            continue
        entry = dict(dataset.current_version.spec)
        entry["provider_units"] = [u.name for u in dataset.provider_units.all()]
        if dataset.consumer_units.exists():
            entry["consumer_units"] = [u.name for u in dataset.consumer_units.all()]
        if dataset.legal_basis:
            entry["legal_basis"] = dataset.legal_basis
        if dataset.purpose:
            entry["purpose"] = dataset.purpose
        entries.append(entry)
    return entries


def catalog_export_yaml() -> str:
    return yaml.safe_dump(catalog_entries_for_export(), allow_unicode=True, sort_keys=False)


# --- submissions ---------------------------------------------------------------------


def can_submit(user, dataset: Dataset, unit: Unit) -> bool:
    """Only a provider unit of the dataset submits it: its own people, or an admin (or the system) for it."""
    if not dataset.provider_units.filter(pk=unit.pk).exists():
        return False
    if user is None or user.has_capability("exchange.submit_any"):
        return True
    return user.has_capability("exchange.submit") and user.unit_id == unit.pk


def _parse_period(text: str):
    try:
        return parse_period(text)
    except PeriodError as exc:
        raise ApplicationError(ErrorCode.INVALID_INPUT, str(exc)) from exc


def submission_create(
    *,
    actor,
    dataset: Dataset,
    unit: Unit,
    period: str,
    source_path: Path,
    filename: str,
    source: str = SubmissionSource.UPLOAD,
    move: bool = True,
    background: bool = True,
    via: str = "",
) -> Submission:
    """Record a submitted file and validate it (as a job, or at once with background=False).

    The file is moved (or copied) under the data directory first, so nothing accepted is lost.
    """
    if not can_submit(actor, dataset, unit):
        raise ApplicationError(
            ErrorCode.PERMISSION_DENIED,
            _("%(unit)s不是“%(dataset)s”的提供单位，不能报送") % {"unit": unit, "dataset": dataset.name},
        )
    if dataset.current_version is None:
        raise ApplicationError(
            ErrorCode.CONFLICT, _("数据项“%(dataset)s”还没有字段规范") % {"dataset": dataset.name}
        )
    the_period = _parse_period(period)
    size = source_path.stat().st_size
    if size > MAX_SUBMISSION_BYTES:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("文件“%(filename)s”超过 2 GB 上限") % {"filename": filename}
        )
    sha = hashlib.sha256()
    with source_path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    stored = exchange_dir("uploads", dataset.code) / f"{uuid.uuid4().hex}{Path(filename).suffix.lower()[:10]}"
    (shutil.move if move else shutil.copyfile)(str(source_path), str(stored))
    with transaction.atomic():
        submission = Submission.objects.create(
            dataset=dataset,
            version=dataset.current_version,
            unit=unit,
            period=the_period.text,
            period_label=the_period.label,
            period_start=the_period.start,
            period_end=the_period.end,
            source=source,
            filename=Path(filename).name[:255],
            file_path=str(stored),
            size=size,
            sha256=sha.hexdigest(),
            submitted_by=user_or_none(actor),
            submitted_via=via[:100],
        )
        audit_record(
            actor=actor,
            action=AuditAction.SUBMISSION_RECEIVED,
            target=submission,
            detail={"dataset": dataset.code, "unit": unit.name, "period": the_period.text, "size": size},
        )
        if background:
            submission.job = job_start(
                kind="exchange.validate",
                title=f"校验报送：{dataset.name} {the_period.label}",
                actor=actor,
                unit=unit,
                params={"submission_id": submission.pk},
            )
            submission.save(update_fields=["job"])
    if not background:
        submission = submission_validate(submission=submission)
    return submission


@transaction.atomic
def submission_fail(*, submission_id: int, error: str) -> Submission | None:
    """A submission whose validation job failed for good (an error, or a worker killed too
    often): marked failed with the reason, so it never stays "queued"/"validating" for ever and
    the provider sees that it must submit again. Nothing of it was accepted."""
    submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
    if submission is None or submission.state not in (SubmissionState.QUEUED, SubmissionState.VALIDATING):
        return submission
    submission.state, submission.finished_at = SubmissionState.FAILED, clock.now()
    submission.file_errors = [
        *submission.file_errors,
        _("处理失败，请重新报送：%(error)s") % {"error": error[:300]},
    ]
    submission.save(update_fields=["state", "finished_at", "file_errors", "updated_at"])
    audit_record(
        actor=None,
        action=AuditAction.SUBMISSION_VALIDATED,
        target=submission,
        detail={"state": "failed", "error": error[:300]},
    )
    return submission


def submission_validate(*, submission: Submission, progress=None) -> Submission:
    """Validate the stored file; store the accepted rows; supersede the unit's older data of the period.

    Safe to run again after a crash: the Parquet file is written atomically and becomes
    visible only when this record says accepted/partial, in one transaction.
    """
    Submission.objects.filter(pk=submission.pk).update(state=SubmissionState.VALIDATING)
    spec = submission.version.to_spec()
    out_dir = exchange_dir("data", submission.dataset.code)
    try:
        result = validate_file(
            submission.file_path,
            spec,
            period=submission.period,
            submission_id=submission.pk,
            out_dir=out_dir,
            filename=submission.filename,
            progress=progress,
            today=clock.today(),
        )
    except FileRejected as exc:  # a file-level refusal the engine raises rather than returns
        result = None
        file_errors = [str(exc)]
    report_path = ""
    if result is not None and (result.errors or result.file_errors):
        report_path = str(
            errors_workbook(
                result, submission.file_path, spec, exchange_dir("reports") / f"{submission.pk}.xlsx"
            )
        )
    with transaction.atomic():
        sub = Submission.objects.select_for_update().get(pk=submission.pk)
        if result is None:
            sub.state, sub.file_errors = SubmissionState.REJECTED, file_errors
        else:
            sub.state = result.status
            sub.rows, sub.accepted, sub.rejected = result.rows, result.accepted, result.rejected
            sub.error_count = result.error_count
            sub.errors = [
                {
                    "row": e.row,
                    "field": e.field,
                    "field_name": e.field_name,
                    "value": e.value,
                    "reason": e.reason,
                }
                for e in result.errors[:ERRORS_KEPT]
            ]
            sub.file_errors = list(result.file_errors) + [f"提示：{w}" for w in result.warnings]
            sub.parquet_path = str(result.parquet_path or "")
            sub.quarantine_path = str(result.quarantine_path or "")
            sub.seconds = result.seconds
        sub.report_path, sub.finished_at = report_path, clock.now()
        sub.save()
        # replace: key (ratings): the earlier submission stays; its rows are replaced by key only
        if sub.state in SubmissionState.visible() and spec.replace != "key":
            older = Submission.objects.filter(
                dataset=sub.dataset, unit=sub.unit, period=sub.period, state__in=SubmissionState.visible()
            ).exclude(pk=sub.pk)
            for old in older:
                old.state, old.superseded_by = SubmissionState.SUPERSEDED, sub
                old.save(update_fields=["state", "superseded_by", "updated_at"])
                audit_record(
                    actor=None, action=AuditAction.SUBMISSION_SUPERSEDED, target=old, detail={"by": sub.pk}
                )
        audit_record(
            actor=None,
            action=AuditAction.SUBMISSION_VALIDATED,
            target=sub,
            detail={"state": sub.state, "rows": sub.rows, "accepted": sub.accepted, "rejected": sub.rejected},
        )
    return sub


def submission_push_rows(*, actor, dataset: Dataset, unit: Unit, period: str, rows: list[dict]) -> Submission:
    """Rows pushed by a unit's system: the same engine and storage as a file (written as CSV first)."""
    if not rows:
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("没有要报送的数据行"))
    if dataset.current_version is None:
        raise ApplicationError(
            ErrorCode.CONFLICT, _("数据项“%(dataset)s”还没有字段规范") % {"dataset": dataset.name}
        )
    spec = dataset.current_version.to_spec()
    codes = [f.code for f in spec.fields]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(codes)
    for row in rows:
        if not isinstance(row, dict):
            raise ApplicationError(ErrorCode.INVALID_INPUT, _("每一行应为以字段代码为键的对象"))
        unknown = set(row) - set(codes)
        if unknown:
            raise ApplicationError(
                ErrorCode.INVALID_INPUT, _("未知字段：%(names)s") % {"names": "、".join(sorted(unknown))}
            )
        writer.writerow(["" if row.get(c) is None else _api_text(row.get(c)) for c in codes])
    temp = exchange_dir("incoming") / f"{uuid.uuid4().hex}.csv"
    temp.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        return submission_create(
            actor=actor,
            dataset=dataset,
            unit=unit,
            period=period,
            source_path=temp,
            filename=f"api-{dataset.code}-{period}.csv",
            source=SubmissionSource.API,
            background=False,
            via="接口令牌",
        )
    finally:
        temp.unlink(missing_ok=True)  # moved into uploads/ when kept; refused, it goes now


def _api_text(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value)


# --- access grants ---------------------------------------------------------------------


@transaction.atomic
def grant_request(
    *,
    actor,
    dataset: Dataset,
    purpose: str,
    legal_basis: str,
    valid_from: datetime.date,
    valid_until: datetime.date | None,
    include_personal: bool = False,
) -> AccessGrant:
    """使用单位申请使用某数据项：写明用途、依据和期限。"""
    require_capability(actor, "exchange.request_grant")
    if not purpose.strip() or not legal_basis.strip():
        raise ApplicationError(ErrorCode.INVALID_INPUT, _("请填写用途和依据"))
    grant = AccessGrant(
        dataset=dataset,
        unit=actor.unit,
        purpose=purpose.strip(),
        legal_basis=legal_basis.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        include_personal=include_personal,
        requested_by=actor,
    )
    grant.full_clean()
    grant.save()
    audit_record(
        actor=actor,
        action=AuditAction.GRANT_REQUESTED,
        target=grant,
        detail={"dataset": dataset.code, "purpose": purpose, "personal": include_personal},
    )
    return grant


@transaction.atomic
def grant_decide(*, actor, grant: AccessGrant, approve: bool, note: str = "") -> AccessGrant:
    require_capability(actor, "exchange.decide_grants")
    if grant.state != GrantState.REQUESTED:
        raise ApplicationError(ErrorCode.CONFLICT, _("该申请已处理"))
    grant.state = GrantState.APPROVED if approve else GrantState.REFUSED
    grant.decided_by, grant.decided_at, grant.decision_note = actor, clock.now(), note[:300]
    grant.save()
    audit_record(
        actor=actor,
        action=AuditAction.GRANT_APPROVED if approve else AuditAction.GRANT_REFUSED,
        target=grant,
        detail={"note": note},
    )
    return grant


@transaction.atomic
def grant_revoke(*, actor, grant: AccessGrant, note: str = "") -> AccessGrant:
    require_capability(actor, "exchange.decide_grants")
    if grant.state != GrantState.APPROVED:
        raise ApplicationError(ErrorCode.CONFLICT, _("只能撤销已批准的授权"))
    grant.state, grant.decision_note = GrantState.REVOKED, note[:300]
    grant.save(update_fields=["state", "decision_note", "updated_at"])
    audit_record(actor=actor, action=AuditAction.GRANT_REVOKED, target=grant, detail={"note": note})
    return grant
