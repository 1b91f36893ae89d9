"""Dataset specifications of the demand list (需求清单).

A specification says what one dataset must look like: its fields, their types and checks,
its key, the cross-field rules and what to do with bad rows. Specifications are written in
YAML (one mapping per dataset, or a list of them) and loaded with `load_specs`, which checks
the specification itself and reports every problem at once, in Chinese, naming the dataset
and the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from gongzhi.core.text import TextDecodeError, decode_text
from gongzhi.exchange.validation.checks import CHECKS, compile_pattern_problem
from gongzhi.exchange.validation.headers import normalize_header

FIELD_TYPES: dict[str, str] = {
    "text": "文本",
    "integer": "整数",
    "decimal": "数值",
    "date": "日期",
    "datetime": "日期时间",
    "boolean": "是/否",
    "enum": "枚举",
}
FREQUENCIES: dict[str, str] = {"monthly": "按月", "quarterly": "按季", "yearly": "按年", "event": "按事项"}
POLICIES: dict[str, str] = {"quarantine": "隔离错误行", "reject": "整体退回"}
# What a later accepted submission of the same unit and period does to the earlier one: retire it
# as a whole (the default: a corrected file), or leave it and replace only the rows of the same key
# (ratings, where a repaired row arrives alone and the history of each key is kept).
REPLACE_MODES: dict[str, str] = {"submission": "按期间整体替换", "key": "按主键逐行替换"}
CROSS_RULES: dict[str, str] = {
    "gte": "≥",
    "gt": ">",
    "lte": "≤",
    "lt": "<",
    "eq": "=",
    "product": "乘积",
    "sum": "合计",
}
COMPARISON_RULES = ("gte", "gt", "lte", "lt", "eq")
NUMERIC_TYPES = ("integer", "decimal")
TEMPORAL_TYPES = ("date", "datetime")
DEFAULT_SCALE = 2
MAX_SCALE = 6

_CODE_RE = re.compile(r"[a-z][a-z0-9_]{0,62}")
_FIELD_KEYS = {
    "code",
    "name",
    "type",
    "required",
    "check",
    "personal",
    "min",
    "max",
    "pattern",
    "pattern_message",
    "values",
    "scale",
    "max_length",
    "accept_major_code",
    "description",
}
_DATASET_KEYS = {
    "code",
    "name",
    "description",
    "provider_units",
    "frequency",
    "due_day",
    "key",
    "policy",
    "required_one_of",
    "cross_checks",
    "period_field",
    "replace",
    "fields",
}
_CROSS_KEYS = {"rule", "field", "other", "factors", "tolerance", "message"}


class SpecError(ValueError):
    """The specification itself is wrong; `errors` lists every problem found, in Chinese."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


@dataclass(frozen=True)
class FieldSpec:
    """字段：one column of a dataset.

    `min`/`max` keep the value as written in YAML (number, date or text) and are checked
    against the field type when the specification is loaded.
    """

    code: str
    name: str
    type: str = "text"
    required: bool = False
    check: str | None = None
    personal: bool = False
    min: Any = None
    max: Any = None
    pattern: str | None = None
    pattern_message: str | None = None
    values: tuple[str, ...] = ()
    scale: int | None = None
    max_length: int | None = None
    accept_major_code: bool = False
    description: str | None = None

    @property
    def type_label(self) -> str:
        """文本, 数值, 枚举… for people; the code stays in the file formats."""
        return FIELD_TYPES.get(self.type, self.type)

    @property
    def decimal_scale(self) -> int:
        return DEFAULT_SCALE if self.scale is None else self.scale

    @property
    def label(self) -> str:
        return f"{self.name}（{self.code}）"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "name": self.name, "type": self.type}
        if self.required:
            data["required"] = True
        for key in ("check", "min", "max", "pattern", "pattern_message", "scale", "max_length"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.values:
            data["values"] = list(self.values)
        if self.personal:
            data["personal"] = True
        if self.accept_major_code:
            data["accept_major_code"] = True
        if self.description:
            data["description"] = self.description
        return data


@dataclass(frozen=True)
class CrossCheck:
    """跨字段校验.

    - gte/gt/lte/lt/eq: `field` compared with `other` (numbers with numbers, dates with dates);
    - product: |field - factors[0] * factors[1] * ...| <= tolerance * |field|;
    - sum: |field - (factors[0] + factors[1] + ...)| <= tolerance * |field|.
    The check runs only when every field it names holds a valid value.
    """

    rule: str
    field: str
    other: str | None = None
    factors: tuple[str, ...] = ()
    tolerance: float = 0.0
    message: str | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.field, *((self.other,) if self.other else ()), *self.factors)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": self.rule, "field": self.field}
        if self.other:
            data["other"] = self.other
        if self.factors:
            data["factors"] = list(self.factors)
        if self.tolerance:
            data["tolerance"] = self.tolerance
        if self.message:
            data["message"] = self.message
        return data


