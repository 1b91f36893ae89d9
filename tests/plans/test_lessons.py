"""The review learns: a correction made while reviewing one import is applied to the next one
(plans.lessons), and the review shows where to look first (plans.review).

The documents are synthetic (演示文件，内容虚构) and name units of the demo registry.
"""

import pytest

from gongzhi.core.models import AuditEntry
from gongzhi.plans import services
from gongzhi.plans.choices import ImportState, LessonKind
from gongzhi.plans.lessons import apply_lessons, pattern_of
from gongzhi.plans.models import ParseLesson, PlanImport
from gongzhi.plans.parsing import parse_text
from gongzhi.plans.review import check_document

pytestmark = pytest.mark.django_db

FIRST = """示例区营商服务提升方案（演示文件，内容虚构）
一、重点任务
（一）压减办事时限。服务企业时长压减至3日，企业开办全程网办率达到95%以上。（牵头单位：区卫生健康局）
（二）开展政策宣讲。举办政策宣讲活动每季度1场，筛查率保持在95%。（牵头单位：区人社局、示例临时专班）
"""

SECOND = """示例区托育服务优化方案（演示文件，内容虚构）
一、重点任务
（一）优化审批。托育机构备案时长压减至5日，举办政策宣讲活动每季度2场。（牵头单位：区卫生健康局）
（二）提升质量。托育机构筛查率保持在98%。（牵头单位：区妇联、示例临时专班）
"""


def _texts(task):
    return sorted(t["text"] for t in task["targets"])


def test_patterns_write_numbers_as_hash():
    assert pattern_of("最高奖励 500万元") == "最高奖励#万元"
    assert pattern_of("达到4.5个") == pattern_of("达到3．2个") == "达到#个"


def test_lessons_drop_fix_find_and_ignore_on_a_fresh_parse():
    payload = parse_text(SECOND).to_json()
    before = payload["documents"][0]["tasks"]
    assert all("托育机构备案时长压减至5日" not in _texts(t) for t in before)
    lessons = [
        {"id": 1, "kind": "not_target", "pattern": pattern_of("举办政策宣讲活动每季度1场")[2:], "fields": {}},
        {
            "id": 2,
            "kind": "target",
            "pattern": pattern_of("时长压减至3日"),
            "fields": {"indicator": "办理时长", "comparator": "<=", "unit": "日", "per": None, "value_at": 0},
        },
        {
            "id": 3,
            "kind": "target_fix",
            "pattern": pattern_of("托育机构筛查率保持在98%"),
            "fields": {"comparator": ">="},
        },
        {"id": 4, "kind": "not_unit", "pattern": pattern_of("示例临时专班"), "fields": {}},
    ]
    used = apply_lessons(payload, lessons)
    doc = payload["documents"][0]
    first, second = doc["tasks"]
    found = {t["text"]: t for t in first["targets"]}
    # a wording taught as a target is found with this document's number
    assert found["时长压减至5日"]["value"] == 5 and found["时长压减至5日"]["comparator"] == "<="
    assert found["时长压减至5日"]["unit"] == "日" and found["时长压减至5日"]["learned"] == 2
    # a fix changes the comparator of the same wording
    (screening,) = second["targets"]
    assert screening["comparator"] == ">=" and screening["value"] == 98 and screening["learned"] == 3
    assert doc["learned_not_units"] == ["示例临时专班"]
    assert used[2] == 1 and used[3] == 1 and used[4] == 1


def test_a_lesson_never_touches_a_different_wording():
    payload = parse_text(SECOND).to_json()
    untouched = parse_text(SECOND).to_json()
    apply_lessons(payload, [{"id": 9, "kind": "not_target", "pattern": "完全无关的写法#项", "fields": {}}])
    assert payload == untouched


