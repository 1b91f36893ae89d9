"""Forms that round 77 read, found on the blind set r875–r880 (a county page crawled onto one line
whose bodies' duties follow the leading group office's numbered duties). All the snippets are
synthetic (（测试）): the places, the units and the figures are made up. Each form is written in two
spellings or more so that a rule fitting one text fails; expected values follow tests/corpus/README.md.
"""

from __future__ import annotations

import pytest

from gongzhi.plans.parsing import parse_text

BODIES = ["测试区交通局", "测试区经济发展局", "测试区财政局", "各测试片区管理局、各乡镇"]
DUTIES = [
    "负责测试设施建设的综合协调。",
    "会同测试区财政局研究测试投融资模式。",
    "负责落实测试资金。",
    "负责组织辖区内测试设施建设。",
]


def _section(label: str, joiner: str, office: list[str]) -> str:
    duties = [f"{body}：{duty}" for body, duty in zip(BODIES, DUTIES, strict=True)]
    parts = [
        "测试区测试设施建设两年行动计划实施方案",
        "一、工作目标至2026年底建成17座测试站。",
        "二、工作原则坚持统筹规划、分步实施，坚持政府主导、社会参与，坚持因地制宜、节约用地，"
        "按照测试设施配置合理化的原则，切实建立健全城乡统筹、结构合理、能力充足的测试处理体系。",
        "三、组织领导及各部门工作职责为加强测试工作的协调指导和监督，确保测试建设任务按时按质完成，"
        "决定成立测试工作领导小组，领导小组下设办公室。领导小组办公室具体负责：",
        *office[:-1],
        office[-1] + label,  # (the list's label run on after the office's last duty, as printed)
        *duties,
        "四、保障措施（一）加强领导。各单位要切实加强领导。（二）加强宣传。",
    ]
    return joiner.join(parts)


@pytest.mark.parametrize("joiner", ["\n", ""])
@pytest.mark.parametrize(
    ("label", "office"),
    [
        ("各相关部门工作职责：", ["1、测试方案的整体部署；", "2.及时解决测试中的问题；"]),
        ("各成员单位职责：", ["（1）测试方案的统筹协调；", "（2）定期通报测试进展；", "（3）组织测试督查；"]),
    ],
)
def test_the_bodies_duties_after_the_offices_numbered_duties_are_their_tasks(joiner, label, office):
    document = parse_text(_section(label, joiner, office)).documents[0]
    found = [([getattr(u, "name", u) for u in t.responsible_units], t.title) for t in document.tasks]
    assert [units for units, _ in found] == [
        ["测试区交通局"],
        ["测试区经济发展局"],
        ["测试区财政局"],
        ["各测试片区管理局", "各乡镇"],
    ]


def test_two_bodies_named_inside_an_item_are_no_list_of_duties():
    """Guard: an item of the duties section that names two offices in its text keeps them as its
    text (a list of bodies' duties has three at least)."""
    text = "\n".join(
        [
            "测试区农村公路路长制实施方案",
            "一、工作目标",
            "到2026年，测试公路优良率达到80%。",
            "二、组织体系及工作职责",
            "（一）设立测试路长办公室",
            "1.区级测试路长办公室设在区测试委。",
            "区级测试路长办公室：承担测试路长制的日常工作。",
            "镇级测试路长办公室：具体落实测试路长制。",
            "三、保障措施",
            "（一）加强测试考核。",
        ]
    )
    document = parse_text(text).documents[0]
    assert not any(t.title.startswith("区级测试路长办公室") for t in document.tasks)
    assert not any(t.title.startswith("镇级测试路长办公室") for t in document.tasks)
