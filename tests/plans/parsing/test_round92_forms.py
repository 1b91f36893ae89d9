"""Forms that round 92 read, found on the long tail of the corpus and on the blind sets r939–r950.
All the snippets are synthetic (（测试）): the places, the units and the figures are made up. Each form
is written in two spellings or more so that a rule fitting one text fails; expected values follow
tests/corpus/README.md.
"""

from __future__ import annotations

import pytest
from built_files import sentence_figures


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "加快测试片区1#排洪渠、2#排洪渠工程和测试村测试溪4个小流域治理工作。",
            [(">=", 4, "个")],
        ),
        (
            "推进甲-乙、丙-丁、戊-己3个公路沿线绿化整治工作；推动测试一路、测试二路2条道路改造工作。",
            [(">=", 3, "个"), (">=", 2, "条")],
        ),
        # the things named and counted, but no work to build or put right after them
        ("推进测试一路、测试二路2条道路的命名。", []),
        ("加快甲镇、乙镇2个镇的宣传培训工作。", []),
    ],
)
def test_the_things_pushed_named_before_their_count_and_their_work(sentence, expected):
    assert sentence_figures(sentence) == expected
