"""The fill-in template (填报模板) of one dataset version, as .xlsx.

Sheet 1, named after the dataset (the upload reader picks the sheet named like the dataset):
one header row of the fields' Chinese names — required ones marked with a leading "*", which the
header matcher ignores — so a filled template uploads as it is and errors name the same rows as
in Excel. Columns are formatted for what they hold: codes and other texts as text ("@", so a
credit code is never turned into a number), dates as dates, amounts with separators. Enum and
yes/no fields get a drop-down list (data validation over a hidden sheet of values, so long lists
are not cut at Excel's 255 characters). Each header cell carries a comment with the field code
and what to fill.

Sheet 2, 填写说明: the dataset (code, version, key, frequency, period field, row rules) and one
row per field: name, code, type, required, allowed values, format, range, example, notes.

Every cell is built through `core.exporters.xlsx.safe_cell`: no text from the catalog can become a
live formula.
"""

from __future__ import annotations

import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gongzhi.core.exporters import atomic_output
from gongzhi.core.exporters.xlsx import MAX_SHEET_TITLE, SHEET_TITLE_FORBIDDEN, safe_cell
from gongzhi.exchange.catalog_xlsx import CHECK_LABELS
from gongzhi.exchange.validation import messages, synthetic
from gongzhi.exchange.validation.checks import CHECKS
from gongzhi.exchange.validation.spec import FIELD_TYPES, FREQUENCIES, POLICIES, DatasetSpec, FieldSpec

TEMPLATE_ROWS = 1000  # rows that get the drop-down lists and column formats
VALUES_SHEET = "可选值"
HELP_SHEET = "填写说明"
HELP_COLUMNS = ["字段名称", "字段代码", "类型", "必填", "可选值", "格式要求", "取值范围", "示例", "说明"]
HEAD_FONT, HEAD_FILL = Font(bold=True), PatternFill("solid", fgColor="DDE6F1")
REQUIRED_FONT = Font(bold=True, color="C00000")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
BOOLEAN_VALUES = ("是", "否")


def _sheet_title(text: str) -> str:
    return (text.translate(SHEET_TITLE_FORBIDDEN).strip("' ") or "数据")[:MAX_SHEET_TITLE]


def header_text(spec: DatasetSpec, f: FieldSpec) -> str:
    """The header of a field in the template: its name, '*' in front when it must be filled."""
    return f"*{f.name}" if spec.is_required(f) else f.name


def allowed_values(f: FieldSpec) -> tuple[str, ...]:
    if f.type == "enum":
        return f.values
    if f.type == "boolean":
        return BOOLEAN_VALUES
    return ()


def type_text(f: FieldSpec) -> str:
    text = FIELD_TYPES.get(f.type, f.type)
    if f.type == "decimal":
        text += f"（最多{f.decimal_scale}位小数）" if f.decimal_scale else "（不带小数）"
    return text


def format_text(spec: DatasetSpec, f: FieldSpec) -> str:
    parts: list[str] = []
    if f.check:
        parts.append(f"{CHECK_LABELS.get(f.check, f.check)}，系统校验格式和校验位")
        if CHECKS[f.check].code_like:
            parts.append("请以文本填写（本列已设为文本格式），不要以数字或科学计数法保存")
    if f.pattern:
        parts.append(f.pattern_message or f"须符合格式 {f.pattern}")
    if f.code == spec.period_field:
        parts.append("须在本次报送期间内")
    if f.type == "date":
        parts.append("日期，如 2025-06-30、2025/6/30、2025年6月30日")
    elif f.type == "datetime":
        parts.append("日期时间，如 2025-06-30 14:30:00")
    elif f.type == "decimal":
        parts.append("数字，可带千分位逗号，如 1,234.50")
    elif f.type == "integer":
        parts.append("整数")
    elif f.type in ("enum", "boolean"):
        parts.append("从下拉列表中选择")
    if f.max_length:
        parts.append(f"不超过{f.max_length}个字符")
    return "；".join(parts)


def range_text(f: FieldSpec) -> str:
    if f.min is not None and f.max is not None:
        return f"{f.min} 至 {f.max}"
    if f.min is not None:
        return f"≥ {f.min}"
    if f.max is not None:
        return f"≤ {f.max}"
    return ""


def example(spec: DatasetSpec, f: FieldSpec) -> str:
    """A value that passes the field's checks (synthetic codes, 合成示例)."""
    rng = random.Random(f"{spec.code}.{f.code}")
    if f.type in ("enum", "boolean"):
        return allowed_values(f)[0] if allowed_values(f) else ""
    if f.check == "uscc":
        return synthetic.uscc(rng)
    if f.check == "id_card":
        return synthetic.id_card(rng)
    if f.check == "unit_no":
        return synthetic.unit_no(rng)
    if f.check == "phone":
        return "0533-6181234"
    if f.check == "area_code":
        return synthetic.DISTRICT
    if f.check == "industry_code":
        return "H61"
    if f.code == spec.period_field and f.type == "text":
        return "2025-06"
    if f.type == "date":
        return "2025-06-30"
    if f.type == "datetime":
        return "2025-06-30 14:30:00"
    if f.type == "integer":
        value = 12
    elif f.type == "decimal":
        value = 1234.5
    else:
        return ""
    if f.min is not None and value < float(f.min):
        value = f.min
    if f.max is not None and value > float(f.max):
        value = f.max
    if f.type == "decimal":
        return f"{float(value):,.{min(f.decimal_scale, 2)}f}"
    return str(value)