@dataclass(frozen=True)
class DatasetSpec:
    """数据集规范：one entry of the demand list."""

    code: str
    name: str
    fields: tuple[FieldSpec, ...]
    provider_units: tuple[str, ...] = ()
    frequency: str = "monthly"
    due_day: int | None = None
    key: tuple[str, ...] = ()
    policy: str = "quarantine"
    required_one_of: tuple[tuple[str, ...], ...] = ()
    cross_checks: tuple[CrossCheck, ...] = ()
    period_field: str | None = None
    description: str | None = None
    replace: str = "submission"
    _by_code: dict[str, FieldSpec] = field(default=None, init=False, repr=False, compare=False, hash=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {f.code: f for f in self.fields})

    @property
    def label(self) -> str:
        return f"{self.name}（{self.code}）"

    def get_field(self, code: str) -> FieldSpec:
        return self._by_code[code]

    def has_field(self, code: str) -> bool:
        return code in self._by_code

    def is_required(self, f: FieldSpec) -> bool:
        """Key fields are required even when the YAML does not say so."""
        return f.required or f.code in self.key

    def to_dict(self) -> dict[str, Any]:
        """The YAML form; `load_specs([spec.to_dict()])[0] == spec`."""
        data: dict[str, Any] = {"code": self.code, "name": self.name}
        if self.description:
            data["description"] = self.description
        if self.provider_units:
            data["provider_units"] = list(self.provider_units)
        data["frequency"] = self.frequency
        if self.due_day is not None:
            data["due_day"] = self.due_day
        if self.key:
            data["key"] = list(self.key)
        data["policy"] = self.policy
        if self.period_field:
            data["period_field"] = self.period_field
        if self.replace != "submission":
            data["replace"] = self.replace
        if self.required_one_of:
            data["required_one_of"] = [list(group) for group in self.required_one_of]
        if self.cross_checks:
            data["cross_checks"] = [c.to_dict() for c in self.cross_checks]
        data["fields"] = [f.to_dict() for f in self.fields]
        return data

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)

    def fingerprint(self) -> str:
        """A stable hash of what a row must satisfy: the fields, the key and the row rules.

        Names of the dataset, provider units, frequency, due day and policy are not part of
        it: changing them does not change the shape of the data, so no new version is needed.
        """
        content = {
            "fields": [f.to_dict() for f in self.fields],
            "key": list(self.key),
            "required_one_of": [list(g) for g in self.required_one_of],
            "cross_checks": [c.to_dict() for c in self.cross_checks],
            "period_field": self.period_field,
        }
        if self.replace != "submission":
            content["replace"] = self.replace
        text = json.dumps(content, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------- loading


# Keys of a demand-list entry that belong to the catalog (who uses the data, on what basis, in
# which order), not to the validation spec: callers remove them before `load_specs`.
CATALOG_KEYS = ("consumer_units", "legal_basis", "purpose", "order")


def load_specs(source: str | bytes | dict | list) -> list[DatasetSpec]:
    """Load one or more dataset specifications from YAML text or already-parsed YAML.

    Raises `SpecError` listing every problem found (in Chinese, naming dataset and field).
    """
    if isinstance(source, bytes):
        try:
            source = decode_text(source)
        except TextDecodeError as exc:
            raise SpecError([f"数据规范无法读取：{exc}"]) from None
    if isinstance(source, str):
        try:
            source = yaml.safe_load(source)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"（第{mark.line + 1}行第{mark.column + 1}列）" if mark else ""
            raise SpecError([f"数据规范不是有效的 YAML{where}：{getattr(exc, 'problem', exc)}"]) from exc
    if isinstance(source, dict):
        items = [source]
    elif isinstance(source, list):
        items = source
    else:
        raise SpecError(["数据规范应为一个数据集（映射）或数据集列表"])
    if not items:
        raise SpecError(["数据规范中没有数据集"])
    errors: list[str] = []
    specs: list[DatasetSpec] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items, start=1):
        spec = _load_dataset(item, index, errors)
        if spec is None:
            continue
        if spec.code in seen:
            errors.append(f"数据集代码“{spec.code}”重复（第{seen[spec.code]}个和第{index}个数据集）")
        seen.setdefault(spec.code, index)
        specs.append(spec)
    if errors:
        raise SpecError(errors)
    return specs


