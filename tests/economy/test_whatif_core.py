"""The what-if arithmetic (economy.whatif, pure) on a handful of hand-made rows; every expected
figure is worked out by hand in the comments."""

from decimal import Decimal as D

import pytest

from gongzhi.economy import whatif
from gongzhi.economy.whatif import Payer, WhatIfError, compute, parse_changes

PAYERS = {
    "A": Payer("C", "北郊镇", "小规模纳税人"),
    "B": Payer("C", "南郊镇", "一般纳税人"),
    "C": Payer("H", "北郊镇", "小规模纳税人"),
    # "D" pays but is not in the registry
}
PAID = [
    ("A", "2024-01", "增值税", D("1200.00")),
    ("A", "2024-02", "增值税", D("900.00")),
    ("A", "2024-01", "企业所得税", D("500.00")),
    ("A", "2023-12", "增值税", D("999.00")),  # before the base period
    ("B", "2024-01", "增值税", D("13000.00")),
    ("B", "2024-02", "增值税", D("6500.00")),
    ("C", "2024-01", "增值税", D("3000.00")),
    ("C", "2024-02", "增值税", D("100.00")),
    ("D", "2024-01", "增值税", D("1300.00")),
]
SALES = [
    ("A", "2024-01", D("120000.00"), False),  # in (10万, 15万]
    ("A", "2024-02", D("90000.00"), False),  # below the old threshold
    ("B", "2024-01", D("120000.00"), False),  # in the band, but 一般纳税人
    ("C", "2024-01", D("150000.00"), False),  # exactly the new threshold: 含本数, in the band
    ("C", "2024-02", D("150000.01"), False),  # above
    ("A", "2023-12", D("120000.00"), False),  # before the base period
]


def run(*changes, period=("2024-01", "2024-02")):
    return compute(
        changes=parse_changes(list(changes)),
        payers=PAYERS,
        declarations=SALES,
        paid=PAID,
        period_from=period[0],
        period_to=period[1],
    )


def by(rows, key="code"):
    return {r[key]: r for r in rows}


def test_raising_the_small_scale_threshold_loses_the_vat_of_the_months_in_between():
    result = run({"kind": "threshold", "old": "100000", "new": "150000"})
    # A 2024-01 (12万, VAT 1,200) and C 2024-01 (15万 含本数, VAT 3,000) become exempt
    assert result["total"]["effect"] == "-4200.00"
    assert result["total"]["taxpayers"] == 2
    industries = by(result["by_industry"])
    assert industries["C"]["effect"] == "-1200.00" and industries["C"]["name"] == "制造业"
    assert industries["H"]["effect"] == "-3000.00"
    towns = by(result["by_town"], "name")
    assert towns["北郊镇"]["effect"] == "-4200.00"
    assert towns["南郊镇"]["effect"] == "0.00"  # B is a general taxpayer
    assert result["by_change"][0]["rows"] == 2


def test_lowering_the_threshold_taxes_the_sales_in_between_at_the_levy_rate():
    result = run({"kind": "threshold", "old": "150000", "new": "100000", "levy_rate": "1"})
    # A 2024-01: 120,000 x 1% = 1,200; C 2024-01: 150,000 x 1% = 1,500
    assert result["total"]["effect"] == "2700.00"
    assert by(result["by_industry"])["H"]["effect"] == "1500.00"


def test_a_rate_cut_scales_what_was_paid_and_rounds_each_taxpayer_to_the_cent():
    result = run({"kind": "rate", "tax_type": "增值税", "old": "13", "new": "12"})
    # factor 12/13 - 1 = -1/13: A 2,100 -> -161.54; B 19,500 -> -1,500.00; C 3,100 -> -238.46;
    # D (unregistered) 1,300 -> -100.00
    assert result["total"]["effect"] == "-2000.00"
    industries = by(result["by_industry"])
    assert industries["C"]["effect"] == "-1661.54"
    assert industries["H"]["effect"] == "-238.46"
    assert industries[""]["effect"] == "-100.00" and industries[""]["name"] == "未登记行业"
    # the base is every tax paid in the period: 2,600 + 19,500 + 3,100 + 1,300
    assert result["total"]["base"] == "26500.00"
    assert result["total"]["after"] == "24500.00"
    assert result["total"]["ratio"] == "-7.55"  # -2,000 / 26,500
    # industries and towns add up to the total, to the cent
    assert sum(D(r["effect"]) for r in result["by_industry"]) == D("-2000.00")
    assert sum(D(r["effect"]) for r in result["by_town"]) == D("-2000.00")


