"""A rating whose level contradicts its score is accepted but flagged in the data-quality view."""

import datetime

import pytest

from gongzhi.core import clock
from gongzhi.exchange.selectors import quality_problems

pytestmark = pytest.mark.django_db


def test_the_quality_view_flags_a_level_that_contradicts_its_score(rated, client_for, users):
    first = rated["submissions"][0]["submission"]
    units = quality_problems(
        start=datetime.date(2016, 1, 1), end=datetime.date(2017, 12, 31), today=clock.today()
    )
    tax = next(q for q in units if q.unit.name == "区税务局")
    found = [f for f in tax.findings if f.kind == "content"]
    # 2016 has two current submissions (the file and the repaired row): shown under the latest
    assert [f.submission_id for f in found] == [rated["submissions"][2]["submission"]]
    assert "纳税信用评价结果2016年数据有1行内容自相矛盾" in found[0].text
    assert f"第{first}号报送第8行 {rated['codes'][6]}（2016年度）A级与得分65分不符" in found[0].text
    # the consistent 2017 file has no such finding
    assert rated["submissions"][1]["submission"] not in {f.submission_id for f in found}
