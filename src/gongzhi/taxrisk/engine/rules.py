"""Risk rules as data: `R01_<slug>.sql` (one SELECT returning leads) + `R01_<slug>.yml` (metadata).

The YAML holds: code, name (Chinese), description, datasets, industry (key industry, may be
empty), severity (high/medium/low), legal_basis, tax_estimate (how the tax at risk is
estimated), params (name -> {type, default, label}) and edges (how each edge is treated).
Parameter types: integer, decimal(p,s), text, date, boolean. The SQL refers to a parameter as
`$name`; the engines bind it, cast to its declared type, never paste it into the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from gongzhi.core.money import parse_amount

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
# R01…: risk rules (rows are leads); P01…: policy-push rules (rows are taxpayers eligible for a
# preference and not enjoying it; the credit app's push campaigns run them)
CODE_RE = re.compile(r"^[RP]\d{2,3}$")
FILE_RE = re.compile(r"^([RP]\d{2,3})_[a-z0-9_]+$")
PARAM_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DECIMAL_TYPE_RE = re.compile(r"^decimal\((\d{1,2}),\s*(\d{1,2})\)$")
SEVERITIES = {"high": "高", "medium": "中", "low": "低"}
REQUIRED_KEYS = ("code", "name", "datasets", "severity", "legal_basis", "tax_estimate", "edges")
# Bound by the engines on every run (the period window); rules may use them to prune.
BUILTIN_PARAMS = {"period_from": "0000-00", "period_to": "9999-99"}


class RuleError(Exception):
    """A rule is refused or failed; `message` is Chinese and names the rule."""

    def __init__(self, message: str, *, rule: str | None = None):
        self.message = message
        self.rule = rule
        super().__init__(message)


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # integer | decimal(p,s) | text | date | boolean
    default: Any
    label: str = ""

    @property
    def sql_type(self) -> str:
        """The DuckDB type a bound value is cast to."""
        if self.type == "integer":
            return "BIGINT"
        if self.type == "text":
            return "VARCHAR"
        if self.type == "date":
            return "DATE"
        if self.type == "boolean":
            return "BOOLEAN"
        precision, scale = _decimal_type(self.type)
        return f"DECIMAL({precision}, {scale})"

    def coerce(self, value: Any) -> Any:
        """The Python value to bind (Decimal, int, str, date, bool); ValueError if it does not fit."""
        if value is None:
            raise ValueError("不能为空")
        if self.type == "integer":
            if isinstance(value, bool) or (isinstance(value, float | Decimal) and value != int(value)):
                raise ValueError(f"应为整数：{value!r}")
            try:
                if isinstance(value, str):
                    number = parse_amount(value)
                    if number != int(number):
                        raise ValueError(value)
                    return int(number)
                return int(value)
            except (TypeError, ValueError):
                raise ValueError(f"应为整数：{value!r}") from None
        if self.type == "text":
            if not isinstance(value, str):
                raise ValueError(f"应为文本：{value!r}")
            return value
        if self.type == "date":
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, dt.date):
                return value
            try:
                return dt.date.fromisoformat(str(value))
            except ValueError:
                raise ValueError(f"应为日期（YYYY-MM-DD）：{value!r}") from None
        if self.type == "boolean":
            if isinstance(value, bool):
                return value
            raise ValueError(f"应为是/否：{value!r}")
        precision, scale = _decimal_type(self.type)
        if isinstance(value, bool):
            raise ValueError(f"应为数值：{value!r}")
        try:
            # a typed amount may carry separators: 100,000 (core.money, the one amount reader)
            number = (
                Decimal(str(value))
                if isinstance(value, float)
                else parse_amount(value)
                if isinstance(value, str)
                else Decimal(value)
            )
        except (InvalidOperation, TypeError, ValueError):
            raise ValueError(f"应为数值：{value!r}") from None
        if not number.is_finite():
            raise ValueError(f"应为数值：{value!r}")
        quantum = Decimal(1).scaleb(-scale)
        rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
        if rounded != number:
            raise ValueError(f"小数位数超过{scale}位：{value}")
        if abs(rounded) >= Decimal(10) ** (precision - scale):
            raise ValueError(f"数值过大：{value}")
        return rounded


def _decimal_type(text: str) -> tuple[int, int]:
    match = DECIMAL_TYPE_RE.match(text)
    if not match:
        raise ValueError(text)
    precision, scale = int(match.group(1)), int(match.group(2))
    if not (1 <= precision <= 38 and 0 <= scale <= precision):
        raise ValueError(text)
    return precision, scale


@dataclass(frozen=True, eq=False)
class Rule:
    code: str
    name: str
    sql: str
    datasets: tuple[str, ...]
    params: Mapping[str, Param] = field(default_factory=dict)
    slug: str = ""
    description: str = ""
    industry: str = ""
    severity: str = "medium"
    legal_basis: str = ""
    tax_estimate: str = ""
    edges: str = ""
    path: Path | None = None

    @property
    def title(self) -> str:
        """How messages name the rule: 规则 R01（不动产转让未申报）."""
        return f"规则 {self.code}（{self.name}）"

    @property
    def severity_label(self) -> str:
        return SEVERITIES.get(self.severity, self.severity)

    def defaults(self) -> dict[str, Any]:
        return {name: p.default for name, p in self.params.items()}

    def bind(self, override: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Declared parameters with defaults, overridden, coerced to their types."""
        values = self.defaults()
        for name, value in (override or {}).items():
            if name not in self.params:
                raise RuleError(f"{self.title}没有参数“{name}”", rule=self.code)
            try:
                values[name] = self.params[name].coerce(value)
            except ValueError as exc:
                raise RuleError(f"{self.title}的参数“{name}”取值无效：{exc}", rule=self.code) from None
        return values


