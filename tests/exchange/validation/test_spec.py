"""Dataset specifications and periods."""

import datetime as dt

import pytest
import yaml

from gongzhi.exchange.validation import (
    DatasetSpec,
    FieldSpec,
    PeriodError,
    SpecError,
    load_spec,
    load_specs,
    parse_period,
)

BRIEF_YAML = """
code: real_estate_tx
name: 不动产交易登记
provider_units: [区自然资源局]
frequency: monthly        # monthly|quarterly|yearly|event
due_day: 10
key: [unit_no]
policy: quarantine        # quarantine|reject
required_one_of: [[seller_uscc, seller_id]]
fields:
  - {code: unit_no, name: 不动产单元号, type: text, required: true}
  - {code: seller_uscc, name: 卖方统一社会信用代码, type: text, check: uscc}
  - {code: seller_id, name: 卖方身份证号, type: text, check: id_card, personal: true}
  - {code: price, name: 成交价格（元）, type: decimal, required: true, min: 0}
  - {code: deal_date, name: 成交日期, type: date, required: true}
  - {code: use, name: 房屋用途, type: enum, values: [住宅, 商业, 办公, 工业, 其他]}
"""


def base(**changes) -> dict:
    data = yaml.safe_load(BRIEF_YAML)
    data.update(changes)
    return data


def errors_of(source) -> list[str]:
    with pytest.raises(SpecError) as info:
        load_specs(source)
    return info.value.errors


def test_the_brief_example_loads():
    spec = load_spec(BRIEF_YAML)
    assert isinstance(spec, DatasetSpec)
    assert spec.code == "real_estate_tx" and spec.name == "不动产交易登记"
    assert spec.key == ("unit_no",) and spec.policy == "quarantine" and spec.frequency == "monthly"
    assert spec.required_one_of == (("seller_uscc", "seller_id"),)
    price = spec.get_field("price")
    assert isinstance(price, FieldSpec) and price.type == "decimal" and price.required and price.min == 0
    assert spec.get_field("seller_id").personal
    assert spec.get_field("use").values == ("住宅", "商业", "办公", "工业", "其他")


def test_a_yaml_list_of_datasets_loads(specs):
    assert set(specs) == {"real_estate_tx", "enterprise_registry"}
    assert specs["enterprise_registry"].cross_checks[0].rule == "gte"


@pytest.mark.parametrize("spec_code", ["real_estate_tx", "enterprise_registry"])
def test_to_dict_round_trips_through_yaml(specs, spec_code):
    spec = specs[spec_code]
    again = load_spec(yaml.safe_load(spec.to_yaml()))
    assert again == spec
    assert load_specs([spec.to_dict()])[0] == spec


def test_fingerprint_is_stable_and_follows_the_fields():
    spec = load_spec(BRIEF_YAML)
    assert spec.fingerprint() == load_spec(BRIEF_YAML).fingerprint()
    assert len(spec.fingerprint()) == 64
    renamed = load_spec(base(name="不动产交易（改名）", due_day=15, provider_units=["区住建局"]))
    assert renamed.fingerprint() == spec.fingerprint()  # not a change of the data's shape
    data = base()
    data["fields"][3]["min"] = 1
    assert load_spec(data).fingerprint() != spec.fingerprint()
    data = base()
    data["fields"].append({"code": "note", "name": "备注"})
    assert load_spec(data).fingerprint() != spec.fingerprint()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["fields"][3].update(type="money"), "未知类型“money”"),
        (lambda d: d["fields"][1].update(check="tax_no"), "未知校验“tax_no”"),
        (lambda d: d["fields"][5].pop("values"), "枚举字段必须列出可选值"),
        (lambda d: d.update(key=["house_no"]), "主键（key）引用了不存在的字段“house_no”"),
        (lambda d: d.update(required_one_of=[["seller_uscc", "buyer_id"]]), "引用了不存在的字段“buyer_id”"),
        (
            lambda d: d.update(cross_checks=[{"rule": "gte", "field": "end_date", "other": "deal_date"}]),
            "引用了不存在的字段“end_date”",
        ),
        (lambda d: d["fields"].append({"code": "price", "name": "价格"}), "字段代码“price”重复"),
        (lambda d: d["fields"].append({"code": "price2", "name": "成交 价格(元)"}), "表头无法区分"),
        (lambda d: d["fields"][3].update(check="uscc"), "只适用于文本"),
        (lambda d: d["fields"][3].update(requried=True), "未知配置项“requried”"),
        (lambda d: d.update(policy="ignore"), "错误处理策略“ignore”无效"),
        (lambda d: d.update(frequency="weekly"), "报送频次“weekly”无效"),
        (lambda d: d.update(due_day=40), "报送截止日"),
        (lambda d: d["fields"][4].update(min="2025-13-01"), "不是有效的日期"),
        (lambda d: d["fields"][0].update(pattern="(?=x)"), "不支持前瞻"),
        (lambda d: d["fields"][0].update(pattern="[0-9"), "不是可用的正则表达式"),
        (lambda d: d.update(period_field="use"), "所属期字段"),
        (lambda d: d.update(code="Real Estate"), "代码（code）"),
        (lambda d: d["fields"][0].update(code="_row"), "代码（code）"),
    ],
)
def test_spec_errors_are_chinese_and_name_dataset_and_field(change, expected):
    data = base()
    change(data)
    errors = errors_of(data)
    assert any(expected in e for e in errors), errors
    assert all(e.startswith("数据集“") and "（不动产交易登记）”" in e for e in errors), errors