def _review_import(office, content, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("plan.txt", content.encode("utf-8"), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        office.post("/plans/upload/", {"file": upload})
    plan_import = PlanImport.objects.latest("created_at")
    assert plan_import.state == ImportState.REVIEW
    return plan_import


def _target_post(task, target, values, op="save", source=""):
    data = {"prefix": "p", "op": op, "source": source}
    if target is not None:
        data["target"] = str(target)
    for key, value in values.items():
        data[f"p-{key}"] = "" if value is None else value
    if source:
        data["p-source"] = source
    return data


@pytest.fixture
def office(users, client_for):
    return client_for(users["plan_office"])


def test_corrections_in_one_review_are_used_on_the_next_import(
    office, users, django_capture_on_commit_callbacks
):
    first = _review_import(office, FIRST, django_capture_on_commit_callbacks)
    doc = first.result["documents"][0]
    task1, task2 = doc["tasks"]
    url = f"/plans/imports/{first.pk}/review/0/tasks/{{}}/targets/"

    # delete a frequency the clerk does not want as a target
    meeting = next(i for i, t in enumerate(task2["targets"]) if "每季度" in t["text"])
    office.post(url.format(1), _target_post(task2, meeting, task2["targets"][meeting], op="delete"))
    # fix the comparator of 保持在 (kept at least, not exactly)
    screening = next(
        i
        for i, t in enumerate(
            PlanImport.objects.get(pk=first.pk).result["documents"][0]["tasks"][1]["targets"]
        )
        if "筛查率" in t["text"]
    )
    values = {**PlanImport.objects.get(pk=first.pk).result["documents"][0]["tasks"][1]["targets"][screening]}
    office.post(
        url.format(1),
        _target_post(
            task2,
            screening,
            {k: values[k] for k in ("indicator", "value", "value_max", "unit", "deadline_year", "per")}
            | {"comparator": ">="},
        ),
    )
    # add a target the parser missed, from its phrase in the task's text
    new = {
        "indicator": "服务企业时长",
        "comparator": "<=",
        "value": "3",
        "value_max": "",
        "unit": "日",
        "deadline_year": "",
        "per": "",
    }
    response = office.post(url.format(0), _target_post(task1, None, new, op="add", source="时长压减至3日"))
    assert response.status_code == 302
    # a phrase that is not in the task is refused, in Chinese, and nothing is added
    bad = office.post(
        url.format(0), _target_post(task1, None, new, op="add", source="压减至9日以内"), follow=True
    )
    assert "不在任务原文中" in bad.content.decode()
    # ignore a name that is not a unit
    office.post(f"/plans/imports/{first.pk}/review/0/units/", {"name": "示例临时专班", "action": "ignore"})

    kinds = set(ParseLesson.objects.values_list("kind", flat=True))
    assert kinds == {LessonKind.NOT_TARGET, LessonKind.TARGET_FIX, LessonKind.TARGET, LessonKind.NOT_UNIT}
    assert AuditEntry.objects.filter(action="plan_lesson_learned").count() == 4
    first.refresh_from_db()
    added = [t for t in first.result["documents"][0]["tasks"][0]["targets"] if t["text"] == "时长压减至3日"]
    assert added and added[0]["span"] is not None

    # the next import: other numbers, same wordings
    second = _review_import(office, SECOND, django_capture_on_commit_callbacks)
    doc = second.result["documents"][0]
    t1, t2 = doc["tasks"]
    texts1 = _texts(t1)
    assert "时长压减至5日" in texts1  # found by the lesson, with this document's number
    assert not any("每季度" in text for text in texts1)  # dropped by the lesson
    (screening,) = t2["targets"]
    assert screening["comparator"] == ">=" and screening["value"] == 98
    assert second.decisions["示例临时专班"]["action"] == "ignore"

    review = office.get(f"/plans/imports/{second.pk}/review/0/")
    body = review.content.decode()
    assert "按以往审核经验" in body
    assert ParseLesson.objects.get(kind=LessonKind.TARGET).uses >= 1

    # the lessons page lists them, and a stopped lesson no longer applies
    page = office.get("/plans/lessons/")
    assert page.status_code == 200 and "时长压减至#日" in page.content.decode()
    lesson = ParseLesson.objects.get(kind=LessonKind.TARGET)
    office.post(f"/plans/lessons/{lesson.pk}/toggle/")
    lesson.refresh_from_db()
    assert not lesson.active
    third = services.plan_parse(data=SECOND.encode(), filename="again.txt")
    assert "时长压减至5日" not in _texts(third["documents"][0]["tasks"][0])


def test_the_review_shows_where_to_look_first(office, django_capture_on_commit_callbacks):
    content = FIRST + "（三）加强统筹协调。建立工作专班，定期会商，形成一批可复制经验10项。\n"
    plan_import = _review_import(office, content, django_capture_on_commit_callbacks)
    doc = plan_import.result["documents"][0]
    check = check_document(doc, {})
    assert 0 < check.confidence < 100
    worst = check.look_first[0]
    assert worst.reasons  # the reasons are in the reviewer's words
    review = office.get(f"/plans/imports/{plan_import.pk}/review/0/")
    body = review.content.decode()
    assert 'data-testid="doc-confidence"' in body and 'data-testid="look-first"' in body
    assert (
        review.context["check"].confidence
        == check_document(doc, {p["text"]: p for p in review.context["preview"]["proposals"]}).confidence
    )
