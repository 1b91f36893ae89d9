"""Error codes of the validation engine and their Chinese messages.

Codes are identifiers (stable, for programs and statistics); messages are what people read.
Row-rule codes carry their rule number or detail after a colon: ``cross:0``, ``one_of:1``,
``duplicate`` (with the first row as `info`), ``duplicate_row`` (an exact copy of an earlier row,
in a dataset without a key), ``columns`` (``"12,13"``: expected, found).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongzhi.exchange.validation.checks import CHECKS

if TYPE_CHECKING:
    from gongzhi.core.periods import Period
    from gongzhi.exchange.validation.spec import DatasetSpec, FieldSpec

NUMERIC_STORAGE = "以数值形式存储，已丢失精度，请将该列设为文本后重新导出"

FIXED: dict[str, str] = {
    "required": "必填项为空",
    "numeric_storage": NUMERIC_STORAGE,
    "sci_notation": "以科学计数法显示，已丢失精度，请将该列设为数值格式（不用科学计数法）后重新导出",
    "formula": "疑似公式注入：内容以“=”“+”“-”“@”开头且像公式，已拒绝（如确为文本，请删除开头的符号）",
    "type_integer": "应为整数",
    "type_decimal": "应为数字（可带千分位逗号，如 1,234.50）",
    "decimal_range": "数值超出范围",
    "type_date": "不是有效日期（可用 2025-06-30、2025/6/30、2025年6月30日 或 20250630）",
    "date_range": "日期超出合理范围（1900年至2199年）",
    "type_datetime": "不是有效的日期时间（如 2025-06-30 14:30:00）",
    "type_boolean": "应为“是”或“否”",
    "period_format": "所属期应为年月，如 2025-06",
    "pattern": "格式不符合要求",
    "uscc_length": "统一社会信用代码应为18位",
    "uscc_format": "统一社会信用代码格式错误（第3–8位应为数字，且不使用字母 I、O、Z、S、V）",
    "uscc_checksum": "统一社会信用代码校验位错误",
    "id_card_old": "身份证号为15位旧号码，请填写18位号码",
    "id_card_length": "身份证号应为18位",
    "id_card_format": "身份证号格式错误（前17位应为数字，末位为数字或X）",
    "id_card_area": "身份证号的地址码错误",
    "id_card_birth": "身份证号中的出生日期无效",
    "id_card_checksum": "身份证号校验位错误",
    "unit_no_length": "不动产单元号应为28位",
    "unit_no_format": "不动产单元号结构错误（6位行政区划+6位地籍区/子区+2位宗地特征码+5位宗地顺序号+1位定着物特征码+8位定着物单元号）",
    "unit_no_area": "不动产单元号的行政区划代码错误",
    "unit_no_w": "不动产单元号的定着物特征码为 W（无定着物）时，定着物单元号应为 00000000",
    "phone": "电话号码格式错误（手机号为11位；固定电话如 0533-1234567，可带分机号）",
    "area_code_format": "行政区划代码应为6位数字",
    "area_code_province": "行政区划代码的省级代码不存在",
    "industry_format": "行业代码格式错误（应为门类字母加两位大类代码，如 H61）",
    "industry_range": "行业代码的大类与门类不对应（GB/T 4754-2017）",
    "duplicate_row": "与前面的一行完全相同（重复行）",
    "unknown_field": "未知字段",
    "not_scalar": "应为单个值，不能是列表或对象",
}


def duplicate_row(row: int, first: int) -> str:
    """An exact copy of an earlier row, in a dataset without a key."""
    return f"第{row}行与第{first}行完全相同"


def _fmt(value) -> str:
    return str(value)


def message(
    code: str,
    *,
    spec: DatasetSpec,
    field: FieldSpec | None = None,
    info: str | None = None,
    period: Period | None = None,
) -> str:
    """The Chinese message for an error code."""
    base, _, detail = code.partition(":")
    if base in FIXED and base not in ("pattern",):
        text = FIXED[base]
        if base == "unknown_field" and (info or detail):
            return f"未知字段“{info or detail}”，请按数据规范填写字段名称或代码"
        return text
    if base == "pattern":
        return field.pattern_message if field and field.pattern_message else FIXED["pattern"]
    if base == "type_enum" or base == "enum":
        values = "、".join(field.values) if field else ""
        return f"不在可选值范围内（可选：{values}）"
    if base == "decimal_scale":
        return f"小数位数超过{field.decimal_scale if field else 2}位"
    if base == "min":
        return f"小于最小值 {_fmt(field.min) if field else ''}"
    if base == "max":
        return f"大于最大值 {_fmt(field.max) if field else ''}"
    if base == "max_length":
        return f"长度超过{field.max_length if field else ''}个字符"
    if base == "period":
        return f"不在本次报送期间（{period.label}）内" if period else "不在本次报送期间内"
    if base == "duplicate":
        names = "、".join(spec.get_field(c).name for c in spec.key)
        return f"{names}与第{info}行重复" if info else f"{names}重复"
    if base == "columns":
        expected, _, found = (info or detail or ",").partition(",")
        return f"列数与表头不一致（表头{expected}列，此行{found}列）"
    if base == "one_of":
        group = spec.required_one_of[int(detail)]
        names = "、".join(spec.get_field(c).name for c in group)
        return f"{names}至少填写一项"
    if base == "cross":
        return cross_message(spec, int(detail))
    return code


_COMPARE_WORDS = {
    "gte": ("不小于", "不早于"),
    "gt": ("大于", "晚于"),
    "lte": ("不大于", "不晚于"),
    "lt": ("小于", "早于"),
    "eq": ("等于", "等于"),
}


def cross_message(spec: DatasetSpec, index: int) -> str:
    check = spec.cross_checks[index]
    if check.message:
        return check.message
    target = spec.get_field(check.field)
    if check.other:
        other = spec.get_field(check.other)
        numeric, temporal = _COMPARE_WORDS[check.rule]
        word = temporal if target.type in ("date", "datetime") else numeric
        return f"{target.name}应{word}{other.name}"
    names = [spec.get_field(c).name for c in check.factors]
    joined = ("×" if check.rule == "product" else "+").join(names)
    tolerance = f"，允许误差{check.tolerance:.2%}".replace(".00%", "%") if check.tolerance else ""
    return f"{target.name}应等于{joined}{tolerance}"


def field_codes(field: FieldSpec, spec: DatasetSpec, period_field: bool = False) -> list[str]:
    """Every error code the engine can give this field (used to build SQL message tables)."""
    codes = ["required", "formula", "not_scalar"]
    code_like = field.check is not None and CHECKS[field.check].code_like
    if code_like:
        codes.append("numeric_storage")
    if field.type == "integer":
        codes += ["type_integer", "sci_notation"]
    elif field.type == "decimal":
        codes += ["type_decimal", "sci_notation", "decimal_scale", "decimal_range"]
    elif field.type == "date":
        codes += ["type_date", "date_range"]
    elif field.type == "datetime":
        codes += ["type_datetime", "date_range"]
    elif field.type == "boolean":
        codes.append("type_boolean")
    elif field.type == "enum":
        codes.append("enum")
    if field.check:
        codes += list(CHECKS[field.check].codes)
    if field.pattern:
        codes.append("pattern")
    if field.min is not None:
        codes.append("min")
    if field.max is not None:
        codes.append("max")
    if field.max_length:
        codes.append("max_length")
    if period_field:
        codes += ["period", "period_format"]
    return codes
