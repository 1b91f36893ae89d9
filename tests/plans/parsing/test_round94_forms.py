"""Forms that round 94 read, found on the blind sets r975–r986 (a provincial department's yearly
work plan whose sections end in a 责任处室 line, county plans of 平潭 run into one line). All the
snippets are synthetic (（测试）): the places, the units and the figures are made up. Each form is
written in two spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize(
    ("plan", "measures", "label", "deadline"),
    [
        ("（一）年度工作计划", "（二）具体工作措施", "责任处室", "完成时限：2026年12月底前\n"),
        ("（一）工作目标", "（二）主要措施", "责任单位", ""),
        ("（一）年度目标", "（二）推进措施", "牵头单位", "完成时间：2026年6月底前\n"),
    ],
)
def test_a_section_whose_facets_end_in_one_label_is_one_task(plan, measures, label, deadline):
    text = (
        "测试厅2026年度工作计划和措施清单\n"
        "一、开展测试调查工作\n"
        f"{plan}\n完成测试调查，完成6条测试河流确权登记。\n"
        f"{measures}\n"
        "1.选用测试作业队伍。通过公开招标选聘测试队伍。\n"
        "2.加强测试沟通联系。定期召开测试调度会议。\n"
        f"{label}：测试调查监测处\n{deadline}"
        "二、推进测试规划编制\n"
        f"{plan}\n加快编制测试规划。\n"
        f"{measures}\n"
        "1.优化测试功能区。\n"
        "2.完善测试规划成果。\n"
        f"{label}：测试规划处\n{deadline}"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("一、", ["测试调查监测处"]),
        ("二、", ["测试规划处"]),
    ]
    first = document.tasks[0]
    assert [(g.value, g.unit) for g in first.targets] == [(6, "条")]


def test_items_of_work_under_a_section_keep_their_own_labels():
    # (not facets: each measure is work, and each names its unit)
    text = (
        "测试厅2026年度工作计划\n"
        "一、开展测试调查工作\n"
        "（一）选用测试作业队伍\n通过公开招标选聘测试队伍。\n责任处室：测试调查监测处\n"
        "（二）加强测试沟通联系\n定期召开测试调度会议。\n责任处室：测试综合处\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.number, [u.name for u in t.units]) for t in document.tasks] == [
        ("（一）", ["测试调查监测处"]),
        ("（二）", ["测试综合处"]),
    ]


@pytest.mark.parametrize("verb", ["按分工负责", "按照分工负责"])
def test_units_each_doing_its_share(verb):
    text = (
        "测试气候投融资试点工作方案\n一、重点任务\n"
        f"1. 编制测试方案。指导测试地方编制试点方案。（测试部牵头，各相关部门{verb}）\n"
        f"2. 有序发展测试金融。推动测试金融产品开发。（测试部、测试银行、测试监管局{verb}）\n"
    )
    (document,) = parse_text(text).documents
    assert [[(u.name, u.role) for u in t.units] for t in document.tasks] == [
        [("测试部", "lead"), ("各相关部门", "responsible")],
        [("测试部", "responsible"), ("测试银行", "responsible"), ("测试监管局", "responsible")],
    ]