def _parse_params(code: str, raw: Any) -> dict[str, Param]:
    if raw in (None, {}):
        return {}
    if not isinstance(raw, Mapping):
        raise RuleError(f"规则 {code} 的参数（params）应为“名称: 定义”的映射", rule=code)
    params: dict[str, Param] = {}
    for name, spec in raw.items():
        if not isinstance(name, str) or not PARAM_NAME_RE.match(name):
            raise RuleError(
                f"规则 {code} 的参数名“{name}”无效（小写字母开头，仅含小写字母、数字、下划线）", rule=code
            )
        if name in BUILTIN_PARAMS:
            raise RuleError(f"规则 {code} 不能声明保留参数“{name}”（由引擎按期间范围绑定）", rule=code)
        if not isinstance(spec, Mapping) or "type" not in spec or "default" not in spec:
            raise RuleError(f"规则 {code} 的参数“{name}”须写明 type 和 default", rule=code)
        type_ = str(spec["type"]).replace(" ", "").lower()
        if type_ not in ("integer", "text", "date", "boolean"):
            try:
                precision, scale = _decimal_type(type_)
            except ValueError:
                raise RuleError(f"规则 {code} 的参数“{name}”类型“{spec['type']}”不支持", rule=code) from None
            type_ = f"decimal({precision},{scale})"
        param = Param(name=name, type=type_, default=None, label=str(spec.get("label", "")))
        try:
            default = param.coerce(spec["default"])
        except ValueError as exc:
            raise RuleError(f"规则 {code} 的参数“{name}”默认值无效：{exc}", rule=code) from None
        params[name] = Param(name=name, type=type_, default=default, label=param.label)
    return params


