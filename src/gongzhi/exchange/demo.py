"""Demo: the demand list, grants and synthetic submissions (all labelled 演示).

The data are invented by `validation.synthetic`: codes have valid check digits but belong to
nobody; company names say they are synthetic. One submission has errors and one dataset is
left unsubmitted, so the quality page and the notice draft have something real to show.
"""

import csv
import datetime
import random
from pathlib import Path

from django.utils import timezone

from gongzhi.core.files import remove_temporary, temporary_directory
from gongzhi.core.periods import due_date, month_end, month_text, shift_month
from gongzhi.exchange.choices import GrantState
from gongzhi.exchange.models import AccessGrant, Dataset, Submission
from gongzhi.exchange.services import catalog_load, submission_create
from gongzhi.exchange.validation import synthetic
from gongzhi.org.models import Unit

CATALOG = Path(__file__).parent / "data" / "demo_catalog.yaml"
TOWNS = ["王村镇", "南郊镇", "北郊镇", "大街街道", "丝绸路街道", "永安街街道", "青年路街道", "城北路街道"]
INDUSTRIES = ["H61", "H62", "K70", "F51", "F52", "C13", "C17", "E47", "I65", "L72"]


def _write(rows: list[dict], header: list[str]) -> Path:
    path = temporary_directory("demo") / "demo.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _submit(
    code: str,
    unit: str,
    period: str,
    rows: list[dict],
    name: str,
    *,
    today: datetime.date,
    days_after_due: int = -3,
) -> None:
    """Submit as the provider would have, dated `days_after_due` days from the due day (demo only);
    never after `today`."""
    dataset = Dataset.objects.get(code=code)
    if Submission.objects.filter(dataset=dataset, period=period).exists():
        return
    header = [f["code"] for f in dataset.current_version.spec["fields"]]
    source = _write(rows, header)
    try:
        submission = submission_create(
            actor=None,
            dataset=dataset,
            unit=Unit.objects.get(name=unit),
            period=period,
            source_path=source,
            filename=name,
            background=False,
            via="演示数据",
        )
    finally:
        remove_temporary(source)
    due = due_date(submission.period_end, dataset.due_day)
    day = min(due + datetime.timedelta(days=days_after_due), today)
    at = min(timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0))), timezone.now())
    Submission.objects.filter(pk=submission.pk).update(created_at=at, updated_at=at, finished_at=at)


# Months are shown only once every due day (at most 31 days after the period) has passed, so that
# a demo submission, on time or late, is never dated after the reference day.
SETTLED_DAYS = 31


def demo_months(today: datetime.date, count: int) -> list[str]:
    """The last `count` months whose due days have all passed by `today`, oldest first
    (2025-08, 2025-09, …): the months the demo has submissions for."""
    months, year, month = [], today.year, today.month
    while len(months) < count:
        year, month = shift_month(year, month, -1)
        if month_end(year, month) + datetime.timedelta(days=SETTLED_DAYS) < today:
            months.append(month_text(year, month))
    return months[::-1]


# Months of regular reporting up to the latest (the quality page and the assessment read them):
# each provider's habits, as days after the due day by month index (0 = oldest; negative = on time,
# None = never sent; the latest month of taxpayer, tax_paid and electricity is sent by `load`).
# Built so that the demo's tax-risk leads stay what they are: tax payments only before the month of
# the demo's deals (R01), kWh (companies 1-80) and declarations (81-120) never of one company in one
# month (R06, R08 never zero-declared), every stay declared at thrice its revenue (R07), subsidies
# only to registered companies (R09). Construction permits, land and property deals are left to the
# history load and the latest month, so 区住房城乡建设局 and 区自然资源局 fall behind.
HISTORY_MONTHS = 6
HABITS = {
    "taxpayer": [-3, -3, -2, -3, -4, None],
    "tax_paid": [-3, -2, 2, -3, -3, None],
    "declaration": [-5, -4, -5, -3, -4, -5],
    "electricity": [-3, -2, -3, 9, -2, None],
    "lodging": [-3, -3, -3, 5, -3, -3],
    "subsidy": [-2, 3, -2, -2, -2, -2],
    "market_entity": [-4, -3, -3, -2, -3, -3],
    "social_insurance": [-2, 6, 3, -2, 8, -1],
    "vehicle_registration": [-3, -3, -3, 5, -3, -3],
    "court_auction": [-5, -4, -5, -4, -4, -5],
    "housing_fund": [-2, -2, 12, -2, None, None],  # the last two months never sent
}
STAYS = 10  # hotels among companies 81-120


