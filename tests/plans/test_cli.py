"""The command-line contracts: `gongzhi plan parse FILE --json` and `gongzhi plan import FILE`.

Uses the demo data set: imports of the reference file and of documents naming 周村区's units run
against the demo's plans and unit registry (end to end).
"""

import json

import pytest
from django.core.management import CommandError, call_command

from gongzhi.org.models import Unit
from gongzhi.plans.models import PolicyDocument

pytestmark = pytest.mark.django_db

DOC_KEYS = {"title", "notice_title", "doc_number", "issuer", "date", "tasks", "groups"}
TASK_KEYS = {
    "number",
    "path",
    "title",
    "text",
    "lead_units",
    "responsible_units",
    "cooperating_units",
    "open_ended",
    "targets",
    "milestones",
}
TARGET_KEYS = {"indicator", "comparator", "value", "value_max", "unit", "deadline_year", "per", "text"}
COMPARATORS = {">=", ">", "=", "<=", "<", "range", "decrease_by", "increase_by"}


def test_parse_json_has_the_contract_shape_and_stores_nothing(tmp_path, capsys, reference_bytes):
    path = tmp_path / "reference.txt"
    path.write_bytes(reference_bytes)
    before = PolicyDocument.objects.count()
    call_command("plan", "parse", str(path), "--json")
    out = json.loads(capsys.readouterr().out)
    assert PolicyDocument.objects.count() == before
    docs = out["documents"]
    assert [d["doc_number"] for d in docs] == ["周政办字〔2023〕8号", "周政办字〔2023〕10号"]
    assert [len(d["tasks"]) for d in docs] == [41, 6]
    assert docs[0]["date"] == "2023-03-28" and docs[0]["issuer"] == "周村区人民政府办公室"
    for doc in docs:
        assert DOC_KEYS <= doc.keys()
        for task in doc["tasks"]:
            assert TASK_KEYS <= task.keys() and isinstance(task["path"], list)
            for target in task["targets"]:
                assert TARGET_KEYS <= target.keys() and target["comparator"] in COMPARATORS
                assert isinstance(target["value"], int | float)
            for milestone in task["milestones"]:
                assert {"text", "deadline_year"} <= milestone.keys()
        for group in doc["groups"]:
            assert {"name", "office_unit", "office_director", "members"} <= group.keys()
    t5 = docs[0]["tasks"][4]
    assert t5["number"] == "（5）" and t5["lead_units"] == ["区卫生健康局"]
    target = t5["targets"][0]
    assert {k: target[k] for k in TARGET_KEYS - {"text"}} == {
        "indicator": "每千人口3岁以下婴幼儿托位数",
        "comparator": ">=",
        "value": 4.5,
        "value_max": None,
        "unit": "个",
        "deadline_year": 2025,
        "per": None,
    }
    group = docs[1]["groups"][0]
    assert len(group["members"]) == 32 and group["office_director"] == "吴振峰"


def test_parse_bad_file_is_a_clear_chinese_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match=r"empty\.txt"):
        call_command("plan", "parse", str(empty), "--json")
    with pytest.raises(CommandError, match=r"文件不存在"):
        call_command("plan", "parse", str(tmp_path / "missing.txt"))


def test_import_is_idempotent_for_the_same_file(demo, tmp_path, capsys, reference_bytes):
    # the demo already imported the reference: importing it again changes nothing
    path = tmp_path / "reference.txt"
    path.write_bytes(reference_bytes)
    revisions = list(PolicyDocument.objects.values_list("revision", flat=True))
    call_command("plan", "import", str(path))
    assert "文件未变化" in capsys.readouterr().out
    assert list(PolicyDocument.objects.values_list("revision", flat=True)) == revisions


SYNTHETIC = """示例县人民政府办公室
关于印发示例县全民健身行动方案的通知
示例政办发〔2024〕3号
各乡镇人民政府，县政府各部门：
现将《示例县全民健身行动方案》印发给你们，请认真贯彻执行。
示例县人民政府办公室
2024年5月6日
示例县全民健身行动方案（演示文件，内容虚构）
一、主要任务
（一）建设健身设施。到2025年，新建社区健身中心不少于3个。（牵头单位：示例县体育中心，责任单位：区财政局）
（二）举办全民健身赛事。每年至少举办2次县级赛事。（牵头单位：区教育和体育局）
"""


def test_import_stops_on_unknown_units_and_stores_nothing(tmp_path, capsys):
    path = tmp_path / "synthetic.txt"
    path.write_text(SYNTHETIC, encoding="utf-8")
    before = (PolicyDocument.objects.count(), Unit.objects.count())
    with pytest.raises(CommandError, match="--create-units"):
        call_command("plan", "import", str(path))
    assert "未知单位：示例县体育中心" in capsys.readouterr().err
    assert (PolicyDocument.objects.count(), Unit.objects.count()) == before


def test_import_with_create_units(tmp_path, capsys):
    path = tmp_path / "synthetic.txt"
    path.write_text(SYNTHETIC, encoding="utf-8")
    call_command("plan", "import", str(path), "--create-units")
    document = PolicyDocument.objects.get(doc_number="示例政办发〔2024〕3号")
    assert document.title == "示例县全民健身行动方案（演示文件，内容虚构）" or "全民健身" in document.title
    assert Unit.objects.filter(name="示例县体育中心").exists()
    first = document.nodes.tasks().order_by("order").first()
    assert {(r.role, r.unit.name) for r in first.responsibilities.all()} == {
        ("lead", "示例县体育中心"),
        ("responsible", "区财政局"),
    }
    assert first.targets.get().value == 3
