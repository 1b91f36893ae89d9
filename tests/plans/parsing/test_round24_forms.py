"""Forms that round 24 (the blind set r239–r248 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the figures are made up. Each form is written in two
spellings so that a rule fitting only one text fails. Expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import first_task_targets

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize("space", ["", " "])
def test_items_numbered_by_section_and_item(space):
    text = (
        "2011年某某市测试重点工作任务及责任分解（测试）\n"
        f"4.6{space}扎实做好测试保健工作。住院分娩率达100%。（责任处室：测试处）\n"
        f"4.7{space}加强测试监督工作。（责任处室：监督处）\n"
        "5.1 推进测试改革。（责任处室：改革处）\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, t.responsible_units) for t in document.tasks] == [
        ("4.6", ["测试处"]),
        ("4.7", ["监督处"]),
        ("5.1", ["改革处"]),
    ]


@pytest.mark.parametrize("line", ["2.5万元用于测试。", "1.5倍以上的测试标准。"])
def test_a_decimal_number_opening_a_paragraph_is_no_item(line):
    text = f"某某市测试方案（测试）\n1.推进测试工作。（牵头单位：市甲局）\n{line}\n2.完善测试制度。（牵头单位：市乙局）\n"
    (document,) = parse_text(text).documents
    assert [t.number for t in document.tasks] == ["1.", "2."]


@pytest.mark.parametrize("name", ["“一支部三中心”", "“一村一名大学生”"])
def test_a_quoted_name_up_to_eight_characters_holds_no_target(name):
    assert first_task_targets(f"健全{name}测试组织体系，建成测试驿站5个。") == [(">=", 5, "个", 2020)]


@pytest.mark.parametrize(("per", "unit"), [("每百户", "平米"), ("每千人", "平方米")])
def test_a_level_per_hundred_households(per, unit):
    targets = first_task_targets(f"测试服务设施面积达到{per}30{unit}以上。")
    assert targets == [(">=", 30, unit, 2020)]


@pytest.mark.parametrize("field", ["发布时间:2024-01-18", "来源：测试区政府办"])
def test_a_sites_field_on_the_titles_line_is_not_the_title(field):
    text = f"2024年某某区政府为民办实事项目公布 {field}\n\n1.新增测试床位100张。\n2.新增测试充电桩400个。\n"
    (document,) = parse_text(text).documents
    assert document.title == "2024年某某区政府为民办实事项目公布"
