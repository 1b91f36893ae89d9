"""A document with goals but no task through `gongzhi plan parse` and `gongzhi plan import`.

The parser returns such a document (an indicator table read as the plan's goals) instead of
refusing the file; the CLI shows it, the import refuses it with a Chinese message, and a file
with nothing at all still fails as before. Synthetic text (（测试）).
"""

import json

import pytest
from django.core.management import CommandError, call_command

from gongzhi.plans.models import PolicyDocument

pytestmark = pytest.mark.django_db

GOALS_ONLY = """某某区卫生事业发展规划主要指标（测试）
表1 “十四五”时期主要指标（测试）
序号\t指标名称\t单位\t2025年
1\t人均期望寿命\t岁\t82
2\t婴儿死亡率\t‰\t<4.5
"""


def test_parse_shows_a_document_with_targets_and_no_task(tmp_path, capsys):
    path = tmp_path / "goals.txt"
    path.write_text(GOALS_ONLY, encoding="utf-8")
    call_command("plan", "parse", str(path), "--json")
    (document,) = json.loads(capsys.readouterr().out)["documents"]
    assert document["tasks"] == []
    assert [(t["comparator"], t["value"], t["deadline_year"]) for t in document["targets"]] == [
        ("=", 82, 2025),
        ("<", 4.5, 2025),
    ]


def test_import_of_a_document_with_no_task_is_refused_in_chinese(tmp_path):
    path = tmp_path / "goals.txt"
    path.write_text(GOALS_ONLY, encoding="utf-8")
    before = PolicyDocument.objects.count()
    with pytest.raises(CommandError, match="没有可识别的任务"):
        call_command("plan", "import", str(path))
    assert PolicyDocument.objects.count() == before


def test_a_file_with_nothing_at_all_is_still_refused(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("某某区关于做好有关工作的通知（测试）\n请各单位认真执行。\n", encoding="utf-8")
    with pytest.raises(CommandError, match="未找到编号条目"):
        call_command("plan", "parse", str(path), "--json")
