"""Each rule on a handful of seeded rows (DuckDB): exactly who is flagged, and the near-misses
that are not."""

from __future__ import annotations


def deal(
    date: str, price: str, *, seller: str | None = None, buyer: str | None = None, unit: str = "U", **extra
):
    return {
        "unit_no": f"{unit}-{date}-{seller or buyer}",
        "seller_uscc": seller,
        "seller_id": None if seller else "370306199001011234",
        "buyer_uscc": buyer,
        "buyer_id": None if buyer else "370306198502023456",
        "price": price,
        "area": "100",
        "deal_date": date,
        **extra,
    }


def paid(uscc: str, tax_type: str, date: str, amount: str = "100.00"):
    return {"uscc": uscc, "tax_type": tax_type, "period": date[:7], "amount": amount, "paid_date": date}


def permit(no: str, builder: str | None, date: str, amount: str):
    return {
        "permit_no": no,
        "project": f"工程{no}",
        "builder_uscc": builder,
        "contract_amount": amount,
        "issue_date": date,
    }


def test_r01_company_seller_without_vat_or_land_vat(kit):
    # given: deals in March 2024 (window March..June)
    datasets = kit.seed(
        real_estate_tx=[
            deal("2024-03-15", "1000000.00", seller="A"),  # row 2: nothing paid -> lead
            deal("2024-03-10", "2000000.00", seller="B"),  # row 3: 土地增值税 on 06-30 -> no
            deal("2024-03-20", "3000000.00", seller="C"),  # row 4: 增值税 only on 07-01 -> lead
            deal("2024-03-21", "4000000.00"),  # row 5: individual seller -> no
            deal("2024-03-22", "5000000.00", seller=""),  # row 6: empty code -> no
            deal("2024-03-01", "100000.10", seller="D"),  # row 7 \ one seller, one month:
            deal("2024-03-31", "200000.20", seller="D"),  # row 8 / one lead, tax summed
            deal("2024-03-05", "600000.00", seller="E"),  # row 9: 增值税 in February only -> lead
            deal("2024-03-06", "700000.00", seller="F"),  # row 10: only 契税 paid -> lead
            deal("2024-03-07", "800000.00", seller="G"),  # row 11: 增值税 in the deal month -> no
        ],
        tax_paid=[
            paid("B", "土地增值税", "2024-06-30"),
            paid("C", "增值税", "2024-07-01"),
            paid("E", "增值税", "2024-02-29"),
            paid("F", "契税", "2024-03-20"),
            paid("G", "增值税", "2024-03-01"),
        ],
    )
    # when
    result = kit.run("R01", datasets)
    # then
    assert result.leads == [
        kit.lead("R01", "A", "2024-03", "50000.00", kit.ev("real_estate_tx", 2)),
        kit.lead("R01", "C", "2024-03", "150000.00", kit.ev("real_estate_tx", 4)),
        kit.lead("R01", "D", "2024-03", "15000.02", kit.ev("real_estate_tx", 7), kit.ev("real_estate_tx", 8)),
        kit.lead("R01", "E", "2024-03", "30000.00", kit.ev("real_estate_tx", 9)),
        kit.lead("R01", "F", "2024-03", "35000.00", kit.ev("real_estate_tx", 10)),
    ]


def test_r02_company_buyer_without_deed_tax(kit):
    datasets = kit.seed(
        real_estate_tx=[
            deal("2024-11-15", "1000000.00", buyer="A"),  # nothing paid -> lead
            deal("2024-11-16", "1000000.00", buyer="B"),  # 契税 on the last day of month+3 -> no
            deal("2024-11-17", "1000000.00", buyer="C"),  # 契税 in month+4 -> lead
            deal("2024-11-18", "1000000.00"),  # individual buyer -> no
            deal("2024-11-19", "1000000.00", buyer="E"),  # 增值税 is not 契税 -> lead
        ],
        tax_paid=[
            paid("B", "契税", "2025-02-28"),
            paid("C", "契税", "2025-03-01"),
            paid("E", "增值税", "2024-11-30"),
        ],
    )
    result = kit.run("R02", datasets)
    assert result.leads == [
        kit.lead("R02", "A", "2024-11", "30000.00", kit.ev("real_estate_tx", 2)),
        kit.lead("R02", "C", "2024-11", "30000.00", kit.ev("real_estate_tx", 4)),
        kit.lead("R02", "E", "2024-11", "30000.00", kit.ev("real_estate_tx", 6)),
    ]


