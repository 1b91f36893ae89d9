"""The demand list as the .xlsx the office keeps today: one sheet of datasets, one of fields.

需求清单: 序号 | 数据项 | 代码 | 提供单位 | 使用单位 | 更新频率 | 报送日 | 主键 | 错误处理 | 期间字段 | 至少填一项 | 交叉校验 | 依据 | 用途 | 说明 | 替换方式
字段:     数据项代码 | 字段代码 | 字段名称 | 类型 | 必填 | 校验 | 个人信息 | 最小值 | 最大值 | 枚举值 | 格式 | 格式说明
Lists inside a cell are separated by 、 (units, key, enum values); 至少填一项 groups by ；with
the fields of a group joined by /; 交叉校验 is YAML flow text.
"""

import io
from pathlib import Path

import yaml
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from gongzhi.core.exceptions import ApplicationError, ErrorCode, FileRowError
from gongzhi.core.exporters.xlsx import safe_cell
from gongzhi.core.tabular import check_xlsx_archive
from gongzhi.exchange.validation.spec import FIELD_TYPES, FREQUENCIES, POLICIES, REPLACE_MODES

DATASET_COLUMNS = [
    "序号",
    "数据项",
    "代码",
    "提供单位",
    "使用单位",
    "更新频率",
    "报送日",
    "主键",
    "错误处理",
    "期间字段",
    "至少填一项",
    "交叉校验",
    "依据",
    "用途",
    "说明",
    "替换方式",
]
FIELD_COLUMNS = [
    "数据项代码",
    "数据项名称",  # for people; the reader goes by the code
    "字段代码",
    "字段名称",
    "类型",
    "必填",
    "校验",
    "个人信息",
    "最小值",
    "最大值",
    "枚举值",
    "格式",
    "格式说明",
    "小数位数",
]
CHECK_LABELS = {
    "uscc": "统一社会信用代码",
    "id_card": "居民身份证号",
    "unit_no": "不动产单元号",
    "phone": "电话",
    "area_code": "行政区划代码",
    "industry_code": "行业代码",
}
_BY_LABEL = {
    "type": {v: k for k, v in FIELD_TYPES.items()},
    "frequency": {v: k for k, v in FREQUENCIES.items()},
    "policy": {v: k for k, v in POLICIES.items()},
    "replace": {v: k for k, v in REPLACE_MODES.items()},
    "check": {v: k for k, v in CHECK_LABELS.items()},
}


def _split(text, sep="、") -> list[str]:
    return [p.strip() for p in str(text or "").replace("，", sep).replace(",", sep).split(sep) if p.strip()]


def _code(kind: str, value, *, file: str, row: int, column: str) -> str | None:
    value = str(value or "").strip()
    if not value:
        return None
    table = _BY_LABEL[kind]
    if value in table.values():
        return value
    if value in table:
        return table[value]
    raise FileRowError(
        file=file,
        row=row,
        field=column,
        message=_("“%(value)s”无法识别（可选：%(names)s）") % {"value": value, "names": "、".join(table)},
    )


def _yes(value) -> bool:
    return str(value or "").strip() in {"是", "Y", "y", "true", "True", "1", "√"}


def _header(rows: list, required: tuple[str, ...], *, file: str, missing: str) -> list[str]:
    """The first row of a sheet as column names; FileRowError on row 1 for a required one absent."""
    header = [str(h).strip() for h in rows[0]] if rows else []
    for column in required:
        if column not in header:
            raise FileRowError(file=file, row=1, field=column, message=missing)
    return header