def parse_rule(
    sql: str,
    meta: Mapping[str, Any] | str,
    *,
    slug: str = "",
    path: Path | None = None,
    check: bool = True,
    known_datasets: Collection[str] | None = None,
) -> Rule:
    """Build a `Rule` from its SQL text and metadata (a mapping or YAML text); check the SQL.
    `known_datasets`: the demand list's dataset codes, if the caller has them (a rule naming
    another dataset is refused); runs check the datasets and fields again."""
    if isinstance(meta, str):
        try:
            meta = yaml.safe_load(meta)
        except yaml.YAMLError as exc:
            raise RuleError(f"规则 {slug or '（未命名）'} 的元数据不是有效的 YAML：{exc}") from None
    if not isinstance(meta, Mapping):
        raise RuleError(f"规则 {slug or '（未命名）'} 的元数据应为映射")
    code = str(meta.get("code", "")).strip()
    if not CODE_RE.match(code):
        raise RuleError(f"规则 {slug or '（未命名）'} 的编号“{code}”无效（应为 R01 或 P01 这样的编号）")
    missing = [k for k in REQUIRED_KEYS if meta.get(k) in (None, "", [])]
    if missing:
        raise RuleError(f"规则 {code} 的元数据缺少：{'、'.join(missing)}", rule=code)
    datasets = meta["datasets"]
    if isinstance(datasets, str) or not isinstance(datasets, Iterable):
        raise RuleError(f"规则 {code} 的数据集（datasets）应为列表", rule=code)
    datasets = tuple(str(d) for d in datasets)
    if known_datasets is not None and (unknown := [d for d in datasets if d not in known_datasets]):
        raise RuleError(f"规则 {code} 声明了需求清单中没有的数据集：{'、'.join(unknown)}", rule=code)
    severity = str(meta["severity"])
    if severity not in SEVERITIES:
        raise RuleError(f"规则 {code} 的风险等级“{severity}”无效（应为 high、medium 或 low）", rule=code)
    rule = Rule(
        code=code,
        name=str(meta["name"]),
        sql=sql,
        datasets=datasets,
        params=_parse_params(code, meta.get("params")),
        slug=slug,
        description=str(meta.get("description") or ""),
        industry=str(meta.get("industry") or ""),
        severity=severity,
        legal_basis=str(meta["legal_basis"]).strip(),
        tax_estimate=str(meta["tax_estimate"]).strip(),
        edges=str(meta["edges"]).strip(),
        path=path,
    )
    if check:
        from gongzhi.taxrisk.engine.sqlcheck import check_rule

        check_rule(rule)
    return rule


def load_rule(path: Path | str, *, check: bool = True) -> Rule:
    """Load `R01_<slug>.sql` and its `.yml` (either path may be given)."""
    path = Path(path)
    sql_path, yml_path = path.with_suffix(".sql"), path.with_suffix(".yml")
    match = FILE_RE.match(sql_path.stem)
    if not match:
        raise RuleError(f"规则文件名“{sql_path.name}”无效（应为 R01_英文名.sql）")
    for p in (sql_path, yml_path):
        if not p.is_file():
            raise RuleError(f"规则 {match.group(1)} 缺少文件 {p.name}", rule=match.group(1))
    rule = parse_rule(
        sql_path.read_text("utf-8"),
        yml_path.read_text("utf-8"),
        slug=sql_path.stem,
        path=sql_path,
        check=check,
    )
    if rule.code != match.group(1):
        raise RuleError(f"规则文件 {sql_path.name} 的编号与元数据中的 {rule.code} 不一致", rule=rule.code)
    return rule


def load_rules(
    directory: Path | str | None = None, codes: Iterable[str] | None = None, *, check: bool = True
) -> list[Rule]:
    """Every rule in `directory` (default: the packaged rules), in code order."""
    directory = Path(directory) if directory is not None else RULES_DIR
    wanted = set(codes) if codes is not None else None
    rules = []
    for sql_path in sorted(directory.glob("[RP]*_*.sql")):
        code = sql_path.stem.split("_", 1)[0]
        if wanted is None or code in wanted:
            rules.append(load_rule(sql_path, check=check))
    seen: set[str] = set()
    for rule in rules:
        if rule.code in seen:
            raise RuleError(f"规则编号 {rule.code} 重复", rule=rule.code)
        seen.add(rule.code)
    if wanted is not None and (absent := wanted - seen):
        raise RuleError(f"找不到规则：{'、'.join(sorted(absent))}")
    return rules