def test_r03_builder_unregistered_or_deregistered(kit):
    datasets = kit.seed(
        construction_permit=[
            permit("P1", "OUT", "2024-05-06", "1000000.00"),  # not registered -> lead
            permit("P2", "GONE", "2024-05-07", "2000000.00"),  # 注销 -> lead, with its taxpayer row
            permit("P3", "OK", "2024-05-08", "3000000.00"),  # 正常 -> no
            permit("P4", "ODD", "2024-05-09", "4000000.00"),  # 非正常 is registered -> no
            permit("P5", None, "2024-05-10", "5000000.00"),  # no builder code -> no
            permit("P6", "BACK", "2024-05-11", "6000000.00"),  # 注销, then 正常 again later -> no
            permit("P7", "OUT", "2024-06-01", "7000000.00"),  # another month -> another lead
        ],
        taxpayer=[
            kit.company("GONE", status="注销"),  # row 2
            kit.company("OK"),
            kit.company("ODD", status="非正常"),
            kit.company("BACK", status="注销"),
            kit.company("BACK", status="正常", _submission_id=99),
        ],
    )
    result = kit.run("R03", datasets)
    assert result.leads == [
        kit.lead(
            "R03", "GONE", "2024-05", "20000.00", kit.ev("construction_permit", 3), kit.ev("taxpayer", 2)
        ),
        kit.lead("R03", "OUT", "2024-05", "10000.00", kit.ev("construction_permit", 2)),
        kit.lead("R03", "OUT", "2024-06", "70000.00", kit.ev("construction_permit", 8)),
    ]


def test_r04_registered_builder_without_vat_in_twelve_months(kit):
    datasets = kit.seed(
        construction_permit=[
            permit("P1", "A", "2024-02-10", "1000000.00"),  # no 增值税 -> lead
            permit("P2", "B", "2024-02-11", "1000000.00"),  # 增值税 on the last day of month+11 -> no
            permit("P3", "C", "2024-02-12", "1000000.00"),  # 增值税 in month+12 only -> lead
            permit("P4", "D", "2024-02-13", "1000000.00"),  # 非正常 counts as registered -> lead
            permit("P5", "X", "2024-02-14", "1000000.00"),  # not registered -> R03, not R04
            permit("P6", "Z", "2024-02-15", "1000000.00"),  # 注销 -> R03, not R04
            permit("P7", "A", "2024-02-28", "500000.00"),  # A's second permit of the month
        ],
        taxpayer=[
            kit.company("A"),
            kit.company("B"),
            kit.company("C"),
            kit.company("D", status="非正常"),
            kit.company("Z", status="注销"),
        ],
        tax_paid=[
            paid("B", "增值税", "2025-01-31"),
            paid("C", "增值税", "2025-02-01"),
            paid("A", "企业所得税", "2024-03-01"),
        ],
    )
    result = kit.run("R04", datasets)
    assert result.leads == [
        kit.lead(
            "R04",
            "A",
            "2024-02",
            "45000.00",
            kit.ev("construction_permit", 2),
            kit.ev("construction_permit", 8),
        ),
        kit.lead("R04", "C", "2024-02", "30000.00", kit.ev("construction_permit", 4)),
        kit.lead("R04", "D", "2024-02", "30000.00", kit.ev("construction_permit", 5)),
    ]


def test_r05_land_buyer_without_deed_tax(kit):
    def parcel(no: str, buyer: str | None, date: str, price: str):
        return {"parcel_no": no, "buyer_uscc": buyer, "area": "5000", "price": price, "contract_date": date}

    datasets = kit.seed(
        land_supply=[
            parcel("G1", "A", "2024-01-31", "10000000.00"),  # nothing -> lead
            parcel("G2", "B", "2024-01-05", "10000000.00"),  # 契税 on 04-30 -> no
            parcel("G3", "C", "2024-01-06", "10000000.00"),  # 契税 on 05-01 -> lead
            parcel("G4", "D", "2024-01-07", "10000000.00"),  # 契税 in December 2023 -> lead
            parcel("G5", "", "2024-01-08", "10000000.00"),  # empty code -> no
        ],
        tax_paid=[
            paid("B", "契税", "2024-04-30"),
            paid("C", "契税", "2024-05-01"),
            paid("D", "契税", "2023-12-31"),
        ],
    )
    result = kit.run("R05", datasets)
    assert result.leads == [
        kit.lead("R05", "A", "2024-01", "300000.00", kit.ev("land_supply", 2)),
        kit.lead("R05", "C", "2024-01", "300000.00", kit.ev("land_supply", 4)),
        kit.lead("R05", "D", "2024-01", "300000.00", kit.ev("land_supply", 5)),
    ]


