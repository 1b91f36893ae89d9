"""Demo: two policy-push campaigns with take-up (all data synthetic, labelled 演示/合成数据).

Runs after the tax-risk demo (whose synthetic registry, declarations and payments it reads):
- annual enterprise income tax returns of 2025 (`cit_annual`) for a few dozen synthetic
  manufacturers: small low-profit enterprises not claiming (P01), R&D spend without the super
  deduction (P02), and near-misses (a limit passed by one, claimed already, an excluded industry);
- two opt-outs (无风险不打扰);
- campaign 1: P01 for tax year 2025, pushed by 电子税务局消息 60 days ago; a corrected filing
  (更正申报, the whole file again) shows some of them claiming it now -> 已享受;
- campaign 2: P03 (small-scale taxpayers under 10万元 a month who paid VAT) for 2024-12, pushed by
  短信 45 days ago; refunds of that VAT (negative 增值税 rows) for some -> 已享受;
- the take-up check.
"""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

from gongzhi.core.files import remove_temporary, temporary_directory
from gongzhi.core.periods import month_text
from gongzhi.credit.models_push import PolicyPush, PushCampaign
from gongzhi.credit.push import (
    campaign_start,
    optout_register,
    push_rules_sync,
    push_send,
    takeup_refresh,
)
from gongzhi.exchange.models import Dataset, Submission
from gongzhi.exchange.services import submission_create
from gongzhi.exchange.warehouse import SKIP, open_warehouse
from gongzhi.org.models import Unit

DATA_END = datetime.date(2025, 12, 31)  # the tax-risk demo's synthetic data end here
TAX_YEAR = 2025
VAT_PERIOD = "2024-12"
CIT_FIELDS = (
    "uscc",
    "tax_year",
    "headcount",
    "total_assets",
    "taxable_income",
    "small_low_profit",
    "rd_expense",
    "rd_deduction",
)


def _submit(code: str, period: str, rows: list[dict], fields, filename: str) -> Submission:
    work = temporary_directory("push-demo")
    try:
        path = Path(work) / f"{code}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(fields))
            writer.writeheader()
            writer.writerows(rows)
        dataset = Dataset.objects.get(code=code)
        return submission_create(
            actor=None,
            dataset=dataset,
            unit=dataset.provider_units.first() or Unit.objects.get(name="区税务局"),
            period=period,
            source_path=path,
            filename=filename,
            background=False,
            via="演示数据",
        )
    finally:
        remove_temporary(work)


def _companies() -> list[tuple[str, str, str]]:
    """(uscc, name, industry) of the synthetic 正常 companies, in code order."""
    with open_warehouse(user=None, datasets=["taxpayer"], purpose="演示数据：政策推送", missing=SKIP) as wh:
        return wh.rows(
            "SELECT uscc, name, industry_code FROM taxpayer "
            "WHERE status = '正常' AND name LIKE '演示企业%' ORDER BY uscc"
        )


def _return(uscc: str, n: int, *, excluded: bool = False) -> dict:
    """One synthetic 2025 return; the pattern by n (each kind about one in eight)."""
    headcount, assets = 20 + (n * 37) % 260, Decimal(300 + (n * 613) % 4500)
    income = Decimal(100000 + (n * 271_003) % 2_800_000)
    row = {
        "uscc": uscc,
        "tax_year": TAX_YEAR,
        "headcount": headcount,
        "total_assets": f"{assets:.2f}",
        "taxable_income": f"{income:.2f}",
        "small_low_profit": "是",
        "rd_expense": "",
        "rd_deduction": "",
    }
    kind = n % 8
    if excluded:  # wholesale: R&D spend, no deduction, but the industry may not claim it
        row.update(headcount=400, rd_expense="180000.00", rd_deduction="", small_low_profit="否")
    elif kind in (0, 6):  # small low-profit, not claiming (6: and R&D not deducted)
        row["small_low_profit"] = "否"
        if kind == 6:
            row["rd_expense"] = f"{60000 + n * 1000}.00"
    elif kind == 2:  # one person too many
        row.update(headcount=301, small_low_profit="否")
    elif kind == 3:  # exactly 300万 of taxable income: still eligible
        row.update(taxable_income="3000000.00", small_low_profit="否")
    elif kind == 4:  # a large company with R&D spend and no super deduction
        row.update(headcount=520, total_assets="18000.00", small_low_profit="否")
        row.update(rd_expense=f"{900000 + n * 10000}.00")
    elif kind == 5:  # R&D deducted already
        row.update(headcount=410, small_low_profit="否", rd_expense="500000.00", rd_deduction="500000.00")
    elif kind == 7:  # assets over 5000万
        row.update(total_assets="6200.00", small_low_profit="否")
    return row


