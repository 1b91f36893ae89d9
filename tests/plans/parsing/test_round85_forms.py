"""Forms that round 85 read, found on the blind set r893–r898 (a county's food-safety plan as one line,
a province's digital-government plan, a city's manufacturing subsidies). All the snippets are
synthetic (（测试）): the places, the units and the figures are made up. Each form is written in two
spellings or more so that a rule fitting one text fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


def _task(sentence: str):
    text = f"测试方案\n一、重点任务\n（一）{sentence}\n（二）加强测试。（测试省大数据局负责）\n"
    return parse_text(text).documents[0].tasks[0]


@pytest.mark.parametrize(
    ("clause", "responsible"),
    [
        ("（测试省大数据局、测试省公安厅分工负责，各有关部门配合）", ["测试省大数据局", "测试省公安厅"]),
        ("（测试省大数据局牵头，各有关部门分头落实）", ["各有关部门"]),
        ("（各有关部门、各市政府分工落实）", ["各有关部门", "各市政府"]),
    ],
)
def test_units_that_divide_the_work_between_them(clause, responsible):
    task = _task(f"推进测试电子印章系统建设，完成测试系统对接{clause}。")
    assert task.responsible_units == responsible
    assert not any(n.endswith(("分工", "分头")) for n in [*task.lead_units, *task.responsible_units])


@pytest.mark.parametrize(
    "sentence",
    [
        "对主营业务收入首次突破1000亿元、500亿元、100亿元的测试法人企业，分别给予1000万元、800万元、500万元的奖励。（测试市工信局负责）",
        "对年营业收入首次超过50亿元、20亿元和10亿元的测试企业，分别给予奖励。（测试市工信局负责）",
    ],
)
def test_a_list_of_sizes_before_the_bodies_they_sort_is_no_target(sentence):
    assert _task(sentence).targets == []


def _one_line(head: str, items: list[tuple[str, str, str]], filler: str) -> str:
    """A document run into one line: ``head``, then each (number, title, units) item with
    ``filler`` between its title and its units, apart by spaces (long enough to be cut)."""
    return " ".join([head, *(f"{mark}{title}。{filler}{units}" for mark, title, units in items)])


@pytest.mark.parametrize("marks", [("①", "②", "③"), ("⑤", "⑥", "⑦")])
def test_circled_items_run_into_one_line(marks):
    a, b, c = marks
    filler = (
        "加大测试专项监督检查，深入测试生产销售单位，严厉查处测试违法行为，公开曝光不合格测试产品及其生产经营单位，"
        "将违法情节严重的测试单位列入重点监控名单。"
    )
    items = [
        (a, "测试农药专项整治", "（责任单位：区测试农发局、综合执法局）"),
        (b, "测试兽药专项整治", "（责任单位：区测试农发局）"),
        (c, "测试水产品专项整治", "（责任单位：区测试海洋渔业局）"),
    ]
    text = _one_line("测试区放心工程实施方案 一、重点任务 （1）开展突出问题专项整治", items, filler)
    numbers = [t.number for t in parse_text(text).documents[0].tasks]
    assert numbers == [a, b, c]


@pytest.mark.parametrize(
    ("close_a", "close_b"),
    [
        ("责任单位：区测试交建局、各乡镇 ", "责任单位：区测试规划局"),
        ("（责任单位：区测试交建局、各乡镇）", "（区测试规划局负责）"),
    ],
)
def test_yishi_parts_each_closed_by_units_are_items(close_a, close_b):
    lines = [
        "测试区厕所革命实施方案",
        "二、主要任务",
        f"（一）合理规划测试公厕布局 一是全面开展测试公厕普查。建立测试一厕一档，完善测试台帐。{close_a}"
        f"二是科学规划测试公厕布局。明确测试公厕选址，做到一次性规划布点。{close_b}",
        "（二）全面提升测试公厕品质。规范测试公厕建设标准。（责任单位：区测试旅发委）",
    ]
    tasks = parse_text("\n".join(lines)).documents[0].tasks
    assert [t.number for t in tasks] == ["一是", "二是", "（二）"]
    assert tasks[1].units[0].name == "区测试规划局"


def test_yishi_parts_without_units_of_their_own_stay_in_their_item():
    lines = [
        "测试区实施方案",
        "二、主要任务",
        "（一）合理规划测试公厕布局。一是全面开展测试公厕普查。二是科学规划测试公厕布局。（责任单位：区测试交建局）",
        "（二）全面提升测试公厕品质。（责任单位：区测试旅发委）",
    ]
    assert [t.number for t in parse_text("\n".join(lines)).documents[0].tasks] == ["（一）", "（二）"]


@pytest.mark.parametrize("marks", [("⒈", "⒉", "⒊"), ("1.", "⒉", "3.")])
def test_items_numbered_with_a_digit_full_stop_character_run_into_one_line(marks):
    a, b, c = marks
    filler = (
        "配合开展测试海洋宣传教育，不断加强测试海洋保护教育，加强测试海洋文化基础设施建设，"
        "增强社会大众的测试海洋环境保护意识。"
    )
    items = [
        (a, "强化测试宣传教育", " 牵头单位：区测试农村发展局 参加单位：区测试宣传部，相关乡镇"),
        (b, "增强测试公众参与", " 牵头单位：区测试海洋渔业局 参加单位：各乡镇"),
        (c, "加强测试执法监督", " 牵头单位：区测试综合执法局"),
    ]
    text = _one_line("测试区减排分解方案 一、重点任务 （八）提高测试海洋环境保护意识", items, filler)
    tasks = parse_text(text).documents[0].tasks
    assert [t.number.rstrip(".") for t in tasks] == [m.rstrip(".") for m in marks]
    assert tasks[0].cooperating_units == ["区测试宣传部", "相关乡镇"]