def load_spec(source: str | bytes | dict) -> DatasetSpec:
    """Load exactly one dataset specification."""
    specs = load_specs(source)
    if len(specs) != 1:
        raise SpecError([f"应只包含一个数据集，实际有{len(specs)}个"])
    return specs[0]


def _str_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _load_dataset(item: Any, index: int, errors: list[str]) -> DatasetSpec | None:
    if not isinstance(item, dict):
        errors.append(f"第{index}个数据集应为映射（code、name、fields …）")
        return None
    code = item.get("code")
    name = item.get("name")
    where = f"数据集“{code or f'第{index}个'}{f'（{name}）' if name else ''}”"
    before = len(errors)

    def err(message: str) -> None:
        errors.append(f"{where}：{message}")

    for key in sorted(set(item) - _DATASET_KEYS, key=str):
        err(f"未知配置项“{key}”（可用：{'、'.join(sorted(_DATASET_KEYS))}）")
    if not isinstance(code, str) or not _CODE_RE.fullmatch(code):
        err("代码（code）必须填写，且只能由小写字母、数字和下划线组成、以字母开头")
    if not isinstance(name, str) or not name.strip():
        err("名称（name）必须填写")
    frequency = item.get("frequency", "monthly")
    if frequency not in FREQUENCIES:
        err(f"报送频次“{frequency}”无效（可选：{'、'.join(FREQUENCIES)}）")
    due_day = item.get("due_day")
    if due_day is not None and (
        isinstance(due_day, bool) or not isinstance(due_day, int) or not 1 <= due_day <= 31
    ):
        err(f"报送截止日（due_day）应为1–31之间的整数，实为“{due_day}”")
    policy = item.get("policy", "quarantine")
    if policy not in POLICIES:
        err(f"错误处理策略“{policy}”无效（可选：quarantine 隔离错误行、reject 整体退回）")
    replace = item.get("replace", "submission")
    if replace not in REPLACE_MODES:
        err(f"替换方式（replace）“{replace}”无效（可选：submission 按期间整体替换、key 按主键逐行替换）")
    elif replace == "key" and not item.get("key"):
        err("按主键逐行替换（replace: key）须声明主键（key）")
    provider_units = _str_list(item.get("provider_units", []))
    if provider_units is None:
        err("提供单位（provider_units）应为单位名称列表")
        provider_units = []
    description = item.get("description")
    if description is not None and not isinstance(description, str):
        err("说明（description）应为文本")
        description = None

    raw_fields = item.get("fields")
    fields: list[FieldSpec] = []
    if not isinstance(raw_fields, list) or not raw_fields:
        err("字段列表（fields）不能为空")
        raw_fields = []
    for findex, raw in enumerate(raw_fields, start=1):
        f = _load_field(raw, findex, where, errors)
        if f is not None:
            fields.append(f)

    by_code: dict[str, FieldSpec] = {}
    by_header: dict[str, str] = {}
    for f in fields:
        if f.code in by_code:
            err(f"字段代码“{f.code}”重复")
            continue
        by_code[f.code] = f
        for label, text in (("名称", f.name), ("代码", f.code)):
            header = normalize_header(text)
            other = by_header.get(header)
            if other is not None and other != f.code:
                err(
                    f"字段“{f.label}”的{label}与字段“{other}”的名称或代码相同（忽略空格和全半角），表头无法区分"
                )
            by_header.setdefault(header, f.code)

    def known(codes: list[str], what: str) -> bool:
        ok = True
        for c in codes:
            if c not in by_code:
                err(f"{what}引用了不存在的字段“{c}”")
                ok = False
        return ok

    key = _str_list(item.get("key", []))
    if key is None:
        err("主键（key）应为字段代码或字段代码列表")
        key = []
    known(key, "主键（key）")
    if len(set(key)) != len(key):
        err("主键（key）中字段重复")

    groups: list[tuple[str, ...]] = []
    raw_groups = item.get("required_one_of", [])
    if not isinstance(raw_groups, list):
        err("至少填一项（required_one_of）应为字段组列表，如 [[seller_uscc, seller_id]]")
        raw_groups = []
    for group in raw_groups:
        codes = _str_list(group)
        if not codes:
            err(f"至少填一项（required_one_of）的字段组“{group}”应为字段代码列表")
            continue
        known(codes, "至少填一项（required_one_of）")
        groups.append(tuple(codes))

    cross: list[CrossCheck] = []
    raw_cross = item.get("cross_checks", [])
    if not isinstance(raw_cross, list):
        err("跨字段校验（cross_checks）应为列表")
        raw_cross = []
    for cindex, raw in enumerate(raw_cross, start=1):
        check = _load_cross(raw, cindex, by_code, err)
        if check is not None:
            cross.append(check)

    period_field = item.get("period_field")
    if period_field is not None:
        if not isinstance(period_field, str) or period_field not in by_code:
            err(f"所属期字段（period_field）引用了不存在的字段“{period_field}”")
        elif by_code[period_field].type not in ("date", "datetime", "text"):
            err(f"所属期字段“{by_code[period_field].label}”应为日期、日期时间或“YYYY-MM”格式的文本字段")

    if len(errors) > before:
        return None
    return DatasetSpec(
        code=code,
        name=name.strip(),
        description=description,
        provider_units=tuple(provider_units),
        frequency=frequency,
        due_day=due_day,
        key=tuple(key),
        policy=policy,
        required_one_of=tuple(groups),
        cross_checks=tuple(cross),
        period_field=period_field,
        replace=replace,
        fields=tuple(fields),
    )