def _range_period(day: datetime.date) -> str:
    """A two-month period ending in `day`'s month: not the monthly text other demos submit."""
    start = (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return f"{month_text(start.year, start.month)}..{month_text(day.year, day.month)}"


def load_push(*, today: datetime.date) -> list[str]:
    from gongzhi.accounts.models import User

    push_rules_sync()
    if today <= DATA_END:
        return [f"政策推送：参考日不晚于合成数据的期末（{DATA_END:%Y-%m-%d}），未载入演示数据"]
    if PushCampaign.objects.exists():
        return [f"政策推送：{PolicyPush.objects.count()}次推送（演示数据，已存在）"]
    officer = User.objects.filter(username="shuiwu").first()
    if (
        officer is None
        or not Dataset.objects.filter(code="cit_annual", current_version__isnull=False).exists()
    ):
        return ["政策推送：缺少税务人员或企业所得税年度申报数据项，未载入演示数据"]
    companies = _companies()
    makers = [c for c in companies if (c[2] or "").startswith("C")][:48]
    traders = [c for c in companies if (c[2] or "").startswith("F")][:4]
    if len(makers) < 16:
        return ["政策推送：合成纳税人不足，未载入演示数据（请先载入税收风险演示数据）"]
    returns = [_return(u, n) for n, (u, _name, _i) in enumerate(makers)]
    returns += [_return(u, n, excluded=True) for n, (u, _name, _i) in enumerate(traders)]
    _submit(
        "cit_annual",
        str(TAX_YEAR),
        returns,
        CIT_FIELDS,
        f"企业所得税年度申报{TAX_YEAR}（演示，合成数据）.csv",
    )

    # 无风险不打扰: two taxpayers asked not to be pushed
    eligible = [r["uscc"] for r in returns if r["small_low_profit"] == "否" and r["headcount"] <= 300]
    names = {u: name for u, name, _i in companies}
    for uscc in eligible[:1]:
        optout_register(
            actor=officer,
            uscc=uscc,
            taxpayer_name=names.get(uscc, ""),
            reason="企业表示已自行了解优惠政策，申请不接收推送（演示）",
            today=today - datetime.timedelta(days=75),
        )

    # campaign 1: small low-profit enterprises, pushed by the e-tax bureau 60 days ago
    first = campaign_start(
        actor=officer,
        rule_code="P01",
        period_from=f"{TAX_YEAR}-12",
        period_to=f"{TAX_YEAR}-12",
        background=False,
    )
    pushed = push_send(
        actor=officer,
        campaign=first,
        channel="etax",
        note="电子税务局推送小型微利企业所得税优惠政策（演示）",
        pushed_on=today - datetime.timedelta(days=60),
    )["pushed"]
    # a corrected filing: half of those pushed claim it now (the whole year's file again)
    claiming = set(pushed[::2])
    corrected = [{**r, "small_low_profit": "是"} if r["uscc"] in claiming else r for r in returns]
    _submit(
        "cit_annual",
        str(TAX_YEAR),
        corrected,
        CIT_FIELDS,
        f"企业所得税年度申报{TAX_YEAR}更正（演示，合成数据）.csv",
    )

    # campaign 2: small-scale taxpayers under the monthly threshold who paid VAT, by SMS 45 days ago
    second = campaign_start(
        actor=officer, rule_code="P03", period_from=VAT_PERIOD, period_to=VAT_PERIOD, background=False
    )
    ready = sorted({c.uscc for c in second.candidates.all()})
    if ready:
        optout_register(
            actor=officer,
            uscc=ready[-1],
            reason="纳税人电话告知不需要短信提醒（演示）",
            today=today - datetime.timedelta(days=50),
        )
    vat_pushed = push_send(
        actor=officer,
        campaign=second,
        channel="sms",
        note="短信提醒：月销售额10万元以下免征增值税，可申请退还已缴税款（演示）",
        pushed_on=today - datetime.timedelta(days=45),
    )["pushed"]
    # refunded in a month that has ended by `today` (a month's data is sent after the month)
    refund_day = today.replace(day=1) - datetime.timedelta(days=10)
    paid = {c.uscc: c.benefit for c in second.candidates.all()}
    refunds = [
        {
            "uscc": uscc,
            "tax_type": "增值税",
            "period": VAT_PERIOD,
            "amount": f"{-paid[uscc]:.2f}",
            "paid_date": refund_day.isoformat(),
        }
        for uscc in vat_pushed[::3]
        if paid.get(uscc)
    ]
    if refunds:
        _submit(
            "tax_paid",
            _range_period(refund_day),
            refunds,
            ("uscc", "tax_type", "period", "amount", "paid_date"),
            "增值税退税（演示，合成数据）.csv",
        )
    summary = takeup_refresh(actor=officer, today=today)
    return [
        f"政策推送：第{first.pk}批（P01）推送{len(pushed)}户，第{second.pk}批（P03）推送{len(vat_pushed)}户，"
        f"监测发现已享受{summary['taken_up']}户（演示数据）"
    ]