def read_catalog_xlsx(data: bytes, filename: str) -> list[dict]:
    check_xlsx_archive(data, filename)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    except Exception as exc:
        raise ApplicationError(
            ErrorCode.INVALID_FILE,
            _("文件“%(filename)s”无法读取：%(reason)s") % {"filename": filename, "reason": exc},
        ) from exc
    if "需求清单" not in sheets or "字段" not in sheets:
        raise ApplicationError(
            ErrorCode.INVALID_FILE,
            _("文件“%(filename)s”应包含“需求清单”和“字段”两个工作表") % {"filename": filename},
        )
    datasets: dict[str, dict] = {}
    rows = sheets["需求清单"]
    header = _header(rows, ("数据项", "代码", "提供单位"), file=filename, missing=_("“需求清单”缺少必需的列"))
    for number, raw in enumerate(rows[1:], start=2):
        values = dict(zip(header, raw, strict=False))
        code = str(values.get("代码") or "").strip()
        if not code:
            continue
        entry = {
            "code": code,
            "name": str(values.get("数据项") or "").strip(),
            "provider_units": _split(values.get("提供单位")),
            "fields": [],
        }
        if consumers := _split(values.get("使用单位")):
            entry["consumer_units"] = consumers
        if frequency := _code(
            "frequency", values.get("更新频率"), file=filename, row=number, column="更新频率"
        ):
            entry["frequency"] = frequency
        if values.get("报送日") not in (None, ""):
            entry["due_day"] = int(float(values["报送日"]))
        if key := _split(values.get("主键")):
            entry["key"] = key
        if policy := _code("policy", values.get("错误处理"), file=filename, row=number, column="错误处理"):
            entry["policy"] = policy
        if replace := _code("replace", values.get("替换方式"), file=filename, row=number, column="替换方式"):
            entry["replace"] = replace
        if period_field := str(values.get("期间字段") or "").strip():
            entry["period_field"] = period_field
        if groups := _split(values.get("至少填一项"), "；"):
            entry["required_one_of"] = [[f.strip() for f in g.split("/") if f.strip()] for g in groups]
        if cross := str(values.get("交叉校验") or "").strip():
            try:
                entry["cross_checks"] = yaml.safe_load(cross)
            except yaml.YAMLError as exc:
                raise FileRowError(
                    file=filename,
                    row=number,
                    field="交叉校验",
                    message=_("格式错误：%(reason)s") % {"reason": exc},
                ) from exc
        for column, key in (("依据", "legal_basis"), ("用途", "purpose"), ("说明", "description")):
            if text := str(values.get(column) or "").strip():
                entry[key] = text
        if code in datasets:
            raise FileRowError(
                file=filename,
                row=number,
                field="代码",
                message=_("数据项代码“%(code)s”重复") % {"code": code},
            )
        datasets[code] = entry
    rows = sheets["字段"]
    header = _header(
        rows,
        ("数据项代码", "字段代码", "字段名称", "类型"),
        file=filename,
        missing=_("“字段”工作表缺少必需的列"),
    )
    for number, raw in enumerate(rows[1:], start=2):
        values = dict(zip(header, raw, strict=False))
        dataset_code = str(values.get("数据项代码") or "").strip()
        if not dataset_code:
            continue
        if dataset_code not in datasets:
            raise FileRowError(
                file=filename,
                row=number,
                field="数据项代码",
                message=_("“%(dataset_code)s”不在“需求清单”工作表中") % {"dataset_code": dataset_code},
            )
        field = {
            "code": str(values.get("字段代码") or "").strip(),
            "name": str(values.get("字段名称") or "").strip(),
            "type": _code("type", values.get("类型"), file=filename, row=number, column="类型") or "text",
        }
        if _yes(values.get("必填")):
            field["required"] = True
        if check := _code("check", values.get("校验"), file=filename, row=number, column="校验"):
            field["check"] = check
        if _yes(values.get("个人信息")):
            field["personal"] = True
        for column, key in (("最小值", "min"), ("最大值", "max")):
            value = values.get(column)
            if value not in (None, ""):
                # Excel keeps every number as a float: 2000.0 is the 2000 the YAML wrote
                field[key] = int(value) if isinstance(value, float) and value.is_integer() else value
        if enum := _split(values.get("枚举值")):
            field["values"] = enum
        if pattern := str(values.get("格式") or "").strip():
            field["pattern"] = pattern
        if message := str(values.get("格式说明") or "").strip():
            field["pattern_message"] = message
        scale = values.get("小数位数")
        if scale not in (None, ""):
            try:
                field["scale"] = int(scale)
            except (TypeError, ValueError):
                raise FileRowError(
                    file=filename,
                    row=number,
                    field="小数位数",
                    message=_("“%(scale)s”不是整数") % {"scale": scale},
                ) from None
        datasets[dataset_code]["fields"].append(field)
    if not datasets:
        raise ApplicationError(
            ErrorCode.INVALID_FILE, _("文件“%(filename)s”中没有数据项") % {"filename": filename}
        )
    return list(datasets.values())


def _append(ws, values: list) -> None:
    """One row of catalog text: never a live formula (`core.exporters.xlsx.safe_cell`)."""
    ws.append([safe_cell(ws, v) for v in values])


def write_catalog_xlsx(entries: list[dict], path: Path) -> Path:
    book = Workbook()
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F1")
    sheet = book.active
    sheet.title = "需求清单"
    sheet.append([safe_cell(sheet, c) for c in DATASET_COLUMNS])
    fields = book.create_sheet("字段")
    fields.append([safe_cell(fields, c) for c in FIELD_COLUMNS])
    for number, entry in enumerate(entries, start=1):
        _append(
            sheet,
            [
                number,
                entry["name"],
                entry["code"],
                "、".join(entry.get("provider_units", [])),
                "、".join(entry.get("consumer_units", [])),
                FREQUENCIES.get(entry.get("frequency", ""), ""),
                entry.get("due_day"),
                "、".join(entry.get("key", [])),
                POLICIES.get(entry.get("policy", ""), ""),
                entry.get("period_field", ""),
                "；".join("/".join(g) for g in entry.get("required_one_of", [])),
                yaml.safe_dump(entry["cross_checks"], allow_unicode=True, default_flow_style=True).strip()
                if entry.get("cross_checks")
                else "",
                entry.get("legal_basis", ""),
                entry.get("purpose", ""),
                entry.get("description", ""),
                REPLACE_MODES[entry["replace"]] if entry.get("replace", "submission") != "submission" else "",
            ],
        )
        for field in entry["fields"]:
            _append(
                fields,
                [
                    entry["code"],
                    entry["name"],
                    field["code"],
                    field["name"],
                    FIELD_TYPES.get(field.get("type", "text")),
                    "是" if field.get("required") else "",
                    CHECK_LABELS.get(field.get("check", ""), ""),
                    "是" if field.get("personal") else "",
                    field.get("min"),
                    field.get("max"),
                    "、".join(field.get("values", [])),
                    field.get("pattern", ""),
                    field.get("pattern_message", ""),
                    field.get("scale"),
                ],
            )
    for ws in (sheet, fields):
        for cell in ws[1]:
            cell.font, cell.fill, cell.alignment = head_font, head_fill, Alignment(horizontal="center")
        ws.freeze_panes = "A2"
        for column in ws.columns:
            ws.column_dimensions[column[0].column_letter].width = 16
    book.save(path)
    return path