def test_a_rate_change_limited_to_a_scope():
    result = run(
        {"kind": "rate", "tax_type": "增值税", "old": "13", "new": "12", "towns": "北郊镇", "sections": ["C"]}
    )
    assert result["total"]["effect"] == "-161.54"  # only A


def test_a_preference_exempts_one_industry_and_changes_add_up():
    exempt = {"kind": "preference", "tax_type": "增值税", "old": "3", "new": "0", "sections": ["H"]}
    assert run(exempt)["total"]["effect"] == "-3100.00"  # C's VAT of both months
    both = run(exempt, {"kind": "threshold", "old": "100000", "new": "150000"})
    assert both["total"]["effect"] == "-7300.00"  # -3,100 - 4,200: not chained (documented)
    assert [c["effect"] for c in both["by_change"]] == ["-3100.00", "-4200.00"]
    assert both["by_change"][0]["words"] == "住宿和餐饮业的增值税免征"


def test_zero_declaration_counts_as_no_sales():
    result = compute(
        changes=parse_changes([{"kind": "threshold", "old": "150000", "new": "100000", "levy_rate": "1"}]),
        payers=PAYERS,
        declarations=[("A", "2024-01", D("120000.00"), True)],
        paid=[],
        period_from="2024-01",
        period_to="2024-01",
    )
    assert result["total"]["effect"] == "0.00"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "rate", "tax_type": "增值税", "old": "0", "new": "12"}, "原税率应大于0%且不超过100%"),
        ({"kind": "rate", "tax_type": "增值税", "old": "13", "new": "120"}, "新税率应在0%到100%之间"),
        ({"kind": "rate", "tax_type": "增值税", "old": "13", "new": "abc"}, "新税率（%）应为数字"),
        ({"kind": "rate", "tax_type": "增值税", "old": "13", "new": "13"}, "新税率与原税率相同"),
        ({"kind": "rate", "old": "13", "new": "12"}, "请选择税种"),
        ({"kind": "threshold", "old": "100000", "new": "-5"}, "起征点应为正数"),
        ({"kind": "threshold", "old": "150000", "new": "100000"}, "请填写征收率"),
        ({"kind": "preference", "tax_type": "增值税", "old": "3", "new": "0"}, "须说明适用范围"),
        (
            {"kind": "rate", "tax_type": "增值税", "old": "13", "new": "12", "sections": ["Z"]},
            "不在国民经济行业分类",
        ),
        ({"kind": "bogus"}, "请选择政策变化类型"),
    ],
)
def test_bad_changes_are_refused_in_chinese(change, message):
    with pytest.raises(WhatIfError, match=message) as caught:
        parse_changes([change])
    assert str(caught.value).startswith("第1项政策变化：")


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (("", "2024-02"), "请填写基期"),
        (("2024-13", "2024-12"), "应为 YYYY-MM"),
        (("2024-03", "2024-02"), "不能晚于"),
    ],
)
def test_bad_periods_are_refused_in_chinese(period, message):
    with pytest.raises(WhatIfError, match=message):
        whatif.check_period(*period)


def test_no_change_is_refused():
    with pytest.raises(WhatIfError, match="请至少设置一项政策变化"):
        parse_changes([])


def test_changes_round_trip_through_json_and_read_in_words():
    (change,) = parse_changes(
        [{"kind": "threshold", "old": "100000", "new": "150000", "towns": "北郊镇、南郊镇"}]
    )
    assert parse_changes([change.as_dict()])[0] == change
    assert (
        change.words() == "小规模纳税人增值税月销售额起征点由100000元调整为150000元，适用范围：北郊镇、南郊镇"
    )