def _r06_company(uscc: str, industry: str, kwh: str, revenue: str, period: str = "2024-04"):
    return (
        {"uscc": uscc, "name": f"演示企业{uscc}（虚构）", "industry_code": industry, "status": "正常"},
        {"uscc": uscc, "period": period, "revenue": revenue, "zero_declared": False},
        {"uscc": uscc, "period": period, "kwh": kwh},
    )


def test_r06_revenue_per_kwh_far_below_the_industry_median(kit):
    # industry C13 in April: ratios 0.5 1 2.9 3 9.5 10.5 11 12 13 14 -> median 10, line 3.0
    members = [
        _r06_company("C13-A", "C13", "10000", "5000.00"),  # 0.5 but kWh exactly 10,000 -> no
        _r06_company("C13-B", "C13", "50000", "50000.00"),  # 1.0 -> lead
        _r06_company("C13-C", "C13", "10001", "29002.90"),  # 2.9 -> lead
        _r06_company("C13-D", "C13", "20000", "60000.00"),  # exactly 30% -> no
        *(_r06_company(f"C13-{r}", "C13", "20000", f"{r * 20000:.2f}") for r in (9.5, 10.5, 11, 12, 13, 14)),
        # industry C14 has only 4 companies -> skipped
        *(_r06_company(f"C14-{r}", "C14", "20000", f"{r * 20000:.2f}") for r in (10, 11, 12)),
        _r06_company("C14-LOW", "C14", "100000", "10.00"),
        # industry C15, odd count: 1 8 9 10 11 -> median 9, line 2.7
        *(_r06_company(f"C15-{r}", "C15", "20000", f"{r * 20000:.2f}") for r in (1, 8, 9, 10, 11)),
    ]
    taxpayers, declarations, power = (list(x) for x in zip(*members, strict=True))
    # a declaration without electricity and electricity without declaration are not counted
    taxpayers += [kit.company("C13-NOPOWER", industry="C13"), kit.company("C13-NODECL", industry="C13")]
    declarations.append(
        {"uscc": "C13-NOPOWER", "period": "2024-04", "revenue": "1.00", "zero_declared": False}
    )
    power.append({"uscc": "C13-NODECL", "period": "2024-04", "kwh": "90000"})
    datasets = kit.seed(taxpayer=taxpayers, declaration=declarations, electricity=power)

    result = kit.run("R06", datasets)

    assert result.leads == [
        # (10 x 50,000 - 50,000) x 13%
        kit.lead("R06", "C13-B", "2024-04", "58500.00", kit.ev("declaration", 3), kit.ev("electricity", 3)),
        # (10 x 10,001 - 29,002.90) x 13% = 9,230.923
        kit.lead("R06", "C13-C", "2024-04", "9230.92", kit.ev("declaration", 4), kit.ev("electricity", 4)),
        # (9 x 20,000 - 20,000) x 13%
        kit.lead("R06", "C15-1", "2024-04", "20800.00", kit.ev("declaration", 16), kit.ev("electricity", 16)),
    ]


def test_r06_thresholds_are_parameters(kit):
    members = [_r06_company(f"C13-{r}", "C13", "20000", f"{r * 20000:.2f}") for r in (2, 9, 10, 11, 12)]
    taxpayers, declarations, power = (list(x) for x in zip(*members, strict=True))
    datasets = kit.seed(taxpayer=taxpayers, declaration=declarations, electricity=power)

    assert [x.uscc for x in kit.run("R06", datasets).leads] == ["C13-2"]
    stricter = {"R06": {"min_kwh": 20000}}
    assert kit.run("R06", datasets, params_override=stricter).leads == []
    fewer = {"R06": {"min_companies": 6}}
    assert kit.run("R06", datasets, params_override=fewer).leads == []


def test_r07_lodging_revenue_above_declared(kit):
    def stay(uscc: str, nights: int, price: str, period: str = "2024-07"):
        return {"uscc": uscc, "period": period, "room_nights": nights, "avg_price": price}

    def declared(uscc: str, revenue: str, period: str = "2024-07", **extra):
        return {
            "uscc": uscc,
            "period": period,
            "revenue": revenue,
            "zero_declared": revenue == "0.00",
            **extra,
        }

    datasets = kit.seed(
        lodging=[
            stay("A", 100, "300.00"),  # 30,000 vs 10,000 -> lead on 20,000
            stay("B", 100, "300.00"),  # exactly 1.5 x 20,000 -> no
            stay("C", 100, "300.00"),  # no declaration that month -> lead on 30,000
            stay("D", 0, "0.00"),  # no guests -> no
            stay("E", 123, "218.37"),  # 26,859.51 vs 12,345.67 -> lead
            stay("F", 100, "300.00"),  # declaration corrected later to 25,000 -> no
        ],
        declaration=[
            declared("A", "10000.00"),
            declared("B", "20000.00"),
            declared("C", "50000.00", period="2024-08"),
            declared("E", "12345.67"),
            declared("F", "10000.00"),
            declared("F", "25000.00", _submission_id=99),
        ],
    )
    result = kit.run("R07", datasets)
    assert result.leads == [
        kit.lead("R07", "A", "2024-07", "1200.00", kit.ev("lodging", 2), kit.ev("declaration", 2)),
        kit.lead("R07", "C", "2024-07", "1800.00", kit.ev("lodging", 4)),
        # (26,859.51 - 12,345.67) x 6% = 870.8304
        kit.lead("R07", "E", "2024-07", "870.83", kit.ev("lodging", 6), kit.ev("declaration", 5)),
    ]