def _history_rows(code: str, month: str, companies: list[dict], rng: random.Random) -> list[dict]:
    """Synthetic rows of one month of a dataset (the fields of the demo demand list)."""
    year, mon = map(int, month.split("-"))

    def day() -> str:
        return str(datetime.date(year, mon, rng.randrange(1, 29)))

    live = [c for c in companies if c["status"] == "正常"]
    if code == "taxpayer":
        return companies
    if code == "tax_paid":
        return [
            {
                "uscc": c["uscc"],
                "tax_type": rng.choice(["增值税", "企业所得税", "印花税"]),
                "period": month,
                "amount": f"{rng.randrange(500, 200000)}.00",
                "paid_date": day(),
            }
            for c in live
            if rng.random() < 0.5
        ]
    if code in ("declaration", "lodging"):
        rng_month = random.Random(f"{month}-stays")  # the same stays for both datasets
        declared = [c for c in companies[80:] if c["status"] == "正常"]
        stays = {
            c["uscc"]: (rng_month.randrange(50, 900), rng_month.randrange(150, 600)) for c in declared[:STAYS]
        }
        if code == "lodging":
            return [
                {"uscc": uscc, "period": month, "room_nights": nights, "avg_price": f"{price}.00"}
                for uscc, (nights, price) in stays.items()
            ]
        return [
            {
                "uscc": c["uscc"],
                "period": month,
                "revenue": f"{3 * stays[c['uscc']][0] * stays[c['uscc']][1] if c['uscc'] in stays else rng.randrange(20000, 900000)}.00",
                "zero_declared": "否",
            }
            for c in declared
        ]
    if code == "electricity":
        return [
            {"uscc": c["uscc"], "period": month, "kwh": str(rng.randrange(1000, 90000))}
            for c in companies[:80]
        ]
    if code == "subsidy":
        return [
            {
                "uscc": c["uscc"],
                "program": rng.choice(["稳岗补贴（演示）", "技术改造补助（演示）", "科技创新奖励（演示）"]),
                "amount": f"{rng.randrange(5000, 300000)}.00",
                "pay_date": day(),
                "paying_unit": "区财政局",
            }
            for c in rng.sample(live, 3)
        ]
    if code == "market_entity":
        return [
            {
                "uscc": c["uscc"],
                "name": c["name"],
                "entity_type": "有限责任公司",
                "legal_rep": f"演示人员{n:03d}（虚构）",
                "legal_rep_phone": synthetic.mobile(rng),
                "reg_capital": str(rng.randrange(10, 5000)),
                "industry_code": c["industry_code"],
                "area_code": "370306",
                "est_date": c["reg_date"],
                "status": "存续" if c["status"] == "正常" else "注销",
            }
            for n, c in enumerate(rng.sample(companies, 15), start=1)
        ]
    if code in ("social_insurance", "housing_fund"):
        rows = []
        for c in rng.sample(live, 30):
            people = rng.randrange(3, 200)
            if code == "social_insurance":
                rows.append(
                    {
                        "uscc": c["uscc"],
                        "period": month,
                        "insured_count": people,
                        "wage_base": f"{people * 5200}.00",
                    }
                )
            else:
                rows.append(
                    {"uscc": c["uscc"], "period": month, "depositors": people, "amount": f"{people * 860}.00"}
                )
        return rows
    if code == "vehicle_registration":
        vin = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        return [
            {
                "vin": "".join(rng.choice(vin) for _ in range(17)),
                "owner_uscc": rng.choice(live)["uscc"],
                "owner_id": "",
                "vehicle_type": rng.choice(["载客汽车", "载货汽车"]),
                "price": f"{rng.randrange(60000, 400000)}.00",
                "reg_date": day(),
            }
            for _ in range(12)
        ]
    if code == "court_auction":
        rows = [
            {
                "case_no": f"（{year}）鲁0306执{rng.randrange(100, 9999)}号（演示）",
                "object": rng.choice(["住宅一套（演示）", "机动车一辆（演示）", "办公用房（演示）"]),
                "debtor_uscc": rng.choice(companies)["uscc"],
                "buyer_uscc": "",
                "buyer_id": synthetic.id_card(rng),
                "deal_price": f"{rng.randrange(50000, 2000000)}.00",
                "deal_date": day(),
            }
            for _ in range(4)
        ]
        if mon % 3 == 0:  # now and then a buyer's ID number with a wrong check digit
            good = rows[0]["buyer_id"]
            rows[0]["buyer_id"] = good[:-1] + ("0" if good[-1] != "0" else "1")
        return rows
    raise ValueError(code)


