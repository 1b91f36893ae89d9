"""Codes in words (gongzhi.core.labels and the template filters over it), and the pages that use
them: targets and indicators, values with their unit, roles, job kinds, audit objects, industries,
field types, rule names, task numbers in brackets."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    LeadFactory,
    ReportingRoundFactory,
    TargetFactory,
    TaskFactory,
    TaskReportFactory,
    UserFactory,
)

from gongzhi.core import clock, jobs, labels
from gongzhi.core.audit import AuditAction, audit_record
from gongzhi.core.industries import DIVISIONS, SECTIONS, industry_name
from gongzhi.core.models import AuditEntry, JobRun
from gongzhi.core.roles import Role
from gongzhi.exchange.validation.spec import FIELD_TYPES, FieldSpec

# --- pure wording ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((">=", Decimal("4.5000"), None, "个", ""), "不低于4.5个"),
        (("<=", Decimal("30"), None, "%", ""), "不高于30%"),
        ((">", 90, None, "%", ""), "超过90%"),
        (("<", 5, None, "人", ""), "低于5人"),
        (("=", 1, None, "所", "镇（街道）"), "达到1所/镇（街道）"),
        (("range", 3, 5, "处", ""), "3–5处"),
        (("decrease_by", 1, None, "百分点", "年"), "每年下降1个百分点"),
        (("decrease_by", 1, None, "百分点", ""), "比基期下降1个百分点"),
        (("increase_by", Decimal("0.5"), None, "%", "年"), "每年提高0.5个百分点"),
        (("increase_by", 2, None, "个", "年"), "每年提高2个"),
        (("<", 7, None, "1/10万", ""), "低于7/10万"),  # a rate per 100,000, not "71/10万"
        (("range", 10, 12, "1/10万", ""), "10–12/10万"),
        ((">=", Decimal("1.93"), None, "万吨/日", ""), "不低于1.93万吨/日"),
        ((">=", Decimal("1.93"), None, "万吨", "日"), "不低于1.93万吨/日"),
        ((">=", 5050, None, "吨/日", "日"), "不低于5050吨/日"),  # a stored older reading: once
        ((">=", 12, None, "万吨/年", "年"), "不低于12万吨/年"),
    ],
)
def test_target_words(args, words):
    assert labels.target_words(*args) == words


def test_a_percentage_level_is_percent_and_its_change_is_percentage_points():
    assert labels.level_unit("百分点") == "%"
    assert labels.level_unit("个百分点") == "%"
    assert labels.level_unit("个") == "个"
    assert labels.change_unit("%") == "个百分点"
    assert labels.value_words(Decimal("48.3900"), "百分点") == "48.39%"
    assert labels.value_words(Decimal("83.3"), "%") == "83.3%"
    assert labels.value_words(5, "所") == "5所"
    assert labels.value_words(None, "%") == ""


@pytest.mark.parametrize(
    ("typed", "unit", "value"),
    [
        ("65", "%", Decimal("65")),
        ("65%", "%", Decimal("65")),
        ("65 %", "%", Decimal("65")),
        ("６５", "%", Decimal("65")),
        ("６５．５％", "%", Decimal("65.5")),
        ("1,234.5", "个", Decimal("1234.5")),
        ("1，234.5", "个", Decimal("1234.5")),
        ("5所", "所", Decimal("5")),
        ("48.39百分点", "百分点", Decimal("48.39")),
        ("-0.5", "个百分点", Decimal("-0.5")),
    ],
)
def test_values_as_people_type_them(typed, unit, value):
    assert labels.parse_value(typed, unit) == value


@pytest.mark.parametrize("typed", ["abc", "6 5 x", "1,23", "65%%", "5所", "", "--1", "1.2.3"])
def test_bad_values_are_refused_in_chinese(typed):
    with pytest.raises(ValueError, match=r"不是数字|请填写"):
        labels.parse_value(typed, "%")


def test_task_numbers_are_bracketed_once():
    assert labels.bracketed("（2）") == "（2）"
    assert labels.bracketed("(3)") == "(3)"
    assert labels.bracketed("2") == "（2）"
    assert labels.bracketed("") == ""


def test_roles_and_job_kinds_in_chinese():
    for role in Role:
        assert labels.role_label(role.value) == str(role.label)
    assert labels.role_label("system") == "系统"
    assert labels.job_kind_label("exchange.validate") == "数据校验"


def test_every_registered_job_kind_has_a_label():
    # the product's handlers (loaded when a job first needs them; tests register kinds of their own)
    product = [
        kind for kind, handler in jobs.job_kinds().items() if handler.__module__.startswith("gongzhi.")
    ]
    assert "exchange.validate" in product
    for kind in product:
        assert labels.job_kind_label(kind) != kind, f"job kind {kind} has no label in core.labels.JOB_KINDS"


def test_gbt_4754_industries():
    assert industry_name("L72") == "商务服务业"
    assert industry_name("H61") == "住宿业"
    assert industry_name("H6110") == "住宿业"
    assert industry_name("L") == "租赁和商务服务业"
    assert industry_name("X72") == ""  # the section letter does not match the division
    assert industry_name("99") == ""
    assert labels.industry_words("L72") == "L72 商务服务业"
    assert labels.industry_words("Z99") == "Z99"
    # every division belongs to a known section and all 97 are there
    assert len(DIVISIONS) == 97
    assert {section for section, _name in DIVISIONS.values()} == set(SECTIONS)


def test_field_types_in_chinese():
    assert FieldSpec(code="amount", name="金额", type="decimal").type_label == "数值"
    assert FieldSpec(code="kind", name="类别", type="enum").type_label == "枚举"
    assert set(FIELD_TYPES.values()) >= {"文本", "数值", "枚举", "日期"}


# --- pages ------------------------------------------------------------------------------------


def _text(response) -> str:
    return re.sub(r"<[^>]+>", " ", response.content.decode())


@pytest.mark.django_db
def test_indicator_pages_say_targets_in_words(client_for, users):
    # given a rate target written as 降低1个百分点 a year and a level target >= 55%
    rate = IndicatorFactory(
        kind="rate",
        direction="down",
        target=TargetFactory(comparator="decrease_by", value=Decimal(1), unit_of_measure="百分点", per="年"),
    )
    IndicatorValueFactory(indicator=rate, value=Decimal("48.39"))
    level = IndicatorFactory(
        plan=rate.plan, target=TargetFactory(comparator=">=", value=Decimal(55), unit_of_measure="%")
    )
    client = client_for(users["admin"])
    # when the office reads the indicator pages
    detail = _text(client.get(reverse("supervision:indicator_detail", args=[rate.pk])))
    listing = _text(client.get(reverse("supervision:indicator_list", args=[rate.plan.pk])))
    level_page = _text(client.get(reverse("supervision:indicator_detail", args=[level.pk])))
    # then the comparators are words and the level is a percentage
    assert "每年下降1个百分点" in detail
    assert "48.39%" in detail
    assert "decrease_by" not in detail and "48.39百分点" not in detail
    assert "不低于55%" in level_page and ">=" not in level_page
    assert "每年下降1个百分点" in listing and "decrease_by" not in listing


@pytest.mark.django_db
def test_plan_and_task_pages_say_targets_in_words(client_for, users):
    task = TaskFactory()
    TargetFactory(task=task, comparator="range", value=Decimal(3), value_max=Decimal(5), unit_of_measure="处")
    TargetFactory(task=task, comparator="decrease_by", value=Decimal(1), unit_of_measure="百分点", per="年")
    client = client_for(users["admin"])
    for url in (
        reverse("plans:task_detail", args=[task.pk]),
        reverse("plans:plan_detail", args=[task.document.pk]),
    ):
        text = _text(client.get(url))
        assert "3–5处" in text
        assert "每年下降1个百分点" in text
        assert "range" not in text and "decrease_by" not in text and "1百分点" not in text


@pytest.mark.django_db
def test_the_audit_log_names_roles_and_objects(client_for, users):
    # given an action on a user by an office user
    office = UserFactory(role=Role.PLAN_OFFICE)
    subject = UserFactory()
    audit_record(actor=office, action=AuditAction.USER_UPDATED, target=subject)
    # when the administrator reads the log filtered on that entry
    entry = AuditEntry.objects.filter(object_id=str(subject.pk), object_type="accounts.user").latest("seq")
    response = client_for(users["admin"]).get(reverse("core:audit_list"), {"user": office.username})
    text = _text(response)
    # then the role and the object are in words
    assert "牵头办公室" in text
    assert f"用户 {entry.object_repr}" in text
    assert "accounts.user#" not in text and "plan_office" not in text


@pytest.mark.django_db
def test_a_job_shows_its_kind_in_chinese(client_for, users):
    job = JobRun.objects.create(kind="exchange.validate", title="校验（测试）", created_by=users["admin"])
    text = _text(client_for(users["admin"]).get(reverse("core:job_detail", args=[job.pk])))
    assert "数据校验" in text and "exchange.validate" not in text


@pytest.mark.django_db
def test_the_leads_list_names_rules_and_industries(client_for, users):
    lead = LeadFactory(industry_code="L72")
    response = client_for(users["cogov_office"]).get(reverse("taxrisk:lead_list"), {"rule": lead.rule.code})
    text = _text(response)
    assert f"{lead.rule.code} {lead.rule.name}" in text
    assert "L72 商务服务业" in text


@pytest.mark.django_db
def test_the_round_page_brackets_task_numbers_once(client_for, users):
    # given a report that is late (the round was due yesterday), on task （2）
    round_ = ReportingRoundFactory(due_date=clock.today() - datetime.timedelta(days=1))
    report = TaskReportFactory(round=round_, task__number="（2）")
    text = _text(client_for(users["admin"]).get(reverse("supervision:round_detail", args=[round_.pk])))
    assert f"{report.unit.name}（2）" in text
    assert "（（" not in text


@pytest.mark.django_db
def test_the_dataset_page_shows_field_types_in_chinese(client_for, users):
    from factories import DatasetFactory

    dataset = DatasetFactory()
    html = (
        client_for(users["admin"])
        .get(reverse("exchange:dataset_detail", args=[dataset.code]))
        .content.decode()
    )
    assert dataset.name in html
    assert "<td>文本</td>" in html and "<td>数值</td>" in html
    assert "<td>text</td>" not in html and "<td>decimal</td>" not in html


def test_unknown_codes_are_shown_as_they_are():
    assert labels.role_label("unknown_role") == "unknown_role"
    assert labels.job_kind_label("x.y") == "x.y"
    assert labels.object_words("no.such_model", "7", "") == "no.such_model（编号7）"


def test_the_catalog_workbook_names_datasets_beside_their_codes(tmp_path):
    from openpyxl import load_workbook

    from gongzhi.exchange.catalog_xlsx import write_catalog_xlsx

    entry = {
        "code": "parking_demo",
        "name": "停车场经营（测试）",
        "fields": [{"code": "amount", "name": "金额", "type": "decimal"}],
    }
    book = load_workbook(write_catalog_xlsx([entry], tmp_path / "catalog.xlsx"))
    rows = list(book["字段"].iter_rows(values_only=True))
    assert rows[0][:5] == ("数据项代码", "数据项名称", "字段代码", "字段名称", "类型")
    assert rows[1][:5] == ("parking_demo", "停车场经营（测试）", "amount", "金额", "数值")


@pytest.mark.django_db
def test_a_shared_data_read_is_audited_by_dataset_name(data_dir):
    from factories import DatasetFactory

    from gongzhi.exchange.warehouse import open_warehouse

    dataset = DatasetFactory()
    with open_warehouse(user=None, datasets=[dataset.code], purpose="核对（测试）", connect=False):
        pass
    entry = AuditEntry.objects.filter(object_type="exchange.dataset").latest("seq")
    assert entry.object_repr == dataset.name
    assert entry.detail["datasets"] == [dataset.code]  # the code stays for machines
    assert (
        labels.object_words(entry.object_type, entry.object_id, entry.object_repr) == f"数据项 {dataset.name}"
    )
