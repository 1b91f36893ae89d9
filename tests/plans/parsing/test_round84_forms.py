"""Forms that round 84 read. All the snippets are synthetic (（测试）): the places, the units and the
figures are made up. Each form is written in two spellings or more so that a rule fitting one text
fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _targets(sentence: str):
    text = f"测试方案\n一、重点任务\n（一）推进测试工作。{sentence}（牵头单位：测试区民政局）\n（二）加强测试。\n"
    task = parse_text(text).documents[0].tasks[0]
    return [(t.comparator, t.value, t.unit, t.deadline_year) for t in task.targets]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("到2025年，测试农村自来水普及率98%。", [("=", 98, "%", 2025)]),
        (
            "力争2026年底，测试居家老人信息采集率100%、测试巡访率90%以上。",
            [("=", 100, "%", 2026), (">=", 90, "%", 2026)],
        ),
        ("2025年底前，测试托育机构备案率100%，开展测试巡查。", [("=", 100, "%", 2025)]),
    ],
)
def test_a_rate_after_a_goal_year_with_no_verb(sentence, expected):
    assert _targets(sentence) == expected


@pytest.mark.parametrize(
    "sentence", ["2020年，测试农村自来水普及率95%。", "到2025年，测试贷款利率4.35%不变。"]
)
def test_a_rate_of_a_year_reported_on_or_with_a_verb_after_is_not_read_so(sentence):
    assert not any(t[1] in (95, 4.35) and t[0] == "=" for t in _targets(sentence))


@pytest.mark.parametrize("mark", ["\ue010", "\uf0b7"])
def test_items_numbered_with_a_private_use_glyph(mark):
    lines = [
        "测试市实施方案",
        "一、重点任务",
        f"1{mark}突破测试关键技术。加强测试攻关。",
        f"2{mark}强化测试平台。建设测试平台。",
    ]
    lines += ["二、保障措施", "（一）加强组织领导。"]
    numbers = [t.number for t in parse_text("\n".join(lines)).documents[0].tasks]
    assert numbers[:2] == [f"1{mark}", f"2{mark}"]


@pytest.mark.parametrize(
    ("closing", "year"),
    [
        ("本政策措施自印发之日起施行，有效期至2025年12月31日。", 2025),
        ("本措施自2022年6月1日起实行，有效期至2023年12月31日止。", 2023),
    ],
)
def test_measures_in_force_until_a_year_date_their_goals(closing, year):
    lines = [
        "测试市若干政策措施",
        "一、支持测试创新",
        "（一）3年内建成测试孵化器8家。（责任单位：市测试科技局）",
    ]
    lines += ["（二）加强测试服务。（责任单位：市测试工信局）", closing]
    document = parse_text("\n".join(lines)).documents[0]
    assert [(t.value, t.deadline_year) for t in document.tasks[0].targets] == [(8, year)]


def test_the_validity_of_something_else_dates_nothing():
    lines = [
        "测试区工作方案",
        "一、重点任务",
        "（一）测试垃圾办结时限不超过3个工作日。（责任单位：区测试局）",
    ]
    lines += ["（二）中标有效期限自2024年1月1日起至2027年12月31日止。（责任单位：区测试办）"]
    document = parse_text("\n".join(lines)).documents[0]
    assert all(t.deadline_year is None for t in document.tasks[0].targets)


@pytest.mark.parametrize("first", ["新增测试承诺单位8000家，", "2023年新增测试承诺单位8000家，"])
def test_a_count_after_a_count_whose_name_holds_li_you(first):
    got = {
        (t.value, t.unit)
        for t in parse_text(
            f"测试方案\n一、重点任务\n（一）{first}线下无理由退货测试店3000家。（牵头单位：测试局）\n（二）加强测试。\n"
        )
        .documents[0]
        .tasks[0]
        .targets
    }
    assert (3000, "家") in got


@pytest.mark.parametrize("body", ["区测试工商联", "区测试残联"])
def test_a_unit_ending_in_lian_before_the_next_item_glued(body):
    filler = "深入推进测试行动，加快测试资源在城乡之间双向流动，引导测试商会和民营企业深度参与乡村建设。"
    text = (
        f"测试区若干措施 一、支持测试发展 1.支持测试深度参与乡村振兴。{filler}责任单位：区测试农业农村局，{body}"
        f"2.支持测试企业发展。{filler}责任单位：区测试经济发展局，{body}二、强化要素支持 "
        f"3.拓宽测试融资渠道。{filler}责任单位：区测试财政金融局 4.优化测试信贷服务。{filler}责任单位：区测试金融局"
    )
    tasks = parse_text(text).documents[0].tasks
    assert [t.number for t in tasks] == ["1.", "2.", "3.", "4."]
    assert tasks[0].responsible_units == ["区测试农业农村局", body]
    assert tasks[1].responsible_units == ["区测试经济发展局", body]


@pytest.mark.parametrize(
    "sentence", ["测试预付款比例原则上不低于40%、不高于70%。", "测试综合毛利率控制在不低于40%，不超过70%。"]
)
def test_a_floor_and_a_ceiling_side_by_side_are_a_range(sentence):
    text = f"测试方案\n一、重点任务\n（一）{sentence}（牵头单位：测试局）\n（二）加强测试。\n"
    task = parse_text(text).documents[0].tasks[0]
    assert [(t.comparator, t.value, t.value_max, t.unit) for t in task.targets] == [("range", 40, 70, "%")]


def test_a_floor_and_a_ceiling_of_two_measures_stay_apart():
    text = "测试方案\n一、重点任务\n（一）测试投资不低于10亿元，测试利润不超过2亿元。（牵头单位：测试局）\n（二）加强测试。\n"
    task = parse_text(text).documents[0].tasks[0]
    assert [(t.comparator, t.value) for t in task.targets] == [(">=", 10), ("<=", 2)]