def _monthly_history(companies: list[dict], *, today: datetime.date) -> None:
    """The months before the latest, submitted as each provider habitually does (see HABITS)."""
    rng = random.Random(2024)  # its own stream: the other demo rows stay the same
    names = dict(Dataset.objects.filter(code__in=HABITS).values_list("code", "provider_units__name"))
    for index, month in enumerate(demo_months(today, HISTORY_MONTHS)):
        for code, habit in HABITS.items():
            if code not in names or habit[index] is None:
                continue
            rows = _history_rows(code, month, companies, rng)
            _submit(
                code,
                names[code],
                month,
                rows,
                f"{month}（演示）.csv",
                today=today,
                days_after_due=habit[index],
            )


def _arrears(companies: list[dict], month: str) -> list[dict]:
    """The tax bureau's arrears list at the end of `month` (the 无欠税 condition of the assistance
    list reads it): every 非正常户 and about one in twelve of the others owe something. Its own
    random stream: the other demo rows stay the same."""
    rng = random.Random(2025)
    year, mon = map(int, month.split("-"))
    end = month_end(year, mon)
    rows = []
    for company in companies:
        if company["status"] == "注销" or (company["status"] == "正常" and rng.random() >= 0.08):
            continue
        for tax_type in rng.sample(
            ["增值税", "企业所得税", "房产税", "城镇土地使用税", "印花税"], rng.randint(1, 2)
        ):
            rows.append(
                {
                    "uscc": company["uscc"],
                    "tax_type": tax_type,
                    "amount": f"{rng.randrange(800, 90000)}.{rng.randrange(100):02d}",
                    "since": str(end - datetime.timedelta(days=rng.randrange(20, 700))),
                }
            )
    return rows