def test_r08_zero_declaration_with_activity(kit):
    def zero(uscc: str, period: str = "2024-09", flag: bool | None = True):
        return {"uscc": uscc, "period": period, "revenue": "0.00", "zero_declared": flag}

    datasets = kit.seed(
        declaration=[
            zero("A"),
            zero("B"),
            zero("C"),
            zero("D"),
            zero("E", flag=False),
            zero("F"),
            zero("G", flag=None),
        ],
        electricity=[
            {"uscc": "A", "period": "2024-09", "kwh": "5000.01"},  # > 5,000 -> lead
            {"uscc": "B", "period": "2024-09", "kwh": "5000"},  # exactly 5,000 -> no
            {"uscc": "D", "period": "2024-09", "kwh": "100"},
            {"uscc": "E", "period": "2024-09", "kwh": "900000"},  # not a zero declaration -> no
            {"uscc": "F", "period": "2024-10", "kwh": "9000"},  # another month -> no
            {"uscc": "G", "period": "2024-09", "kwh": "9000"},  # zero flag unknown -> no
        ],
        lodging=[
            {"uscc": "C", "period": "2024-09", "room_nights": 1, "avg_price": "150"},  # guests -> lead
            {"uscc": "D", "period": "2024-09", "room_nights": 0, "avg_price": "0"},  # none -> no
        ],
    )
    result = kit.run("R08", datasets)
    assert result.leads == [
        kit.lead("R08", "A", "2024-09", None, kit.ev("declaration", 2), kit.ev("electricity", 2)),
        kit.lead("R08", "C", "2024-09", None, kit.ev("declaration", 4), kit.ev("lodging", 2)),
    ]


def test_r09_subsidy_to_a_d_rated_or_abnormal_taxpayer(kit):
    def grant(uscc: str, date: str, amount: str):
        return {
            "uscc": uscc,
            "program": "稳岗补贴",
            "amount": amount,
            "pay_date": date,
            "paying_unit": "区人社局",
        }

    datasets = kit.seed(
        taxpayer=[
            kit.company("D24", credit="D", year=2024),  # row 2
            kit.company("D23", credit="D", year=2023),  # row 3: D of another year
            kit.company("ABN", status="非正常", credit="A"),  # row 4
            kit.company("CLOSED", status="注销", credit="C"),  # row 5: 注销 is not 非正常
            kit.company("FIXED", status="非正常"),  # row 6 \ 非正常, then 正常
            kit.company("FIXED", status="正常", _submission_id=99),  # / in a later submission
        ],
        subsidy=[
            grant("D24", "2024-03-01", "10000.00"),  # \ one lead, amounts summed
            grant("D24", "2024-03-31", "2500.50"),  # /
            grant("D24", "2024-04-01", "1.00"),  # another month -> another lead
            grant("D23", "2024-03-05", "10000.00"),
            grant("ABN", "2024-03-06", "8000.00"),
            grant("CLOSED", "2024-03-07", "8000.00"),
            grant("FIXED", "2024-03-08", "8000.00"),
            grant("NOBODY", "2024-03-09", "8000.00"),  # not registered -> no
        ],
    )
    result = kit.run("R09", datasets)
    assert result.leads == [
        kit.lead(
            "R09", "ABN", "2024-03", None, kit.ev("subsidy", 6), kit.ev("taxpayer", 4), amount="8000.00"
        ),
        kit.lead(
            "R09",
            "D24",
            "2024-03",
            None,
            kit.ev("subsidy", 2),
            kit.ev("subsidy", 3),
            kit.ev("taxpayer", 2),
            amount="12500.50",
        ),
        kit.lead("R09", "D24", "2024-04", None, kit.ev("subsidy", 4), kit.ev("taxpayer", 2), amount="1.00"),
    ]
