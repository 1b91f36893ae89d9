"""The level bands (pure) and the dataset option that makes a resubmission replace rows by key."""

import pytest

from gongzhi.credit.rules import level_problem
from gongzhi.exchange.validation.spec import SpecError, load_spec

FIELDS = [{"code": "uscc", "name": "代码"}, {"code": "eval_year", "name": "年度", "type": "integer"}]


@pytest.mark.parametrize(
    ("level", "score", "reason", "problem"),
    [
        ("A", "90", None, None),
        ("A", "89.99", None, "A级与得分89.99分不符（A级应为≥90分）"),
        ("A", "65", None, "A级与得分65分不符（A级应为≥90分）"),
        ("B", "70", None, None),
        ("B", "90", None, "B级与得分90分不符（B级应为70分以上不满90分）"),
        ("M", None, None, None),
        ("M", "95", None, None),
        ("C", "40", None, None),
        ("C", "39.5", None, "C级与得分39.5分不符（C级应为40分以上不满70分）"),
        ("D", None, "非正常户", None),
        ("D", "39.99", "得分不满40分", None),
        ("D", "40", None, "D级与得分40分不符（D级应为不满40分或直接判级）"),
        ("B", None, None, "B级应有评价得分（只有D级可直接判级）"),
        ("B", "80", "虚开发票", "B级却填写了D级原因"),
    ],
)
def test_level_bands(level, score, reason, problem):
    assert level_problem(level, score, reason) == problem


def test_replace_by_key_is_declared_and_checked():
    spec = load_spec(
        {"code": "r", "name": "评价", "key": ["uscc", "eval_year"], "replace": "key", "fields": FIELDS}
    )
    assert spec.replace == "key" and spec.to_dict()["replace"] == "key"
    plain = load_spec({"code": "r", "name": "评价", "key": ["uscc", "eval_year"], "fields": FIELDS})
    assert plain.replace == "submission" and "replace" not in plain.to_dict()
    assert spec.fingerprint() != plain.fingerprint()
    with pytest.raises(SpecError, match="须声明主键"):
        load_spec({"code": "r", "name": "评价", "replace": "key", "fields": FIELDS})
    with pytest.raises(SpecError, match="替换方式（replace）“rows”无效"):
        load_spec({"code": "r", "name": "评价", "key": ["uscc"], "replace": "rows", "fields": FIELDS})