def _number_format(f: FieldSpec) -> str:
    if f.type == "date":
        return DATE_FORMAT
    if f.type == "datetime":
        return DATETIME_FORMAT
    if f.type == "integer":
        return "0"
    if f.type == "decimal":
        return "#,##0" + ("." + "0" * f.decimal_scale if f.decimal_scale else "")
    return "@"


def _dataset_notes(spec: DatasetSpec, version: int | None) -> list[tuple[str, str]]:
    key_names = "、".join(spec.get_field(c).name for c in spec.key)
    notes = [
        ("数据项", f"{spec.name}（{spec.code}）" + (f" 规范第{version}版" if version else "")),
        ("报送频次", FREQUENCIES.get(spec.frequency, spec.frequency)),
    ]
    if spec.due_day:
        notes.append(("报送时限", f"期后{spec.due_day}日内报送"))
    notes.append(("错误处理", POLICIES.get(spec.policy, spec.policy)))
    notes.append(
        (
            "主键",
            f"{key_names}（同一文件中不得重复）" if key_names else "无主键；完全相同的两行视为重复",
        )
    )
    if spec.period_field:
        notes.append(("期间字段", f"{spec.get_field(spec.period_field).name}：须在本次报送期间内"))
    for index in range(len(spec.required_one_of)):
        notes.append((f"至少填一项（{index + 1}）", messages.message(f"one_of:{index}", spec=spec)))
    for index in range(len(spec.cross_checks)):
        notes.append((f"交叉校验（{index + 1}）", messages.cross_message(spec, index)))
    notes.append(
        (
            "填写方法",
            f"在“{_sheet_title(spec.name)}”工作表第2行起逐行填写，不要修改第1行表头；"
            "带 * 的列必须填写；上传时也可另存为 CSV（UTF-8）。",
        )
    )
    return notes


def write_template_xlsx(spec: DatasetSpec, path: Path, *, version: int | None = None) -> Path:
    """Write the fill-in template of `spec` to `path` (atomically) and return the path."""
    book = Workbook()
    data = book.active
    data.title = _sheet_title(spec.name)
    data.append([safe_cell(data, header_text(spec, f)) for f in spec.fields])
    choices_by_column: dict[int, tuple[str, ...]] = {}
    for index, f in enumerate(spec.fields, start=1):
        letter = get_column_letter(index)
        cell = data.cell(row=1, column=index)
        cell.font = REQUIRED_FONT if spec.is_required(f) else HEAD_FONT
        cell.fill, cell.alignment = HEAD_FILL, Alignment(horizontal="center", wrap_text=True)
        tip = "\n".join(
            p
            for p in (
                f"字段代码：{f.code}",
                f"类型：{type_text(f)}",
                "必填" if spec.is_required(f) else "选填",
                format_text(spec, f),
                range_text(f) and f"取值范围：{range_text(f)}",
            )
            if p
        )
        cell.comment = Comment(tip, "共治")
        dimension = data.column_dimensions[letter]
        dimension.width = max(14, min(40, len(f.name) * 2 + 4))
        dimension.number_format = _number_format(f)
        choices = allowed_values(f)
        if choices:
            choices_by_column[index] = choices
            source = f"'{VALUES_SHEET}'!${letter}$1:${letter}${len(choices)}"
            rule = DataValidation(
                type="list",
                formula1=source,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="不在可选值范围内",
                error=f"{f.name}请从下拉列表中选择",
            )
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            data.add_data_validation(rule)
    data.freeze_panes = "A2"
    if choices_by_column:
        values_sheet = book.create_sheet(VALUES_SHEET)
        values_sheet.sheet_state = "hidden"
        for row in range(max(len(c) for c in choices_by_column.values())):
            values_sheet.append(
                [
                    safe_cell(values_sheet, c[row]) if c and row < len(c) else None
                    for c in (choices_by_column.get(i, ()) for i in range(1, len(spec.fields) + 1))
                ]
            )

    help_sheet = book.create_sheet(HELP_SHEET, 1)
    for label, text in _dataset_notes(spec, version):
        help_sheet.append([safe_cell(help_sheet, label), safe_cell(help_sheet, text)])
        help_sheet.cell(row=help_sheet.max_row, column=1).font = HEAD_FONT
    help_sheet.append([])
    head_row = help_sheet.max_row + 1
    help_sheet.append([safe_cell(help_sheet, c) for c in HELP_COLUMNS])
    for cell in help_sheet[head_row]:
        cell.font, cell.fill = HEAD_FONT, HEAD_FILL
    for f in spec.fields:
        help_sheet.append(
            [
                safe_cell(help_sheet, value)
                for value in (
                    f.name,
                    f.code,
                    type_text(f),
                    "是" if spec.is_required(f) else "否",
                    "、".join(allowed_values(f)),
                    format_text(spec, f),
                    range_text(f),
                    example(spec, f),
                    "、".join(
                        p for p in (f.description or "", "个人信息，依法使用" if f.personal else "") if p
                    ),
                )
            ]
        )
    for letter, width in zip("ABCDEFGHI", (22, 16, 16, 6, 24, 48, 16, 24, 24), strict=True):
        help_sheet.column_dimensions[letter].width = width
    for row in help_sheet.iter_rows(min_row=1):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    book.properties.creator = "共治"
    book.properties.title = f"{spec.name}填报模板"
    target = Path(path)
    with atomic_output(target) as handle:
        book.save(handle)
    return target