def test_field_errors_name_the_field():
    data = base()
    data["fields"][3]["type"] = "money"
    (message,) = errors_of(data)
    assert "字段“成交价格（元）（price）”" in message


def test_every_problem_is_reported_at_once():
    data = base(policy="ignore")
    data["fields"][3]["type"] = "money"
    data["fields"][5].pop("values")
    assert len(errors_of(data)) == 3


def test_cross_checks_are_checked_for_types():
    data = base(cross_checks=[{"rule": "gte", "field": "price", "other": "deal_date"}])
    assert any("同类字段" in e for e in errors_of(data))
    data = base(cross_checks=[{"rule": "product", "field": "price", "factors": ["price"]}])
    assert any("至少两个 factors" in e for e in errors_of(data))


def test_duplicate_dataset_codes_and_bad_yaml():
    assert any("重复" in e for e in errors_of([base(), base()]))
    assert any("不是有效的 YAML" in e for e in errors_of("code: [unclosed"))
    assert errors_of([]) == ["数据规范中没有数据集"]


# ----------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "canonical"),
    [
        ("2025-06", dt.date(2025, 6, 1), dt.date(2025, 6, 30), "2025年6月", "2025-06"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024年2月", "2024-02"),
        ("2025-Q2", dt.date(2025, 4, 1), dt.date(2025, 6, 30), "2025年第2季度", "2025-Q2"),
        ("2025q4", dt.date(2025, 10, 1), dt.date(2025, 12, 31), "2025年第4季度", "2025-Q4"),
        ("2025年第二季度", dt.date(2025, 4, 1), dt.date(2025, 6, 30), "2025年第2季度", "2025-Q2"),
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "2025年", "2025"),
        ("2025年6月", dt.date(2025, 6, 1), dt.date(2025, 6, 30), "2025年6月", "2025-06"),
        ("２０２５－０６", dt.date(2025, 6, 1), dt.date(2025, 6, 30), "2025年6月", "2025-06"),
        (
            "2024-01..2025-12",
            dt.date(2024, 1, 1),
            dt.date(2025, 12, 31),
            "2024年1月至2025年12月",
            "2024-01..2025-12",
        ),
        (
            "2024-Q3..2025",
            dt.date(2024, 7, 1),
            dt.date(2025, 12, 31),
            "2024年第3季度至2025年",
            "2024-Q3..2025",
        ),
    ],
)
def test_parse_period(text, start, end, label, canonical):
    period = parse_period(text)
    assert (period.start, period.end, period.label, period.text) == (start, end, label, canonical)
    assert period.contains(start) and period.contains(end) and not period.contains(end + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-13", "月份应在1–12之间"),
        ("2025-Q5", "季度应在1–4之间"),
        ("2025-12..2024-01", "起始期间晚于结束期间"),
        ("June 2025", "无法识别"),
        ("", "不能为空"),
        ("1800", "超出范围"),
    ],
)
def test_bad_periods_give_chinese_errors(text, expected):
    with pytest.raises(PeriodError, match=expected):
        parse_period(text)