def _load_field(raw: Any, index: int, where: str, errors: list[str]) -> FieldSpec | None:
    if not isinstance(raw, dict):
        errors.append(f"{where}：第{index}个字段应为映射（code、name、type …）")
        return None
    code, name = raw.get("code"), raw.get("name")
    fwhere = f"{where}字段“{name or ''}{f'（{code}）' if code else f'第{index}个'}”"
    before = len(errors)

    def err(message: str) -> None:
        errors.append(f"{fwhere}：{message}")

    for key in sorted(set(raw) - _FIELD_KEYS, key=str):
        err(f"未知配置项“{key}”（可用：{'、'.join(sorted(_FIELD_KEYS))}）")
    if not isinstance(code, str) or not _CODE_RE.fullmatch(code):
        err(
            "代码（code）必须填写，且只能由小写字母、数字和下划线组成、以字母开头（下划线开头的名称留给系统列）"
        )
    if not isinstance(name, str) or not name.strip():
        err("名称（name）必须填写")
    ftype = raw.get("type", "text")
    if ftype not in FIELD_TYPES:
        err(f"未知类型“{ftype}”（可选：{'、'.join(FIELD_TYPES)}）")
        return None  # the other settings depend on the type
    for flag in ("required", "personal", "accept_major_code"):
        if flag in raw and not isinstance(raw[flag], bool):
            err(f"{flag} 应为 true 或 false")
    check = raw.get("check")
    if check is not None:
        if check not in CHECKS:
            err(f"未知校验“{check}”（可选：{'、'.join(CHECKS)}）")
        elif ftype != "text":
            err(f"校验“{check}”只适用于文本（text）字段，当前类型为“{ftype}”")
    if raw.get("accept_major_code") and check != "industry_code":
        err("accept_major_code 只适用于 industry_code 校验")
    values = raw.get("values")
    if ftype == "enum":
        items = _str_list(values) if values is not None else None
        if values is not None and items is None and isinstance(values, list):
            items = [str(v) for v in values if v is not None and not isinstance(v, dict | list)]
            if len(items) != len(values):
                items = None
        if not items:
            err("枚举字段必须列出可选值（values）")
            items = []
        elif len({v.strip() for v in items}) != len(items):
            err("可选值（values）有重复")
        values = tuple(v.strip() for v in items)
    elif values is not None:
        err("只有枚举（enum）字段可以列出可选值（values）")
        values = ()
    else:
        values = ()
    scale = raw.get("scale")
    if scale is not None:
        if ftype != "decimal":
            err("小数位数（scale）只适用于数值（decimal）字段")
        elif isinstance(scale, bool) or not isinstance(scale, int) or not 0 <= scale <= MAX_SCALE:
            err(f"小数位数（scale）应为0–{MAX_SCALE}之间的整数")
    max_length = raw.get("max_length")
    if max_length is not None and (
        ftype not in ("text", "enum")
        or isinstance(max_length, bool)
        or not isinstance(max_length, int)
        or max_length < 1
    ):
        err("最大长度（max_length）只适用于文本字段，且应为正整数")
    for bound in ("min", "max"):
        value = raw.get(bound)
        if value is None:
            continue
        if ftype not in (*NUMERIC_TYPES, *TEMPORAL_TYPES):
            err(f"{bound} 只适用于整数、数值、日期和日期时间字段")
        elif parse_bound(ftype, value) is None:
            err(f"{bound} 的值“{value}”不是有效的{FIELD_TYPES[ftype]}")
    if not errors[before:] and raw.get("min") is not None and raw.get("max") is not None:
        if parse_bound(ftype, raw["min"]) > parse_bound(ftype, raw["max"]):
            err("最小值（min）大于最大值（max）")
    pattern = raw.get("pattern")
    if pattern is not None:
        if ftype not in ("text", "enum") or not isinstance(pattern, str):
            err("格式（pattern）只适用于文本字段，且应为正则表达式文本")
        else:
            problem = compile_pattern_problem(pattern)
            if problem:
                err(f"格式（pattern）不是可用的正则表达式：{problem}")
    pattern_message = raw.get("pattern_message")
    if pattern_message is not None and (not isinstance(pattern_message, str) or pattern is None):
        err("pattern_message 应为文本，且只能与 pattern 一起使用")
    description = raw.get("description")
    if description is not None and not isinstance(description, str):
        err("说明（description）应为文本")
    if len(errors) > before:
        return None
    return FieldSpec(
        code=code,
        name=name.strip(),
        type=ftype,
        required=bool(raw.get("required", False)),
        check=check,
        personal=bool(raw.get("personal", False)),
        min=raw.get("min"),
        max=raw.get("max"),
        pattern=pattern,
        pattern_message=pattern_message,
        values=values,
        scale=scale,
        max_length=max_length,
        accept_major_code=bool(raw.get("accept_major_code", False)),
        description=description,
    )


