"""Synthetic district data for the tax-risk rules, with injected anomalies and near-misses.

Everything here is made up and labelled so (合成数据/虚构): companies are named
演示企业000001有限公司（虚构）, credit codes (统一社会信用代码) and ID numbers are invented with
valid GB 32100 / GB 11714 / GB 11643 check characters, the out directory gets a SYNTHETIC.txt
note and every Parquet file the metadata `gongzhi.synthetic=true`.

Two parts:
- the bulk, generated in DuckDB (no per-row Python): registered companies that behave —
  active ones pay 增值税 every month and 企业所得税 every quarter, company buyers pay 契税
  within 45 days, revenue per kWh stays within 0.8–1.25 of an industry base, lodging revenue
  within 1.2 times the declared revenue, dormant ones declare zero and use at most 5,000 kWh,
  subsidies go to 正常 companies whose D rating (if any) is of 2023 while payments are of
  2024. By construction the bulk yields no lead.
- scenarios, built row by row (a few hundred rows): for every rule, anomalies that must
  be found and near-misses that must not (edges of windows, thresholds, equality, NULL or
  empty values, later submissions replacing earlier ones). They are repeated `copies`
  times with fresh companies and months. Each scenario states the lead it expects, with
  its tax at risk and evidence rows.

`generate()` writes one Parquet file per submission (`<out>/<dataset>/<id>.parquet`, with
`_submission_id` and `_source_row`, data rows numbered from 2 as below a header row) and
returns the files and the expected leads.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from gongzhi.core.codes import ID_CHECK_CHARS, ID_WEIGHTS, ORG_WEIGHTS, USCC_CHARSET, USCC_WEIGHTS
from gongzhi.core.periods import days_in_month, month_text, shift_month
from gongzhi.taxrisk.engine.results import Evidence, Lead

SYNTHETIC_NOTE = (
    "合成数据（虚构）：由 gongzhi.demo.taxrisk_data 生成，仅供测试、演示与性能测试。\n"
    "企业名称、统一社会信用代码、身份证号、不动产单元号等均为编造（校验位有效），与任何真实主体无关。\n"
)
DISTRICT = "370306"  # 周村区 (GB/T 2260)

# Industries of the bulk, with a base revenue (yuan) per kWh.
BULK_INDUSTRIES = (
    ("C13", 6.0), ("C14", 7.5), ("C15", 9.0), ("C17", 4.0), ("C18", 12.0),
    ("C19", 10.0), ("C22", 3.5), ("C26", 2.5), ("C29", 5.0), ("C30", 2.0),
    ("C33", 6.5), ("C34", 8.0), ("C38", 11.0), ("E47", 30.0), ("E48", 25.0),
    ("F51", 40.0), ("F52", 35.0), ("G54", 15.0), ("H61", 20.0), ("H62", 18.0),
)  # fmt: skip
# Industries only R06 scenario groups use: each (industry, month) holds one group.
R06_INDUSTRIES = (
    "C20", "C21", "C23", "C24", "C25", "C27", "C28", "C31", "C32", "C35",
    "C36", "C37", "C39", "C40", "C41", "C42", "C43", "A01", "A02", "A03",
)  # fmt: skip
SCENARIO_INDUSTRY = "L72"  # R01-R05, R09 scenario companies (no electricity)
ZERO_INDUSTRY = "O81"  # R08 scenario companies (all revenue zero: R06 never fires there)
TOWNS = (
    "丝绸路街道",
    "大街街道",
    "青年路街道",
    "永安街街道",
    "城北路街道",
    "北郊镇",
    "南郊镇",
    "王村镇",
    "萌水镇",
)
PROGRAMS = (
    ("技术改造补助（演示）", "区工业和信息化局"),
    ("稳岗补贴（演示）", "区人力资源和社会保障局"),
    ("科技创新奖励（演示）", "区科学技术局"),
    ("商贸流通补助（演示）", "区商务局"),
    ("纾困资金（演示）", "区财政局"),
)
USES = ("住宅", "商业", "办公", "工业", "其他")
SLOTS_PER_COPY = 100  # company numbers reserved for the scenarios of one copy
MAX_COPIES = 60  # 20 R06 industries x 12 months / 4 groups per copy
SNAPSHOT_EARLY, SNAPSHOT, UPDATE = "2024-06", "2024-12", "2025-01~update"

MONEY = pa.decimal128(18, 2)
SCHEMAS: dict[str, pa.Schema] = {
    "taxpayer": pa.schema(
        [
            ("uscc", pa.string()), ("name", pa.string()), ("industry_code", pa.string()),
            ("town", pa.string()), ("reg_date", pa.date32()), ("status", pa.string()),
            ("kind", pa.string()), ("credit_level", pa.string()), ("credit_year", pa.int64()),
        ]
    ),
    "tax_paid": pa.schema(
        [
            ("uscc", pa.string()), ("tax_type", pa.string()), ("period", pa.string()),
            ("amount", MONEY), ("paid_date", pa.date32()),
        ]
    ),
    "declaration": pa.schema(
        [("uscc", pa.string()), ("period", pa.string()), ("revenue", MONEY), ("zero_declared", pa.bool_())]
    ),
    "real_estate_tx": pa.schema(
        [
            ("unit_no", pa.string()), ("seller_uscc", pa.string()), ("seller_id", pa.string()),
            ("buyer_uscc", pa.string()), ("buyer_id", pa.string()), ("price", MONEY),
            ("unit_price", MONEY), ("area", MONEY), ("deal_date", pa.date32()), ("use", pa.string()),
        ]
    ),
    "construction_permit": pa.schema(
        [
            ("permit_no", pa.string()), ("project", pa.string()), ("owner_uscc", pa.string()),
            ("builder_uscc", pa.string()), ("contract_amount", MONEY), ("issue_date", pa.date32()),
            ("town", pa.string()),
        ]
    ),
    "land_supply": pa.schema(
        [
            ("parcel_no", pa.string()), ("buyer_uscc", pa.string()), ("area", MONEY),
            ("price", MONEY), ("contract_date", pa.date32()),
        ]
    ),
    "electricity": pa.schema([("uscc", pa.string()), ("period", pa.string()), ("kwh", MONEY)]),
    "lodging": pa.schema(
        [("uscc", pa.string()), ("period", pa.string()), ("room_nights", pa.int64()), ("avg_price", MONEY)]
    ),
    "subsidy": pa.schema(
        [
            ("uscc", pa.string()), ("program", pa.string()), ("amount", MONEY),
            ("pay_date", pa.date32()), ("paying_unit", pa.string()),
        ]
    ),
}  # fmt: skip
DUCK_TYPES = {
    pa.string(): "VARCHAR",
    pa.date32(): "DATE",
    pa.bool_(): "BOOLEAN",
    pa.int64(): "BIGINT",
    MONEY: "DECIMAL(18, 2)",
}


@dataclass
class SyntheticData:
    """What `generate` wrote: files per dataset, the leads expected, row counts."""

    root: Path
    datasets: dict[str, list[Path]]
    expected: list[Lead]
    rows: dict[str, int]
    copies: int

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


# ----------------------------------------------------------------------------- codes (check characters: core.codes)


def _codes_sql(count: int, offset: int) -> str:
    """SQL: (n, uscc) for n in [0, count): '91' + district + org code (GB 11714) + check."""
    org_sum = " + ".join(f"{w} * CAST(substr(o, {k + 1}, 1) AS INTEGER)" for k, w in enumerate(ORG_WEIGHTS))
    uscc_sum = " + ".join(
        f"(strpos('{USCC_CHARSET}', substr(s, {k + 1}, 1)) - 1) * {w}" for k, w in enumerate(USCC_WEIGHTS)
    )
    return f"""
        WITH a AS (
            SELECT range AS n, lpad(CAST((range * 7919 + {offset}) % 100000000 AS VARCHAR), 8, '0') AS o
            FROM range({count})
        ),
        b AS (
            SELECT n, '91{DISTRICT}' || o || CASE 11 - ({org_sum}) % 11
                WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE CAST(11 - ({org_sum}) % 11 AS VARCHAR) END AS s
            FROM a
        )
        SELECT n, s || substr('{USCC_CHARSET}', (31 - ({uscc_sum}) % 31) % 31 + 1, 1) AS uscc FROM b
    """


def _persons_sql(count: int, seed: int) -> str:
    """SQL: (p, id_no) for p in [0, count): made-up 居民身份证号 of the district, born 1960-1999."""
    id_sum = " + ".join(f"CAST(substr(s, {k + 1}, 1) AS INTEGER) * {w}" for k, w in enumerate(ID_WEIGHTS))
    return f"""
        WITH a AS (
            SELECT range AS p, '{DISTRICT}'
                || strftime(DATE '1960-01-01' + CAST(hash(range, 'birth', {seed}) % 14600 AS INTEGER), '%Y%m%d')
                || lpad(CAST(range % 1000 AS VARCHAR), 3, '0') AS s
            FROM range({count})
        )
        SELECT p, s || substr('{ID_CHECK_CHARS}', ({id_sum}) % 11 + 1, 1) AS id_no FROM a
    """


# ----------------------------------------------------------------------------- months and money


def _period(year: int, month: int, months: int = 0) -> str:
    return month_text(*shift_month(year, month, months))


def _day(year: int, month: int, months: int = 0, day: int = 1) -> dt.date:
    y, m = shift_month(year, month, months)
    return dt.date(y, m, min(day, days_in_month(y, m)))


def _last_day(year: int, month: int, months: int = 0) -> dt.date:
    return _day(year, month, months, 31)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)).scaleb(-2)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _quarter(date: dt.date) -> str:
    return f"{date.year}-Q{(date.month - 1) // 3 + 1}"


# ----------------------------------------------------------------------------- scenarios


@dataclass
class _Expect:
    rule: str
    uscc: str
    period: str
    tax: Decimal | None
    tags: list[str]
    amount: Decimal | None = None


@dataclass
class _Scenarios:
    """Scenario rows (with a tag each, for the evidence) and the leads they should give."""

    codes: Iterator[tuple[int, str]]
    persons: Iterator[str]
    name_width: int
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {d: [] for d in SCHEMAS})
    expected: list[_Expect] = field(default_factory=list)
    unit_seq: int = 0

    def add(self, dataset: str, file: str, **values: Any) -> str:
        tag = f"s{sum(len(r) for r in self.rows.values())}"
        unknown = set(values) - set(SCHEMAS[dataset].names)
        assert not unknown, unknown
        self.rows[dataset].append({**values, "_file": f"{dataset}:{file}", "_tag": tag})
        return tag

    def company(
        self,
        industry: str = SCENARIO_INDUSTRY,
        *,
        status: str = "正常",
        credit: tuple[str, int] = ("B", 2024),
        file: str | None = SNAPSHOT,
    ) -> tuple[str, str | None]:
        """A new company, registered in the taxpayer file `file` (None: not registered)."""
        n, uscc = next(self.codes)
        tag = None
        if file is not None:
            tag = self.taxpayer(n, uscc, industry, status=status, credit=credit, file=file)
        return uscc, tag

    def taxpayer(
        self, n: int, uscc: str, industry: str, *, status: str, credit: tuple[str, int], file: str
    ) -> str:
        return self.add(
            "taxpayer",
            file,
            uscc=uscc,
            name=f"演示企业{n + 1:0{self.name_width}d}有限公司（虚构）",
            industry_code=industry,
            town=TOWNS[n % len(TOWNS)],
            reg_date=dt.date(2010, 1, 1) + dt.timedelta(days=n % 4000),
            status=status,
            kind="一般纳税人",
            credit_level=credit[0],
            credit_year=credit[1],
        )

    def person(self) -> str:
        return next(self.persons)

    def unit_no(self) -> str:
        self.unit_seq += 1
        return f"{DISTRICT}900{self.unit_seq % 1000:03d}GB{self.unit_seq % 100000:05d}F9{self.unit_seq:07d}"

    def paid(self, uscc: str, tax_type: str, date: dt.date, amount: Decimal = Decimal("1000.00")) -> str:
        return self.add(
            "tax_paid",
            f"{date:%Y-%m}",
            uscc=uscc,
            tax_type=tax_type,
            period=_period(date.year, date.month, -1),
            amount=amount,
            paid_date=date,
        )

    def deal(
        self,
        date: dt.date,
        price: Decimal,
        *,
        seller: str | None = None,
        buyer: str | None = None,
        file: str | None = None,
        unit_no: str | None = None,
    ) -> str:
        area = Decimal("100.00")
        return self.add(
            "real_estate_tx",
            file or _quarter(date),
            unit_no=unit_no or self.unit_no(),
            seller_uscc=seller,
            seller_id=self.person() if not seller else None,
            buyer_uscc=buyer,
            buyer_id=self.person() if not buyer else None,
            price=price,
            unit_price=_cents(price / area),
            area=area,
            deal_date=date,
            use="商业",
        )

    def expect(
        self,
        rule: str,
        uscc: str,
        period: str,
        tax: Decimal | None,
        tags: list[str],
        amount: Decimal | None = None,
    ) -> None:
        tax, amount = (None if x is None else _cents(x) for x in (tax, amount))
        self.expected.append(_Expect(rule, uscc, period, tax, tags, amount))


def _r01(s: _Scenarios, y: int, m: int, rng: random.Random) -> None:
    rate, p = Decimal("0.05"), _period(y, m)
    # a: no payment at all -> lead
    a, _ = s.company()
    price = _money(rng, 500_000, 5_000_000)
    s.expect("R01", a, p, price * rate, [s.deal(_day(y, m, 0, 10), price, seller=a)])
    # b: 土地增值税 on the last day of month+3 -> no lead
    b, _ = s.company()
    s.deal(_day(y, m, 0, 12), _money(rng, 500_000, 5_000_000), seller=b)
    s.paid(b, "土地增值税", _last_day(y, m, 3))
    # c: 增值税 only on the first day of month+4 -> lead
    c, _ = s.company()
    price = _money(rng, 500_000, 5_000_000)
    s.expect("R01", c, p, price * rate, [s.deal(_day(y, m, 0, 14), price, seller=c)])
    s.paid(c, "增值税", _day(y, m, 4, 1))
    # d: an individual seller (no credit code) -> no lead; e: credit code '' -> no lead
    s.deal(_day(y, m, 0, 15), _money(rng, 500_000, 5_000_000))
    s.deal(_day(y, m, 0, 16), _money(rng, 500_000, 5_000_000), seller="")
    # f: two deals of one seller in the month -> one lead, tax summed, both rows
    f, _ = s.company()
    p1, p2 = _money(rng, 500_000, 5_000_000), _money(rng, 500_000, 5_000_000)
    tags = [s.deal(_day(y, m, 0, 3), p1, seller=f), s.deal(_last_day(y, m), p2, seller=f)]
    s.expect("R01", f, p, (p1 + p2) * rate, tags)
    # g: 增值税 paid in the month before only -> lead
    g, _ = s.company()
    price = _money(rng, 500_000, 5_000_000)
    s.expect("R01", g, p, price * rate, [s.deal(_day(y, m, 0, 1), price, seller=g)])
    s.paid(g, "增值税", _last_day(y, m, -1))
    # h: only 契税 paid in the month (the wrong tax) -> lead
    h, _ = s.company()
    price = _money(rng, 500_000, 5_000_000)
    s.expect("R01", h, p, price * rate, [s.deal(_day(y, m, 0, 20), price, seller=h)])
    s.paid(h, "契税", _day(y, m, 0, 25))
    # i: one deal reported again in a later submission -> counted once, the later row is evidence
    i, _ = s.company()
    price, date, unit = _money(rng, 500_000, 5_000_000), _day(y, m, 0, 21), s.unit_no()
    s.deal(date, price, seller=i, unit_no=unit)
    again = s.deal(date, price, seller=i, unit_no=unit, file=f"{_quarter(date)}~resubmitted")
    s.expect("R01", i, p, price * rate, [again])
    # j: 增值税 paid in the deal month -> no lead
    j, _ = s.company()
    s.deal(_day(y, m, 0, 22), _money(rng, 500_000, 5_000_000), seller=j)
    s.paid(j, "增值税", _day(y, m, 0, 1))


def _r02(s: _Scenarios, y: int, m: int, rng: random.Random) -> None:
    rate, p = Decimal("0.03"), _period(y, m)
    a, _ = s.company()  # no 契税 -> lead
    price = _money(rng, 300_000, 3_000_000)
    s.expect("R02", a, p, price * rate, [s.deal(_day(y, m, 0, 5), price, buyer=a)])
    b, _ = s.company()  # 契税 on the last day of month+3 -> no lead
    s.deal(_day(y, m, 0, 6), _money(rng, 300_000, 3_000_000), buyer=b)
    s.paid(b, "契税", _last_day(y, m, 3))
    c, _ = s.company()  # 契税 in month+4 -> lead
    price = _money(rng, 300_000, 3_000_000)
    s.expect("R02", c, p, price * rate, [s.deal(_day(y, m, 0, 7), price, buyer=c)])
    s.paid(c, "契税", _day(y, m, 4, 2))
    s.deal(_day(y, m, 0, 8), _money(rng, 300_000, 3_000_000))  # individual buyer -> no lead
    e, _ = s.company()  # 增值税 but no 契税 -> lead
    price = _money(rng, 300_000, 3_000_000)
    s.expect("R02", e, p, price * rate, [s.deal(_day(y, m, 0, 9), price, buyer=e)])
    s.paid(e, "增值税", _day(y, m, 0, 15))
    seller, _ = s.company()  # company to company: the seller paid 增值税, the buyer no 契税 -> R02 only
    buyer, _ = s.company()
    price = _money(rng, 300_000, 3_000_000)
    s.expect("R02", buyer, p, price * rate, [s.deal(_day(y, m, 0, 11), price, seller=seller, buyer=buyer)])
    s.paid(seller, "增值税", _day(y, m, 1, 10))


def _permit(s: _Scenarios, builder: str | None, date: dt.date, amount: Decimal) -> str:
    s.unit_seq += 1
    return s.add(
        "construction_permit",
        _quarter(date),
        permit_no=f"{DISTRICT}{date:%Y%m}S{s.unit_seq:06d}",
        project=f"演示工程{s.unit_seq}号（虚构）",
        owner_uscc=None,
        builder_uscc=builder,
        contract_amount=amount,
        issue_date=date,
        town=TOWNS[s.unit_seq % len(TOWNS)],
    )


def _r03_r04(s: _Scenarios, y: int, m: int, rng: random.Random) -> None:
    p, r3, r4 = _period(y, m), Decimal("0.01"), Decimal("0.03")
    # R03 a: builder not registered -> lead (permit only)
    a, _ = s.company(file=None)
    amount = _money(rng, 1_000_000, 50_000_000)
    s.expect("R03", a, p, amount * r3, [_permit(s, a, _day(y, m, 0, 3), amount)])
    # R03 b: builder 注销 -> lead, with the taxpayer row
    b, b_tag = s.company(status="注销")
    amount = _money(rng, 1_000_000, 50_000_000)
    s.expect("R03", b, p, amount * r3, [_permit(s, b, _day(y, m, 0, 4), amount), b_tag])
    # R03 c: builder 正常 paying 增值税 -> neither R03 nor R04
    c, _ = s.company()
    _permit(s, c, _day(y, m, 0, 5), _money(rng, 1_000_000, 50_000_000))
    s.paid(c, "增值税", _day(y, m, 2, 15))
    # R03 d: 注销 in the snapshot, 正常 again in a later submission, pays 增值税 -> no lead
    n_d, d = next(s.codes)
    s.taxpayer(n_d, d, SCENARIO_INDUSTRY, status="注销", credit=("B", 2024), file=SNAPSHOT)
    s.taxpayer(n_d, d, SCENARIO_INDUSTRY, status="正常", credit=("B", 2024), file=UPDATE)
    _permit(s, d, _day(y, m, 0, 6), _money(rng, 1_000_000, 50_000_000))
    s.paid(d, "增值税", _day(y, m, 11, 20))
    # R03 e: 正常 in the snapshot, 注销 in a later submission -> lead, the later row as evidence
    n_e, e = next(s.codes)
    s.taxpayer(n_e, e, SCENARIO_INDUSTRY, status="正常", credit=("B", 2024), file=SNAPSHOT)
    e_tag = s.taxpayer(n_e, e, SCENARIO_INDUSTRY, status="注销", credit=("B", 2024), file=UPDATE)
    amount = _money(rng, 1_000_000, 50_000_000)
    s.expect("R03", e, p, amount * r3, [_permit(s, e, _day(y, m, 0, 7), amount), e_tag])
    # R03 f: two permits of one unregistered builder in the month -> one lead, summed
    f, _ = s.company(file=None)
    a1, a2 = _money(rng, 1_000_000, 50_000_000), _money(rng, 1_000_000, 50_000_000)
    tags = [_permit(s, f, _day(y, m, 0, 8), a1), _permit(s, f, _last_day(y, m), a2)]
    s.expect("R03", f, p, (a1 + a2) * r3, tags)
    # a permit without builder code -> no lead
    _permit(s, None, _day(y, m, 0, 9), _money(rng, 1_000_000, 50_000_000))

    # R04 a: registered, no 增值税 at all -> lead
    a, _ = s.company()
    amount = _money(rng, 1_000_000, 50_000_000)
    s.expect("R04", a, p, amount * r4, [_permit(s, a, _day(y, m, 0, 10), amount)])
    # R04 b: 增值税 on the last day of month+11 -> no lead
    b, _ = s.company()
    _permit(s, b, _day(y, m, 0, 11), _money(rng, 1_000_000, 50_000_000))
    s.paid(b, "增值税", _last_day(y, m, 11))
    # R04 c: 增值税 only in month+12 -> lead
    c, _ = s.company()
    amount = _money(rng, 1_000_000, 50_000_000)
    s.expect("R04", c, p, amount * r4, [_permit(s, c, _day(y, m, 0, 12), amount)])
    s.paid(c, "增值税", _day(y, m, 12, 1))
    # R04 d: 非正常 is still registered -> lead
    d, _ = s.company(status="非正常", credit=("C", 2024))
    amount = _money(rng, 1_000_000, 50_000_000)
    s.expect("R04", d, p, amount * r4, [_permit(s, d, _day(y, m, 0, 13), amount)])
    # R04 e: two permits in the month -> one lead, summed
    e, _ = s.company()
    a1, a2 = _money(rng, 1_000_000, 50_000_000), _money(rng, 1_000_000, 50_000_000)
    tags = [_permit(s, e, _day(y, m, 0, 1), a1), _permit(s, e, _day(y, m, 0, 28), a2)]
    s.expect("R04", e, p, (a1 + a2) * r4, tags)
    # R04 f: only 企业所得税 paid -> lead
    f, _ = s.company()
    amount = _money(rng, 1_000_000, 50_000_000)
    s.expect("R04", f, p, amount * r4, [_permit(s, f, _day(y, m, 0, 14), amount)])
    s.paid(f, "企业所得税", _day(y, m, 1, 15))


def _r05(s: _Scenarios, y: int, m: int, rng: random.Random) -> None:
    rate, p = Decimal("0.03"), _period(y, m)

    def parcel(buyer: str | None, date: dt.date, price: Decimal) -> str:
        s.unit_seq += 1
        return s.add(
            "land_supply",
            f"{date.year}",
            parcel_no=f"{DISTRICT}{date:%Y}S{s.unit_seq:06d}",
            buyer_uscc=buyer,
            area=Decimal("5000.00"),
            price=price,
            contract_date=date,
        )

    a, _ = s.company()  # no 契税 -> lead
    price = _money(rng, 5_000_000, 90_000_000)
    s.expect("R05", a, p, price * rate, [parcel(a, _day(y, m, 0, 5), price)])
    b, _ = s.company()  # 契税 on the last day of month+3 -> no lead
    parcel(b, _day(y, m, 0, 6), _money(rng, 5_000_000, 90_000_000))
    s.paid(b, "契税", _last_day(y, m, 3))
    c, _ = s.company()  # 契税 in month+4 -> lead
    price = _money(rng, 5_000_000, 90_000_000)
    s.expect("R05", c, p, price * rate, [parcel(c, _day(y, m, 0, 7), price)])
    s.paid(c, "契税", _day(y, m, 4, 1))
    d, _ = s.company()  # 契税 in the month before only -> lead
    price = _money(rng, 5_000_000, 90_000_000)
    s.expect("R05", d, p, price * rate, [parcel(d, _day(y, m, 0, 8), price)])
    s.paid(d, "契税", _last_day(y, m, -1))
    parcel(None, _day(y, m, 0, 9), _money(rng, 5_000_000, 90_000_000))  # no buyer code -> no lead


def _r06_expected(
    members: list[tuple[str, Decimal, Decimal, list[str]]],
) -> list[tuple[str, Decimal, list[str]]]:
    """The R06 definition in plain Python (the oracle): (uscc, kwh, revenue, tags) -> leads."""
    if len(members) < 5:
        return []

    def ratio_e12(kwh: Decimal, revenue: Decimal) -> int:
        cents, units = int(revenue * 100), int(kwh * 10000)
        return 4 * 10**18 if cents >= units * 40000 else cents * 10**14 // units

    ranked = sorted(((ratio_e12(k, r), u, k, r, t) for u, k, r, t in members), key=lambda x: (x[0], x[1]))
    n = len(ranked)
    median_x2 = ranked[(n + 1) // 2 - 1][0] + ranked[(n + 2) // 2 - 1][0]
    leads = []
    with localcontext() as ctx:
        ctx.prec = 80
        for q, uscc, kwh, revenue, tags in ranked:
            if kwh > 10000 and Decimal(2 * q) < Decimal("0.30") * median_x2:
                gap = Decimal(median_x2) * kwh * Decimal("0.0000000000005") - revenue
                leads.append((uscc, _cents(gap * Decimal("0.13")), tags))
    return leads


def _r06(s: _Scenarios, groups: list[tuple[str, int]], rng: random.Random) -> None:
    def member(industry: str, y: int, m: int, kwh: str | Decimal, revenue: str | Decimal):
        uscc, _ = s.company(industry)
        kwh, revenue = Decimal(kwh), Decimal(revenue)
        d = s.add(
            "declaration",
            _period(y, m),
            uscc=uscc,
            period=_period(y, m),
            revenue=revenue,
            zero_declared=False,
        )
        e = s.add("electricity", _period(y, m), uscc=uscc, period=_period(y, m), kwh=kwh)
        return (uscc, kwh, revenue, [d, e])

    def expect(members, y, m):
        for uscc, tax, tags in _r06_expected(members):
            s.expect("R06", uscc, _period(y, m), tax, tags)

    # G1, an even count: median (9.5 + 10.5) / 2 = 10, the 30% line at 3.0
    industry, (y, m) = groups[0][0], (2024, groups[0][1])
    members = [
        member(industry, y, m, "10000", "5000.00"),  # 0.5 but kWh exactly 10,000 -> no
        member(industry, y, m, "50000", "50000.00"),  # 1.0 -> lead, (10 x 50000 - 50000) x 13%
        member(industry, y, m, "10001", "29002.90"),  # 2.9, kWh 10,001 -> lead
        member(industry, y, m, "20000", "60000.00"),  # 3.0 = exactly 30% -> no
        *(
            member(industry, y, m, "20000", Decimal(r) * 20000)
            for r in ("9.5", "10.5", "11", "12", "13", "14")
        ),
    ]
    assert [t for _, t, _ in _r06_expected(members)] == [Decimal("58500.00"), Decimal("9230.92")]
    expect(members, y, m)

    # not counted: a declaration without electricity, electricity without declaration, kWh 0
    def declared(uscc: str) -> None:
        s.add(
            "declaration",
            _period(y, m),
            uscc=uscc,
            period=_period(y, m),
            revenue=Decimal("10.00"),
            zero_declared=False,
        )

    other, _ = s.company(industry)
    declared(other)
    other, _ = s.company(industry)
    s.add("electricity", _period(y, m), uscc=other, period=_period(y, m), kwh=Decimal("90000.00"))
    other, _ = s.company(industry)
    declared(other)
    s.add("electricity", _period(y, m), uscc=other, period=_period(y, m), kwh=Decimal("0.00"))
    # G2, only 4 companies that month -> skipped, however low the ratio
    industry, (y, m) = groups[1][0], (2024, groups[1][1])
    for kwh, revenue in (
        ("20000", "200000.00"),
        ("20000", "220000.00"),
        ("20000", "240000.00"),
        ("100000", "10.00"),
    ):
        member(industry, y, m, kwh, revenue)
    # G3, an odd count: median 9, the line at 2.7
    industry, (y, m) = groups[2][0], (2024, groups[2][1])
    members = [member(industry, y, m, "20000", Decimal(r * 20000)) for r in (1, 8, 9, 10, 11)]
    assert [t for _, t, _ in _r06_expected(members)] == [Decimal("20800.00")]
    expect(members, y, m)
    # G4, untidy numbers: 6 ordinary companies and 2 far below
    industry, (y, m) = groups[3][0], (2024, groups[3][1])
    base = Decimal(rng.randint(500, 2000)) / 100
    members = []
    for low in (False,) * 6 + (True,) * 2:
        kwh = Decimal(rng.randint(1_000_001, 20_000_000)) / 100
        factor = Decimal(rng.randint(5, 20) if low else rng.randint(80, 125)) / 100
        members.append(member(industry, y, m, kwh, _cents(kwh * base * factor)))
    expect(members, y, m)


def _r07_r08(s: _Scenarios, y: int, m: int, rng: random.Random) -> None:
    p, rate = _period(y, m), Decimal("0.06")

    def stay(uscc: str, nights: int, price: str, months: int = 0) -> str:
        period = _period(y, m, months)
        return s.add(
            "lodging", period, uscc=uscc, period=period, room_nights=nights, avg_price=Decimal(price)
        )

    def declare(uscc: str, revenue: str, months: int = 0, zero: bool = False, file: str | None = None) -> str:
        period = _period(y, m, months)
        return s.add(
            "declaration",
            file or period,
            uscc=uscc,
            period=period,
            revenue=Decimal(revenue),
            zero_declared=zero,
        )

    def power(uscc: str, kwh: str, months: int = 0) -> str:
        period = _period(y, m, months)
        return s.add("electricity", period, uscc=uscc, period=period, kwh=Decimal(kwh))

    a, _ = s.company("H61")  # 30,000 against 10,000 declared -> lead on the gap
    s.expect("R07", a, p, Decimal(20000) * rate, [stay(a, 100, "300.00"), declare(a, "10000.00")])
    b, _ = s.company("H61")  # exactly 1.5 times -> no lead
    stay(b, 100, "300.00")
    declare(b, "20000.00")
    c, _ = s.company("H61")  # no declaration -> 0 declared -> lead
    s.expect("R07", c, p, Decimal(30000) * rate, [stay(c, 100, "300.00")])
    d, _ = s.company("H61")  # zero declaration with guests -> R07 and R08
    stay_d, zero_d = stay(d, 100, "300.00"), declare(d, "0.00", zero=True)
    s.expect("R07", d, p, Decimal(30000) * rate, [stay_d, zero_d])
    s.expect("R08", d, p, None, [zero_d, stay_d])
    e, _ = s.company("H61")  # no guests -> nothing
    stay(e, 0, "0.00")
    f, _ = s.company("H61")  # declared the month after only -> lead for the month
    s.expect("R07", f, p, Decimal(30000) * rate, [stay(f, 100, "300.00")])
    declare(f, "50000.00", months=1)
    g, _ = s.company("H61")  # declaration corrected upwards in a later submission -> no lead
    stay(g, 100, "300.00")
    declare(g, "10000.00")
    declare(g, "25000.00", file=f"{p}~correction")
    h, _ = s.company("H61")  # untidy numbers: 123 x 218.37 = 26,859.51 against 12,345.67
    tags = [stay(h, 123, "218.37"), declare(h, "12345.67")]
    s.expect("R07", h, p, (Decimal(123) * Decimal("218.37") - Decimal("12345.67")) * rate, tags)

    # R08 (companies of an industry where every revenue is zero, so R06 has nothing to say)
    a, _ = s.company(ZERO_INDUSTRY)  # 5,001 kWh -> lead
    s.expect("R08", a, p, None, [declare(a, "0.00", zero=True), power(a, "5001.00")])
    b, _ = s.company(ZERO_INDUSTRY)  # exactly 5,000 kWh -> no lead
    declare(b, "0.00", zero=True)
    power(b, "5000.00")
    c, _ = s.company(ZERO_INDUSTRY)  # one room night -> R08; and R07 on 150 yuan
    zero_c, stay_c = declare(c, "0.00", zero=True), stay(c, 1, "150.00")
    s.expect("R08", c, p, None, [zero_c, stay_c])
    s.expect("R07", c, p, Decimal(150) * rate, [stay_c, zero_c])
    d, _ = s.company(ZERO_INDUSTRY)  # no guests, 100 kWh -> no lead
    declare(d, "0.00", zero=True)
    stay(d, 0, "0.00")
    power(d, "100.00")
    e, _ = s.company(ZERO_INDUSTRY)  # not a zero declaration -> no lead
    declare(e, "0.00")
    power(e, "100000.00")
    f, _ = s.company(ZERO_INDUSTRY)  # power in another month -> no lead
    declare(f, "0.00", zero=True)
    power(f, "6000.00", months=1)
    g, _ = s.company(ZERO_INDUSTRY)  # both signs -> one lead, three rows; and R07
    zero_g, power_g, stay_g = declare(g, "0.00", zero=True), power(g, "7000.50"), stay(g, 3, "100.00")
    s.expect("R08", g, p, None, [zero_g, power_g, stay_g])
    s.expect("R07", g, p, Decimal(300) * rate, [stay_g, zero_g])


def _r09(s: _Scenarios, y: int, m: int, rng: random.Random) -> None:
    def pay(uscc: str, date: dt.date, amount: Decimal) -> str:
        program, unit = PROGRAMS[s.unit_seq % len(PROGRAMS)]
        s.unit_seq += 1
        return s.add(
            "subsidy",
            f"{date:%Y-%m}",
            uscc=uscc,
            program=program,
            amount=amount,
            pay_date=date,
            paying_unit=unit,
        )

    p = _period(y, m)
    a, a_tag = s.company(credit=("D", 2024))  # D of 2024, two payments in the month -> one lead
    x1, x2 = _money(rng, 10_000, 500_000), _money(rng, 10_000, 500_000)
    s.expect("R09", a, p, None, [pay(a, _day(y, m, 0, 3), x1), pay(a, _day(y, m, 0, 20), x2), a_tag], x1 + x2)
    x3 = _money(rng, 10_000, 500_000)  # and one more the month after -> a second lead
    s.expect("R09", a, _period(y, m, 1), None, [pay(a, _day(y, m, 1, 5), x3), a_tag], x3)
    b, _ = s.company(credit=("D", 2023))  # D of 2023, paid in 2024 -> no lead
    pay(b, _day(y, m, 0, 4), _money(rng, 10_000, 500_000))
    c, c_tag = s.company(status="非正常", credit=("A", 2024))  # 非正常 -> lead whatever the rating
    x = _money(rng, 10_000, 500_000)
    s.expect("R09", c, p, None, [pay(c, _day(y, m, 0, 5), x), c_tag], x)
    d, _ = s.company(file=None)  # not registered -> no lead
    pay(d, _day(y, m, 0, 6), _money(rng, 10_000, 500_000))
    n_e, e = next(s.codes)  # 非正常 in the snapshot, 正常 in a later submission -> no lead
    s.taxpayer(n_e, e, SCENARIO_INDUSTRY, status="非正常", credit=("B", 2024), file=SNAPSHOT)
    s.taxpayer(n_e, e, SCENARIO_INDUSTRY, status="正常", credit=("B", 2024), file=UPDATE)
    pay(e, _day(y, m, 0, 7), _money(rng, 10_000, 500_000))
    f, _ = s.company(status="注销", credit=("C", 2024))  # 注销 is not 非正常 -> no lead
    pay(f, _day(y, m, 0, 8), _money(rng, 10_000, 500_000))


def _build_scenarios(s: _Scenarios, copies: int, seed: int) -> None:
    for k in range(copies):
        rng = random.Random(seed * 1000 + k)
        y, m = 2024, k % 8 + 1
        _r01(s, y, m, rng)
        _r02(s, y, m, rng)
        _r03_r04(s, y, m, rng)
        _r05(s, y, m, rng)
        groups = [(R06_INDUSTRIES[(4 * k + g) // 12], (4 * k + g) % 12 + 1) for g in range(4)]
        _r06(s, groups, rng)
        _r07_r08(s, y, m, rng)
        _r09(s, y, m, rng)


# ----------------------------------------------------------------------------- the bulk


def _companies_sql(bulk: int, seed: int) -> list[str]:
    """SQL statements: the helper macros and the bulk companies (`companies`, `active`)."""
    industries = "[" + ", ".join(f"'{c}'" for c, _ in BULK_INDUSTRIES) + "]"
    ratios = "[" + ", ".join(str(r) for _, r in BULK_INDUSTRIES) + "]"
    return [
        f"CREATE MACRO rnd(i, salt) AS (hash(i, salt, {seed}) % 1000000) / 1000000.0",
        f"CREATE MACRO pick(i, salt, k) AS CAST(hash(i, salt, {seed}) % k AS BIGINT)",
        "CREATE MACRO month_start(mi) AS make_date(CAST(2024 + mi // 12 AS BIGINT), CAST(mi % 12 + 1 AS BIGINT), 1)",
        f"""CREATE TABLE companies AS
            SELECT c.n, codes.uscc, cls, industry_code, base_ratio
            FROM (
                SELECT range AS n,
                    CASE WHEN pick(range, 'cls', 100) < 80 THEN 'active'
                         WHEN pick(range, 'cls', 100) < 94 THEN 'dormant'
                         WHEN pick(range, 'cls', 100) < 97 THEN 'abnormal' ELSE 'closed' END AS cls,
                    list_extract({industries}, pick(range, 'ind', 20) + 1) AS industry_code,
                    list_extract({ratios}, pick(range, 'ind', 20) + 1) AS base_ratio
                FROM range({bulk})
            ) AS c JOIN codes USING (n)""",
        """CREATE TABLE active AS
            SELECT row_number() OVER (ORDER BY n) - 1 AS k, n, uscc FROM companies WHERE cls = 'active'""",
    ]


def _bulk_sql(bulk: int, seed: int, width: int, active: int) -> list[str]:
    """SQL statements filling the dataset tables with the well-behaved bulk (after `_companies_sql`);
    `active`: the number of active companies (picked from by number)."""
    towns = "[" + ", ".join(f"'{t}'" for t in TOWNS) + "]"
    uses = "[" + ", ".join(f"'{u}'" for u in USES) + "]"
    programs = "[" + ", ".join(f"'{p}'" for p, _ in PROGRAMS) + "]"
    payers = "[" + ", ".join(f"'{u}'" for _, u in PROGRAMS) + "]"
    deals, permits, parcels, grants = bulk // 4, bulk // 20, bulk // 100, bulk // 5
    return [
        # the taxpayer registry: an early snapshot (all rated B) and the year-end one
        f"""INSERT INTO taxpayer BY NAME
            SELECT uscc, '演示企业' || lpad(CAST(n + 1 AS VARCHAR), {width}, '0') || '有限公司（虚构）' AS name,
                industry_code, list_extract({towns}, pick(n, 'town', {len(TOWNS)}) + 1) AS town,
                DATE '2000-01-01' + CAST(pick(n, 'reg', 8000) AS INTEGER) AS reg_date,
                CASE cls WHEN 'abnormal' THEN '非正常' WHEN 'closed' THEN '注销' ELSE '正常' END AS status,
                CASE WHEN pick(n, 'kind', 3) = 0 THEN '小规模纳税人' ELSE '一般纳税人' END AS kind,
                CASE WHEN snap = 0 THEN 'B' ELSE list_extract(['A', 'B', 'B', 'M', 'C', 'D'], pick(n, 'credit', 6) + 1)
                END AS credit_level,
                2023 AS credit_year,
                'taxpayer:' || CASE WHEN snap = 0 THEN '{SNAPSHOT_EARLY}' ELSE '{SNAPSHOT}' END AS _file,
                n AS _ord
            FROM companies, range(2) AS s(snap)""",
        # monthly activity of 2024
        """CREATE TABLE activity AS
            SELECT c.n, c.uscc, c.cls, c.industry_code, mi,
                strftime(month_start(mi), '%Y-%m') AS period,
                CAST(round(12000 + rnd(c.n * 100 + mi, 'kwh') * 300000, 2) AS DECIMAL(18, 2)) AS kwh,
                c.base_ratio * (0.8 + 0.45 * rnd(c.n * 100 + mi, 'factor')) AS ratio,
                pick(c.n * 100 + mi, 'dormant_kwh', 5001) AS dormant_kwh,
                100 + pick(c.n * 100 + mi, 'nights', 1900) AS nights,
                0.5 + 0.7 * rnd(c.n * 100 + mi, 'lodging') AS lodging_share
            FROM companies AS c, range(12) AS m(mi)
            WHERE c.cls IN ('active', 'dormant')""",
        """INSERT INTO declaration BY NAME
            SELECT uscc, period,
                CASE WHEN cls = 'active' THEN CAST(round(CAST(kwh AS DOUBLE) * ratio, 2) AS DECIMAL(18, 2))
                     ELSE CAST(0 AS DECIMAL(18, 2)) END AS revenue,
                cls = 'dormant' AS zero_declared,
                'declaration:' || period AS _file, n * 100 + mi AS _ord
            FROM activity""",
        """INSERT INTO electricity BY NAME
            SELECT uscc, period,
                CASE WHEN cls = 'active' THEN kwh ELSE CAST(dormant_kwh AS DECIMAL(18, 2)) END AS kwh,
                'electricity:' || period AS _file, n * 100 + mi AS _ord
            FROM activity
            WHERE cls = 'active' OR pick(n, 'dormant_power', 2) = 0""",
        """INSERT INTO lodging BY NAME
            SELECT uscc, period, nights AS room_nights,
                CAST(round(round(CAST(kwh AS DOUBLE) * ratio, 2) * lodging_share / nights, 2) AS DECIMAL(18, 2))
                    AS avg_price,
                'lodging:' || period AS _file, n * 100 + mi AS _ord
            FROM activity
            WHERE cls = 'active' AND industry_code = 'H61'""",
        # payments: 增值税 monthly, 企业所得税 quarterly, 个人所得税 monthly for some, 2024-01 .. 2025-12
        """INSERT INTO tax_paid BY NAME
            SELECT uscc, tax_type, strftime(month_start(mi) - INTERVAL 1 MONTH, '%Y-%m') AS period,
                CAST(round(100 + rnd(n * 1000 + mi * 10 + t, 'amount') * 80000, 2) AS DECIMAL(18, 2)) AS amount,
                month_start(mi) + CAST(pick(n * 1000 + mi * 10 + t, 'day', 28) AS INTEGER) AS paid_date,
                'tax_paid:' || strftime(month_start(mi), '%Y-%m') AS _file,
                n * 1000 + mi * 10 + t AS _ord
            FROM (
                SELECT c.n, c.uscc, m.mi, t.t,
                    list_extract(['增值税', '企业所得税', '个人所得税'], t.t + 1) AS tax_type
                FROM companies AS c, range(24) AS m(mi), range(3) AS t(t)
                WHERE c.cls = 'active'
                  AND (t.t = 0 OR (t.t = 1 AND m.mi % 3 = 0 AND m.mi > 0)
                       OR (t.t = 2 AND pick(c.n, 'iit', 100) < 15))
            )""",
        # real estate: individuals or active companies; company buyers pay 契税 within 45 days
        f"""CREATE TABLE bulk_deals AS
            SELECT d,
                '{DISTRICT}' || lpad(CAST(pick(d, 'zone', 999) + 1 AS VARCHAR), 3, '0')
                    || lpad(CAST(pick(d, 'sub', 999) + 1 AS VARCHAR), 3, '0') || 'GB'
                    || lpad(CAST(d % 100000 AS VARCHAR), 5, '0') || 'F' || lpad(CAST(d AS VARCHAR), 8, '0') AS unit_no,
                CASE WHEN pick(d, 'seller_kind', 10) < 4 THEN s.uscc
                     WHEN pick(d, 'seller_kind', 10) = 9 THEN '' END AS seller_uscc,
                CASE WHEN pick(d, 'seller_kind', 10) >= 4 THEN ps.id_no END AS seller_id,
                CASE WHEN pick(d, 'buyer_kind', 10) < 3 THEN b.uscc END AS buyer_uscc,
                CASE WHEN pick(d, 'buyer_kind', 10) >= 3 THEN pb.id_no END AS buyer_id,
                CAST(round(50 + rnd(d, 'area') * 150, 2) AS DECIMAL(18, 2)) AS area,
                CAST(round(300000 + rnd(d, 'price') * 3000000, 2) AS DECIMAL(18, 2)) AS price,
                DATE '2024-01-01' + CAST(pick(d, 'deal_day', 366) AS INTEGER) AS deal_date,
                list_extract({uses}, pick(d, 'use', 5) + 1) AS use
            FROM range({deals}) AS r(d)
            JOIN active AS s ON s.k = pick(d, 'seller', {active})
            JOIN active AS b ON b.k = pick(d, 'buyer', {active})
            JOIN persons AS ps ON ps.p = 2 * d
            JOIN persons AS pb ON pb.p = 2 * d + 1""",
        """INSERT INTO real_estate_tx BY NAME
            SELECT unit_no, seller_uscc, seller_id, buyer_uscc, buyer_id, price,
                CAST(round(price / area, 2) AS DECIMAL(18, 2)) AS unit_price, area, deal_date, use,
                'real_estate_tx:' || year(deal_date) || '-Q' || quarter(deal_date) AS _file, d AS _ord
            FROM bulk_deals""",
        """INSERT INTO tax_paid BY NAME
            SELECT buyer_uscc AS uscc, '契税' AS tax_type, strftime(deal_date, '%Y-%m') AS period,
                CAST(round(price * 0.03, 2) AS DECIMAL(18, 2)) AS amount,
                deal_date + CAST(pick(d, 'deed_day', 46) AS INTEGER) AS paid_date,
                'tax_paid:' || strftime(deal_date + CAST(pick(d, 'deed_day', 46) AS INTEGER), '%Y-%m') AS _file,
                10000000000 + d AS _ord
            FROM bulk_deals WHERE buyer_uscc IS NOT NULL""",
        f"""INSERT INTO construction_permit BY NAME
            SELECT '{DISTRICT}2024' || lpad(CAST(i AS VARCHAR), 6, '0') AS permit_no,
                '演示工程' || (i + 1) || '号（虚构）' AS project,
                CASE WHEN pick(i, 'owner', 10) < 7 THEN o.uscc END AS owner_uscc,
                b.uscc AS builder_uscc,
                CAST(round(1000000 + rnd(i, 'contract') * 50000000, 2) AS DECIMAL(18, 2)) AS contract_amount,
                issue_date,
                list_extract({towns}, pick(i, 'ptown', {len(TOWNS)}) + 1) AS town,
                'construction_permit:2024-Q' || quarter(issue_date) AS _file, i AS _ord
            FROM (
                SELECT range AS i, DATE '2024-01-01' + CAST(pick(range, 'issue', 366) AS INTEGER) AS issue_date
                FROM range({permits})
            ) AS r
            JOIN active AS b ON b.k = pick(i, 'builder', {active})
            JOIN active AS o ON o.k = pick(i, 'powner', {active})""",
        f"""CREATE TABLE bulk_land AS
            SELECT i, b.uscc AS buyer_uscc,
                CAST(round(2000 + rnd(i, 'larea') * 50000, 2) AS DECIMAL(18, 2)) AS area,
                CAST(round(5000000 + rnd(i, 'lprice') * 90000000, 2) AS DECIMAL(18, 2)) AS price,
                DATE '2024-01-01' + CAST(pick(i, 'contract_day', 366) AS INTEGER) AS contract_date
            FROM range({parcels}) AS r(i)
            JOIN active AS b ON b.k = pick(i, 'land_buyer', {active})""",
        f"""INSERT INTO land_supply BY NAME
            SELECT '{DISTRICT}2024G' || lpad(CAST(i AS VARCHAR), 6, '0') AS parcel_no, buyer_uscc, area, price,
                contract_date, 'land_supply:2024' AS _file, i AS _ord
            FROM bulk_land""",
        """INSERT INTO tax_paid BY NAME
            SELECT buyer_uscc AS uscc, '契税' AS tax_type, strftime(contract_date, '%Y-%m') AS period,
                CAST(round(price * 0.03, 2) AS DECIMAL(18, 2)) AS amount,
                contract_date + CAST(pick(i, 'land_deed_day', 46) AS INTEGER) AS paid_date,
                'tax_paid:' || strftime(contract_date + CAST(pick(i, 'land_deed_day', 46) AS INTEGER), '%Y-%m')
                    AS _file,
                20000000000 + i AS _ord
            FROM bulk_land""",
        f"""INSERT INTO subsidy BY NAME
            SELECT a.uscc, list_extract({programs}, pick(i, 'program', {len(PROGRAMS)}) + 1) AS program,
                CAST(round(5000 + rnd(i, 'grant') * 500000, 2) AS DECIMAL(18, 2)) AS amount,
                pay_date,
                list_extract({payers}, pick(i, 'program', {len(PROGRAMS)}) + 1) AS paying_unit,
                'subsidy:' || strftime(pay_date, '%Y-%m') AS _file, i AS _ord
            FROM (
                SELECT range AS i, DATE '2024-01-01' + CAST(pick(range, 'pay_day', 366) AS INTEGER) AS pay_date
                FROM range({grants})
            ) AS r
            JOIN active AS a ON a.k = pick(i, 'grantee', {active})""",
    ]


# ----------------------------------------------------------------------------- generate


def generate(
    out_dir: Path | str, taxpayers: int = 100_000, seed: int = 20230810, *, copies: int | None = None
) -> SyntheticData:
    """Write synthetic data for about `taxpayers` companies (100,000 give about 5 million rows)
    under `out_dir`; return the files per dataset and the leads the rules must find.

    `copies`: how many times the scenarios are repeated (default: one per 2,000 taxpayers,
    at least 1, at most 60).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if copies is None:
        copies = max(1, min(MAX_COPIES, taxpayers // 2000))
    if not 1 <= copies <= MAX_COPIES:
        raise ValueError(f"copies must be within 1..{MAX_COPIES}")
    bulk = max(0, taxpayers - copies * SLOTS_PER_COPY)
    width = max(4, len(str(taxpayers)))
    persons_needed = 2 * (bulk // 4) + copies * 200
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"CREATE TABLE codes AS {_codes_sql(bulk + copies * SLOTS_PER_COPY, seed % 100_000_000)}")
        con.execute(f"CREATE TABLE persons AS {_persons_sql(persons_needed, seed)}")
        for name, schema in SCHEMAS.items():
            columns = ", ".join(f'"{f.name}" {DUCK_TYPES[f.type]}' for f in schema)
            con.execute(f'CREATE TABLE "{name}" ({columns}, _file VARCHAR, _ord BIGINT, _tag VARCHAR)')

        # scenarios first: their company numbers follow the bulk's
        scenario_codes = con.execute("SELECT n, uscc FROM codes WHERE n >= ? ORDER BY n", [bulk]).fetchall()
        scenario_persons = [
            r[0]
            for r in con.execute(
                "SELECT id_no FROM persons WHERE p >= ? ORDER BY p", [2 * (bulk // 4)]
            ).fetchall()
        ]
        scenarios = _Scenarios(
            codes=_slots(scenario_codes, copies), persons=iter(scenario_persons), name_width=width
        )
        _build_scenarios(scenarios, copies, seed)
        if bulk:
            for statement in _companies_sql(bulk, seed):
                con.execute(statement)
            active = con.execute("SELECT count(*) FROM active").fetchone()[0]
            for statement in _bulk_sql(bulk, seed, width, max(1, active)):
                con.execute(statement)
        for name, rows in scenarios.rows.items():
            if not rows:
                continue
            schema = (
                SCHEMAS[name].append(pa.field("_file", pa.string())).append(pa.field("_tag", pa.string()))
            )
            table = pa.Table.from_pylist([{**r} for r in rows], schema=schema)
            table = table.append_column("_ord", pa.array(range(10**13, 10**13 + len(rows)), pa.int64()))
            con.register("scenario_rows", table)
            con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM scenario_rows')
            con.unregister("scenario_rows")

        # provenance: one submission per file label, rows numbered from 2 in _ord order
        files: dict[str, list[Path]] = {}
        rows_written: dict[str, int] = {}
        tags: dict[str, Evidence] = {}
        submission = 0
        for name, schema in SCHEMAS.items():
            labels = [
                r[0] for r in con.execute(f'SELECT DISTINCT _file FROM "{name}" ORDER BY _file').fetchall()
            ]
            ids = {label: submission + i + 1 for i, label in enumerate(labels)}
            submission += len(labels)
            con.register("ids", pa.table({"_file": list(ids), "_submission_id": list(ids.values())}))
            con.execute(
                f"""CREATE TABLE "final_{name}" AS
                    SELECT t.*, ids._submission_id,
                        row_number() OVER (PARTITION BY t._file ORDER BY t._ord) + 1 AS _source_row
                    FROM "{name}" AS t JOIN ids USING (_file)"""
            )
            con.unregister("ids")
            (out / name).mkdir(exist_ok=True)
            files[name] = []
            columns = ", ".join(f'"{c}"' for c in (*schema.names, "_submission_id", "_source_row"))
            for label, sub in ids.items():
                table = con.sql(
                    f'SELECT {columns} FROM "final_{name}" WHERE _submission_id = $sub ORDER BY _source_row',
                    params={"sub": sub},
                ).to_arrow_table()
                table = table.replace_schema_metadata(
                    {"gongzhi.synthetic": "true", "gongzhi.submission_label": label}
                )
                path = out / name / f"{sub:05d}.parquet"
                pq.write_table(table, path, compression="zstd")
                files[name].append(path)
            rows_written[name] = con.execute(f'SELECT count(*) FROM "final_{name}"').fetchone()[0]
            for tag, sub, row in con.execute(
                f'SELECT _tag, _submission_id, _source_row FROM "final_{name}" WHERE _tag IS NOT NULL'
            ).fetchall():
                tags[tag] = Evidence(name, int(sub), int(row))
    finally:
        con.close()
    (out / "SYNTHETIC.txt").write_text(SYNTHETIC_NOTE, "utf-8")
    expected = [
        Lead(
            rule=e.rule,
            uscc=e.uscc,
            person=None,
            period=e.period,
            tax_at_risk=e.tax,
            amount=e.amount,
            evidence=tuple(sorted({tags[t] for t in e.tags})),
        )
        for e in scenarios.expected
    ]
    expected.sort(key=lambda lead: lead.key)
    return SyntheticData(root=out, datasets=files, expected=expected, rows=rows_written, copies=copies)


def _slots(codes: list[tuple[int, str]], copies: int) -> Iterator[tuple[int, str]]:
    """Scenario company numbers, at most SLOTS_PER_COPY per copy."""
    used = 0
    for n, uscc in codes:
        used += 1
        if used > copies * SLOTS_PER_COPY:
            break
        yield n, uscc
    raise RuntimeError("scenario company numbers exhausted: raise SLOTS_PER_COPY")
