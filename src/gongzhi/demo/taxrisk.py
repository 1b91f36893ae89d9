"""Demo: synthetic district data with an anomaly for every rule and near-misses that must not
fire, loaded through the data-sharing submissions (labelled 演示), one run, leads in every state."""

import datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from gongzhi.core.files import remove_temporary, temporary_directory
from gongzhi.demo.taxrisk_data import generate
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.exchange.services import submission_create
from gongzhi.org.models import Unit
from gongzhi.taxrisk.choices import DismissReason, LeadStatus
from gongzhi.taxrisk.models import Lead, RiskRun
from gongzhi.taxrisk.services import (
    lead_confirm,
    lead_dismiss,
    lead_dispatch,
    lead_start,
    rules_sync,
    run_start,
)

PERIOD = "2023-01..2025-12"  # the synthetic data's months; its last date is 2025-12-28
DATA_END = datetime.date(2025, 12, 31)
KEYS = {"taxpayer": "uscc", "construction_permit": "permit_no", "land_supply": "parcel_no"}


def _csv(dataset: str, files: list[Path], out: Path) -> Path:
    """One CSV of a dataset's synthetic files, in file and row order (the same on every load, so
    evidence row numbers are reproducible); for keyed datasets the latest file's row wins."""
    paths = ", ".join(f"'{p}'" for p in files)
    source = f"SELECT *, filename AS _f FROM read_parquet([{paths}], filename = true)"
    query = f"SELECT * EXCLUDE (_submission_id, _source_row, _f, filename) FROM ({source}) ORDER BY _f, _source_row"
    if key := KEYS.get(dataset):
        query = (
            f"SELECT * EXCLUDE (_submission_id, _source_row, _f, _n, filename) FROM (SELECT *, row_number() OVER "
            f"(PARTITION BY {key} ORDER BY _f DESC, _source_row DESC) AS _n FROM ({source})) WHERE _n = 1 "
            "ORDER BY _f, _source_row"  # the same rows in the same order on every load
        )
    path = out / f"{dataset}.csv"
    duckdb.sql(f"COPY ({query}) TO '{path}' (HEADER, DELIMITER ',')")
    return path


def load(*, today: datetime.date) -> list[str]:
    rules_sync()
    if today <= DATA_END:  # the data would be dated after the reference day: not loaded
        return [f"税收风险：参考日不晚于合成数据的期末（{DATA_END:%Y-%m-%d}），未载入演示数据"]
    if RiskRun.objects.exists():
        return [f"税收风险：{Lead.objects.count()}条疑点（演示数据，已存在）"]
    work = temporary_directory("taxrisk-demo")
    try:
        data = generate(work / "parquet", taxpayers=2000, seed=2023)
        for code, files in data.datasets.items():
            dataset = Dataset.objects.filter(code=code).first()
            if dataset is None or not files:
                continue
            if Submission.objects.filter(dataset=dataset, period=PERIOD).exists():
                continue
            provider = dataset.provider_units.first() or Unit.objects.get(name="区税务局")
            submission_create(
                actor=None,
                dataset=dataset,
                unit=provider,
                period=PERIOD,
                source_path=_csv(code, files, work),
                filename=f"{dataset.name}（演示，合成数据）.csv",
                background=False,
                via="演示数据",
            )
    finally:
        remove_temporary(work)  # the synthetic Parquet files are stored as submissions now
    run = run_start(actor=None, background=False)
    leads = list(Lead.objects.order_by("rule__code", "period"))
    from gongzhi.accounts.models import User

    officer = User.objects.filter(username="shuiwu").first()
    for position, lead in enumerate(leads[:12]):
        if officer is None:
            break
        lead_dispatch(actor=None, lead=lead, assignee=officer, deadline=today + datetime.timedelta(days=20))
        if position % 4 == 1:
            lead_start(actor=None, lead=lead)
        elif position % 4 == 2:
            lead_confirm(
                actor=None,
                lead=lead,
                recovered_tax=(lead.tax_at_risk or Decimal("1000")) * Decimal("0.8"),
                recovered_date=today,
                recovered_period=f"{today.year}-{today.month:02d}",
                note="（演示数据）企业已补缴",
            )
        elif position % 4 == 3:
            lead_dismiss(
                actor=None, lead=lead, reason=DismissReason.ALREADY_PAID, note="（演示数据）已在其他期间缴纳"
            )
    counts = {s: Lead.objects.filter(status=s).count() for s in LeadStatus.values}
    return [
        f"税收风险：合成数据{data.total_rows}行，运行#{run.pk}发现{run.lead_count}条疑点（"
        + "，".join(f"{LeadStatus(s).label}{n}" for s, n in counts.items())
        + "）"
    ]