def _load_cross(raw: Any, index: int, by_code: dict[str, FieldSpec], err) -> CrossCheck | None:
    if not isinstance(raw, dict):
        err(f"第{index}条跨字段校验应为映射，如 {{rule: gte, field: end_date, other: start_date}}")
        return None
    where = f"第{index}条跨字段校验"
    problems = 0

    def bad(message: str) -> None:
        nonlocal problems
        problems += 1
        err(f"{where}{message}")

    for key in sorted(set(raw) - _CROSS_KEYS, key=str):
        bad(f"有未知配置项“{key}”")
    rule = raw.get("rule")
    if rule not in CROSS_RULES:
        bad(f"的规则“{rule}”无效（可选：{'、'.join(CROSS_RULES)}）")
        return None
    target = raw.get("field")
    other = raw.get("other")
    factors = _str_list(raw.get("factors", [])) or []
    tolerance = raw.get("tolerance", 0)
    names = [target] + ([other] if other is not None else []) + factors
    for name in names:
        if not isinstance(name, str) or name not in by_code:
            bad(f"引用了不存在的字段“{name}”")
    if problems:
        return None
    kinds = {_kind(by_code[n].type) for n in names}
    if rule in COMPARISON_RULES:
        if other is None or factors:
            bad(f"（{rule}）需要 field 和 other 两个字段，不用 factors")
        elif len(kinds) != 1 or kinds == {None}:
            bad(f"（{rule}）只能比较同类字段（数值与数值、日期与日期）")
    else:
        if other is not None or len(factors) < 2:
            bad(f"（{rule}）需要 field 和至少两个 factors 字段，不用 other")
        elif kinds != {"number"}:
            bad(f"（{rule}）的字段都应为整数或数值类型")
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | float) or not 0 <= tolerance < 1:
        bad("的允许误差（tolerance）应为0到1之间的小数，如 0.01 表示 1%")
    message = raw.get("message")
    if message is not None and not isinstance(message, str):
        bad("的提示（message）应为文本")
    if problems:
        return None
    return CrossCheck(
        rule=rule,
        field=target,
        other=other,
        factors=tuple(factors),
        tolerance=float(tolerance) if tolerance else 0.0,
        message=message,
    )


def _kind(ftype: str) -> str | None:
    if ftype in NUMERIC_TYPES:
        return "number"
    if ftype in TEMPORAL_TYPES:
        return "time"
    return None


def parse_bound(ftype: str, value: Any) -> Any:
    """The typed value of a `min`/`max` bound, or None when it does not fit the field type."""
    if isinstance(value, bool):
        return None
    try:
        if ftype == "integer":
            if isinstance(value, float) and not value.is_integer():
                return None
            return int(value) if isinstance(value, int | float) else int(str(value).strip())
        if ftype == "decimal":
            number = Decimal(str(value).strip())
            return number if number.is_finite() else None
        if ftype == "date":
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            return dt.date.fromisoformat(str(value).strip())
        if ftype == "datetime":
            if isinstance(value, dt.datetime):
                return value
            if isinstance(value, dt.date):
                return dt.datetime(value.year, value.month, value.day)
            return dt.datetime.fromisoformat(str(value).strip())
    except (ValueError, InvalidOperation):
        return None
    return None