def load(*, today: datetime.date) -> list[str]:
    counts = catalog_load(actor=None, data=CATALOG.read_bytes(), filename=CATALOG.name)
    rng = random.Random(2023)
    companies = [
        {
            "uscc": synthetic.uscc(rng),
            "name": f"演示企业{n:03d}有限公司（虚构）",
            "industry_code": rng.choice(INDUSTRIES),
            "town": rng.choice(TOWNS),
            "reg_date": str(datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3000))),
            "status": rng.choices(["正常", "非正常", "注销"], [90, 6, 4])[0],
            "kind": rng.choice(["一般纳税人", "小规模纳税人"]),
            "credit_level": rng.choices(["A", "B", "M", "C", "D"], [20, 40, 25, 10, 5])[0],
            "credit_year": 2024,
        }
        for n in range(1, 121)
    ]
    months = demo_months(today, 3)
    last = months[-1]
    last_year, last_month = map(int, last.split("-"))
    _submit("taxpayer", "区税务局", last, companies, "纳税人登记（演示）.csv", today=today)
    for month in months:
        year, mon = map(int, month.split("-"))
        paid = [
            {
                "uscc": c["uscc"],
                "tax_type": rng.choice(["增值税", "企业所得税", "契税", "印花税"]),
                "period": month,
                "amount": f"{rng.randrange(500, 200000)}.00",
                "paid_date": str(datetime.date(year, mon, rng.randrange(1, 28))),
            }
            for c in companies
            if c["status"] == "正常" and rng.random() < 0.6
        ]
        _submit("tax_paid", "区税务局", month, paid, f"税款入库{month}（演示）.csv", today=today)
    arrears = _arrears(companies, last)  # the list as of the month's end, sent two days later
    _submit(
        "arrears", "区税务局", last, arrears, f"欠税清册{last}（演示）.csv", today=today, days_after_due=2
    )
    deals = []
    for _ in range(40):
        area = rng.randrange(60, 300)
        unit_price = rng.randrange(5000, 12000)
        company = rng.random() < 0.4
        deals.append(
            {
                "unit_no": synthetic.unit_no(rng),
                "seller_uscc": rng.choice(companies)["uscc"] if company else "",
                "seller_id": "" if company else synthetic.id_card(rng),
                "buyer_uscc": "",
                "buyer_id": synthetic.id_card(rng),
                "price": f"{area * unit_price}.00",
                "unit_price": str(unit_price),
                "area": str(area),
                "deal_date": str(datetime.date(last_year, last_month, rng.randrange(1, 29))),
                "use": rng.choice(["住宅", "商业", "办公"]),
            }
        )
    good = synthetic.id_card(rng)
    deals[3]["seller_id"] = good[:-1] + ("0" if good[-1] != "0" else "1")  # a bad check digit
    deals[3]["seller_uscc"] = ""
    deals[7]["price"] = "1"  # price is not unit price x area
    _submit("real_estate_tx", "区自然资源局", last, deals, f"不动产交易{last}（演示）.csv", today=today)
    kwh = [
        {"uscc": c["uscc"], "period": last, "kwh": str(rng.randrange(1000, 90000))} for c in companies[:80]
    ]
    _submit(
        "electricity", "区发展改革局", last, kwh, f"用电量{last}（演示）.csv", today=today, days_after_due=4
    )  # late
    _monthly_history(companies, today=today)
    tax_office, finance = Unit.objects.get(name="区税务局"), Unit.objects.get(name="区财政局")
    from gongzhi.accounts.models import User

    requester = User.objects.filter(unit=tax_office).first() or User.objects.filter(role="admin").first()
    if requester and not AccessGrant.objects.exists():
        approved = AccessGrant.objects.create(
            dataset=Dataset.objects.get(code="real_estate_tx"),
            unit=tax_office,
            purpose="税收风险监控（演示）",
            legal_basis="周政办字〔2023〕10号 二（二）",
            include_personal=True,
            valid_from=today - datetime.timedelta(days=365),
            valid_until=today + datetime.timedelta(days=365),
            state=GrantState.APPROVED,
            requested_by=requester,
            decided_by=requester,
            decision_note="演示数据",
        )
        # requested and approved before it took effect, a year ago
        requested = timezone.make_aware(datetime.datetime.combine(approved.valid_from, datetime.time(9, 0)))
        AccessGrant.objects.filter(pk=approved.pk).update(
            created_at=requested - datetime.timedelta(days=3),
            updated_at=requested,
            decided_at=requested,
        )
        AccessGrant.objects.create(
            dataset=Dataset.objects.get(code="electricity"),
            unit=finance,
            purpose="经济运行分析（演示）",
            legal_basis="周政办字〔2023〕10号 二（六）",
            valid_from=today,
            requested_by=requester,
        )
    return [
        f"需求清单：{Dataset.objects.count()}个数据项（本次新增{counts['created']}项）",
        f"报送：{Submission.objects.count()}次（演示数据）",
    ]
