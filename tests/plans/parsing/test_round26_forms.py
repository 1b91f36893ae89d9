"""Forms that round 26 (the blind set r259–r268 of tests/corpus, after its one scoring) showed,
one small snippet each.

All the snippets are synthetic (（测试）): the places (某某区), the units and the figures are made
up. Each form is written in two spellings so that a rule fitting only one text fails. Expected
values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text


@pytest.mark.parametrize("bullet", ["▶", "●"])
def test_items_marked_by_a_bullet_under_numbered_groups(bullet):
    text = (
        "某某区2025年民生“十心”实事（测试）\n"
        "01\n交通畅行“顺心”实事\n"
        f"{bullet}新增测试停车位800个\n{bullet}新增测试充电桩100个\n"
        "02\n幸福宜居“舒心”实事\n"
        f"{bullet}改造测试老旧小区20个\n"
    )
    (document,) = parse_text(text).documents
    assert [(t.text.lstrip(bullet)[:6], [(g.value, g.unit) for g in t.targets]) for t in document.tasks] == [
        ("新增测试停车", [(800, "个")]),
        ("新增测试充电", [(100, "个")]),
        ("改造测试老旧", [(20, "个")]),
    ]


@pytest.mark.parametrize("deeds", ["10件为民实事", "十件惠民实事"])
def test_the_year_of_a_list_of_deeds_for_the_people(deeds):
    text = (
        f"民之所望（测试）。2025年某某新区将着力办好{deeds}，涵盖多个领域。\n"
        "1.建成测试中学。新增学位2700个。\n2.新建测试中心1个。\n"
    )
    (document,) = parse_text(text).documents
    assert [(g.value, g.deadline_year) for t in document.tasks for g in t.targets] == [
        (2700, 2025),
        (1, 2025),
    ]
