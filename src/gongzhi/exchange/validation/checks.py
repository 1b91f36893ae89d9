"""Checks of codes used in tax-related data, in two forms that must agree.

Each check exists as a plain Python function (one value: the API look-ups, the single-value
path) and as a DuckDB SQL expression (a whole column at once: the bulk path). Both return an
error code (``"uscc_checksum"``…) or None for a valid value; `messages.py` turns codes into
Chinese text. A property test runs both forms over generated valid and invalid codes.

The functions expect a value that has been trimmed, folded from full-width to half-width and
upper-cased (`clean_code`); the bulk path does the same in SQL before the check.

Regular expressions here are written in the subset shared by Python's `re` and RE2 (DuckDB):
explicit character classes ([0-9], never \\d, which in Python also matches other scripts'
digits), no look-around, no back-references.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from gongzhi.core.codes import (
    ID_CHECK_CHARS,
    ID_RE,
    ID_WEIGHTS,
    USCC_CHARSET,
    USCC_RE,
    USCC_WEIGHTS,
    id_check_char,
    uscc_check_char,
)

# GB/T 2260 province-level divisions (省级行政区划代码的前两位).
PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
}
# Residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证) use 81, 82, 83.
ID_CARD_PREFIXES: tuple[str, ...] = (*PROVINCES, "83")

# 统一社会信用代码 (GB 32100-2015) and 公民身份号码 (GB 11643-1999): constants and check
# characters in `gongzhi.core.codes`.
ID_OLD_RE = "[0-9]{15}"
ID_MIN_BIRTH = dt.date(1900, 1, 1)
ID_MAX_BIRTH = dt.date(2099, 12, 31)

# 不动产单元号 (GB/T 37346-2019), 28 characters:
#   6 行政区划代码 + 6 地籍区(3)/地籍子区(3) + 2 宗地（宗海）特征码 + 5 宗地顺序号
#   + 1 定着物特征码 (F 房屋等建筑物、构筑物, L 森林林木, Q 其他, W 无定着物) + 8 定着物单元号.
# 宗地特征码: first letter G 国有, J 集体, Z 争议, H 海域; second letter the right type.
UNIT_NO_RE = "[0-9]{12}[GJZH][A-Z][0-9]{5}[FLQW][0-9]{8}"

# Mobile 1[3-9] + 9 digits (spaces or hyphens allowed as 3-4-4); fixed line 0 + 2-3 digit area
# code, 7-8 digit number, optional extension (-123, 转123, #123, ext123).
PHONE_RE = (
    "(?:1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}|0[0-9]{2,3}[- ]?[1-9][0-9]{6,7}(?:(?:-|转|#|EXT)[0-9]{1,6})?)"
)
AREA_CODE_RE = "[0-9]{6}"

# The canonical shapes used by the engine's fast path: the province prefix (and for 不动产单元号
# the W rule) inside the pattern, so that a value matching it needs no further test of these.
_PROVINCE_RE = "(?:" + "|".join(PROVINCES) + ")"
ID_FAST_RE = "(?:" + "|".join(ID_CARD_PREFIXES) + ")[0-9]{15}[0-9X]"
UNIT_NO_FAST_RE = _PROVINCE_RE + "[0-9]{10}[GJZH][A-Z][0-9]{5}(?:[FLQ][0-9]{8}|W00000000)"
AREA_CODE_FAST_RE = _PROVINCE_RE + "[0-9]{4}"

# GB/T 4754-2017: 门类 letter and the range of its 大类 codes.
INDUSTRY_SECTIONS: dict[str, tuple[int, int]] = {
    "A": (1, 5),
    "B": (6, 12),
    "C": (13, 43),
    "D": (44, 46),
    "E": (47, 50),
    "F": (51, 52),
    "G": (53, 60),
    "H": (61, 62),
    "I": (63, 65),
    "J": (66, 69),
    "K": (70, 70),
    "L": (71, 72),
    "M": (73, 75),
    "N": (76, 79),
    "O": (80, 82),
    "P": (83, 83),
    "Q": (84, 85),
    "R": (86, 90),
    "S": (91, 96),
    "T": (97, 97),
}
INDUSTRY_RE = "[A-T][0-9]{2}"
INDUSTRY_MAJOR_RE = "[0-9]{2}"

# A text that a spreadsheet would run as a formula (CSV/formula injection): '=' followed by
# anything; '+', '-' or '@' followed by a function call, a DDE/sheet reference ('|', '!'),
# arithmetic (+1+1, -2*3) or a cell reference (+A1). "-5", "-", "@张三" are not formulas.
FORMULA_RE = (
    "(?s)(?:=.+"
    "|[-+@][ ]*[A-Za-z_][A-Za-z0-9_.]*[ ]*[(].*"
    "|[-+@].*[|!].*"
    "|[-+][0-9. ]*[0-9][ ]*[-+*/^&].*"
    "|[-+@][$]?[A-Za-z]{1,3}[$]?[0-9]{1,7}.*)"
)

# Whitespace trimmed from every value (ASCII, ideographic space, no-break space, BOM, zero-width).
TRIM_CHARS = " \t\r\n\v\f\u3000\u00a0\ufeff\u200b"
FULLWIDTH_FROM = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000"
FULLWIDTH_TO = "".join(chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)) + " "
_FOLD_TABLE = str.maketrans(FULLWIDTH_FROM, FULLWIDTH_TO)


@dataclass(frozen=True)
class CheckOptions:
    accept_major_code: bool = False
    today: dt.date | None = None

    def latest_birth(self) -> dt.date:
        """The latest possible birth date: today, when the caller says what day it is (the
        services always do, from the project's clock); pure code never reads the clock itself,
        so without a day only impossible dates are refused."""
        return self.today or ID_MAX_BIRTH


@dataclass(frozen=True)
class Check:
    """A check in its two forms.

    `sql(v, options, fast)` returns the SQL expression; with `fast=True` the caller has
    already matched `fast_re(options)` (the canonical shape) and only the remaining tests
    (check digit, area code, ranges …) are generated.
    """

    name: str
    label: str
    python: Callable[[str, CheckOptions], str | None]
    sql: Callable[..., str]
    codes: tuple[str, ...]
    fast_re: Callable[[CheckOptions], str]
    code_like: bool = True  # an identifier: refuse values stored as spreadsheet numbers
    helpers: Callable[[str, CheckOptions], dict[str, str]] = lambda v, o: {}

    def select(self, table: str, column: str, options: CheckOptions) -> str:
        """A SELECT giving `code` (the check's result) for every row of `table.column`,
        helpers computed one level below, as the engine does."""
        helpers = self.helpers(column, options)
        inner = ", ".join(f"{expr} AS h_{name}" for name, expr in helpers.items())
        refs = {name: f"h_{name}" for name in helpers}
        source = f"(SELECT *{', ' + inner if inner else ''} FROM {table})"
        return f"SELECT {column} AS value, {self.sql(column, options, False, refs)} AS code FROM {source}"


# ----------------------------------------------------------------------------- helpers


def fold_width(value: str) -> str:
    """Full-width ASCII (０-９, Ａ-Ｚ, ，．－ …) and the ideographic space to half-width."""
    return value.translate(_FOLD_TABLE)


def clean_code(value: str | None) -> str | None:
    """Trim, fold to half-width and upper-case a code before checking it; '' becomes None."""
    if value is None:
        return None
    value = fold_width(str(value)).strip(TRIM_CHARS).upper()
    return value or None


def sql_str(value: str) -> str:
    """A SQL string literal."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_in(values) -> str:
    return "(" + ", ".join(sql_str(v) for v in values) + ")"


def _fullmatch(pattern: str, value: str) -> bool:
    return re.fullmatch(pattern, value) is not None


def looks_like_formula(value: str) -> bool:
    """Python twin of `sql_formula`; `value` already trimmed."""
    return _fullmatch(FORMULA_RE, fold_width(value))


def sql_formula(expr: str) -> str:
    """SQL: TRUE when the (trimmed) text looks like a spreadsheet formula."""
    return (
        f"(CASE WHEN regexp_matches({expr}, '^[-+=@＝＋－＠]') THEN regexp_full_match("
        f"{sql_fold(expr)}, {sql_str(FORMULA_RE)}) ELSE FALSE END)"
    )


def sql_fold(expr: str) -> str:
    """SQL twin of `fold_width` (translate is slow in DuckDB: only run it when needed)."""
    return (
        f"(CASE WHEN regexp_matches({expr}, '[\\x{{FF01}}-\\x{{FF5E}}\\x{{3000}}]') "
        f"THEN translate({expr}, {sql_str(FULLWIDTH_FROM)}, {sql_str(FULLWIDTH_TO)}) ELSE {expr} END)"
    )


def sql_trim(expr: str) -> str:
    """Trim `TRIM_CHARS` from both ends; '' becomes NULL (trim with a character list is slow
    in DuckDB: only run it when the first or last character needs it)."""
    chars = sql_in(TRIM_CHARS)
    return (
        f"NULLIF(CASE WHEN left({expr}, 1) IN {chars} OR right({expr}, 1) IN {chars} "
        f"THEN trim({expr}, {sql_str(TRIM_CHARS)}) ELSE {expr} END, '')"
    )


@functools.lru_cache(maxsize=1024)
def compile_pattern_problem(pattern: str) -> str | None:
    """Why a spec's `pattern` cannot be used in both engines, or None when it can (remembered
    per pattern: the DuckDB check opens a connection, 15 ms, and every spec load asks again)."""
    if re.search(r"\(\?(?:=|!|<=|<!)|\\[1-9]", pattern):
        return "不支持前瞻、后顾和反向引用"
    if re.search(r"\\[dDwWsS]", pattern):
        return r"请用明确的字符类（如 [0-9]）代替 \d、\w、\s"
    try:
        re.compile(pattern)
    except re.error as exc:
        return str(exc)
    import duckdb

    try:
        con = duckdb.connect()
        try:
            con.execute("SELECT regexp_full_match('', ?)", [pattern]).fetchall()
        finally:
            con.close()
    except duckdb.Error as exc:
        return str(exc).splitlines()[0]
    return None


# ----------------------------------------------------------------------------- 统一社会信用代码


def check_uscc(value: str, options: CheckOptions = CheckOptions()) -> str | None:
    if len(value) != 18:
        return "uscc_length"
    if not _fullmatch(USCC_RE, value):
        return "uscc_format"
    if value[17] != uscc_check_char(value[:17]):
        return "uscc_checksum"
    return None


def _uscc_helpers(v: str, options: CheckOptions) -> dict[str, str]:
    # Positions 3-8 (always digits) and 9-16 (digits in older codes) as integers. DuckDB casts
    # '0XEACEFF' as a hexadecimal number (and '0B…' as binary): the cast only when all are digits.
    return {
        "area": f"TRY_CAST(substr({v}, 3, 6) AS INTEGER)",
        "org": f"CASE WHEN ltrim(substr({v}, 9, 8), '0123456789') = '' THEN TRY_CAST(substr({v}, 9, 8) AS INTEGER) END",
    }


def _uscc_total(v: str, h: dict[str, str]) -> str:
    """SQL: the weighted sum of the first 17 characters.

    Digit runs are split by integer arithmetic (cheap in DuckDB); other characters are looked
    up with strpos/substr (about three times dearer per character).
    """

    def char(i: int) -> str:
        return f"(strpos('{USCC_CHARSET}', substr({v}, {i + 1}, 1)) - 1) * {USCC_WEIGHTS[i]}"

    def digits(number: str, first: int, count: int) -> str:
        return " + ".join(
            f"({number} // {10 ** (count - 1 - k)} % 10) * {USCC_WEIGHTS[first + k]}" for k in range(count)
        )

    org_digits = digits(h["org"], 8, 8)
    org_chars = " + ".join(char(i) for i in range(8, 16))
    return (
        f"{char(0)} + {char(1)} + {digits(h['area'], 2, 6)} "
        f"+ (CASE WHEN {h['org']} IS NOT NULL THEN {org_digits} ELSE {org_chars} END) + {char(16)}"
    )


def sql_uscc(
    v: str, options: CheckOptions = CheckOptions(), fast: bool = False, h: dict | None = None
) -> str:
    total = _uscc_total(v, h or _uscc_helpers(v, options))
    checksum = (
        f"WHEN substr({v}, 18, 1) <> substr('{USCC_CHARSET}', (31 - ({total}) % 31) % 31 + 1, 1) "
        f"THEN 'uscc_checksum'"
    )
    if fast:
        return f"CASE {checksum} END"
    return (
        f"CASE WHEN length({v}) <> 18 THEN 'uscc_length' "
        f"WHEN NOT regexp_full_match({v}, '{USCC_RE}') THEN 'uscc_format' {checksum} END"
    )


# ----------------------------------------------------------------------------- 居民身份证号


def check_id_card(value: str, options: CheckOptions = CheckOptions()) -> str | None:
    if len(value) == 15 and _fullmatch(ID_OLD_RE, value):
        return "id_card_old"
    if len(value) != 18:
        return "id_card_length"
    if not _fullmatch(ID_RE, value):
        return "id_card_format"
    if value[:2] not in ID_CARD_PREFIXES:
        return "id_card_area"
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return "id_card_birth"
    if not ID_MIN_BIRTH <= birth <= options.latest_birth():
        return "id_card_birth"
    if value[17] != id_check_char(value[:17]):
        return "id_card_checksum"
    return None


def _province_test(v: str, prefixes) -> str:
    return f"TRY_CAST(substr({v}, 1, 2) AS INTEGER) IN ({', '.join(str(int(p)) for p in prefixes)})"


def _id_card_helpers(v: str, options: CheckOptions) -> dict[str, str]:
    return {"n": f"TRY_CAST(substr({v}, 1, 17) AS BIGINT)"}


def sql_id_card(
    v: str, options: CheckOptions = CheckOptions(), fast: bool = False, h: dict | None = None
) -> str:
    # The first 17 digits as one BIGINT (a helper column computed one level earlier, as
    # DuckDB does not share common subexpressions); birth date and check digit by integer
    # arithmetic, much faster in DuckDB than substr calls and date casts.
    n = (h or _id_card_helpers(v, options))["n"]
    ymd = f"({n} // 1000 % 100000000)"
    y, m, d = f"({ymd} // 10000)", f"({ymd} // 100 % 100)", f"({ymd} % 100)"
    leap = f"(({y} % 4 = 0 AND {y} % 100 <> 0) OR {y} % 400 = 0)"
    days = f"(CASE WHEN {m} IN (4, 6, 9, 11) THEN 30 WHEN {m} = 2 THEN CASE WHEN {leap} THEN 29 ELSE 28 END ELSE 31 END)"
    today = int(options.latest_birth().strftime("%Y%m%d"))
    birth_ok = (
        f"({m} BETWEEN 1 AND 12 AND {d} BETWEEN 1 AND {days} "
        f"AND {ymd} BETWEEN {int(ID_MIN_BIRTH.strftime('%Y%m%d'))} AND {today})"
    )
    total = " + ".join(f"({n} // {10 ** (16 - i)} % 10) * {w}" for i, w in enumerate(ID_WEIGHTS))
    area = f"WHEN NOT {_province_test(v, ID_CARD_PREFIXES)} THEN 'id_card_area' "
    after = (
        f"WHEN NOT {birth_ok} THEN 'id_card_birth' "
        f"WHEN substr({v}, 18, 1) <> substr('{ID_CHECK_CHARS}', ({total}) % 11 + 1, 1) THEN 'id_card_checksum'"
    )
    if fast:  # the fast pattern checked the province already
        return f"CASE {after} END"
    after = area + after
    return (
        f"CASE WHEN length({v}) = 15 AND regexp_full_match({v}, '{ID_OLD_RE}') THEN 'id_card_old' "
        f"WHEN length({v}) <> 18 THEN 'id_card_length' "
        f"WHEN NOT regexp_full_match({v}, '{ID_RE}') THEN 'id_card_format' {after} END"
    )


# ----------------------------------------------------------------------------- 不动产单元号


def check_unit_no(value: str, options: CheckOptions = CheckOptions()) -> str | None:
    if len(value) != 28:
        return "unit_no_length"
    if not _fullmatch(UNIT_NO_RE, value):
        return "unit_no_format"
    if value[:2] not in PROVINCES:
        return "unit_no_area"
    if value[19] == "W" and value[20:] != "00000000":
        return "unit_no_w"
    return None


def sql_unit_no(
    v: str, options: CheckOptions = CheckOptions(), fast: bool = False, h: dict | None = None
) -> str:
    if fast:  # UNIT_NO_FAST_RE holds every rule
        return "CAST(NULL AS VARCHAR)"
    after = (
        f"WHEN NOT {_province_test(v, PROVINCES)} THEN 'unit_no_area' "
        f"WHEN substr({v}, 20, 1) = 'W' AND substr({v}, 21, 8) <> '00000000' THEN 'unit_no_w'"
    )
    return (
        f"CASE WHEN length({v}) <> 28 THEN 'unit_no_length' "
        f"WHEN NOT regexp_full_match({v}, '{UNIT_NO_RE}') THEN 'unit_no_format' {after} END"
    )


# ----------------------------------------------------------------------------- 电话


def check_phone(value: str, options: CheckOptions = CheckOptions()) -> str | None:
    return None if _fullmatch(PHONE_RE, value) else "phone"


def sql_phone(
    v: str, options: CheckOptions = CheckOptions(), fast: bool = False, h: dict | None = None
) -> str:
    if fast:
        return "CAST(NULL AS VARCHAR)"  # the fast path matched PHONE_RE already
    return f"CASE WHEN NOT regexp_full_match({v}, {sql_str(PHONE_RE)}) THEN 'phone' END"


# ----------------------------------------------------------------------------- 行政区划代码


def check_area_code(value: str, options: CheckOptions = CheckOptions()) -> str | None:
    if not _fullmatch(AREA_CODE_RE, value):
        return "area_code_format"
    if value[:2] not in PROVINCES:
        return "area_code_province"
    return None


def sql_area_code(
    v: str, options: CheckOptions = CheckOptions(), fast: bool = False, h: dict | None = None
) -> str:
    if fast:  # AREA_CODE_FAST_RE holds every rule
        return "CAST(NULL AS VARCHAR)"
    after = f"WHEN NOT {_province_test(v, PROVINCES)} THEN 'area_code_province'"
    return f"CASE WHEN NOT regexp_full_match({v}, '{AREA_CODE_RE}') THEN 'area_code_format' {after} END"


# ----------------------------------------------------------------------------- 行业代码


def industry_section(major: int) -> str | None:
    """The 门类 letter of a 大类 number (61 -> 'H'), or None when no 门类 has it."""
    for letter, (low, high) in INDUSTRY_SECTIONS.items():
        if low <= major <= high:
            return letter
    return None


def check_industry_code(value: str, options: CheckOptions = CheckOptions()) -> str | None:
    if _fullmatch(INDUSTRY_RE, value):
        return None if industry_section(int(value[1:])) == value[0] else "industry_range"
    if options.accept_major_code and _fullmatch(INDUSTRY_MAJOR_RE, value):
        return None if industry_section(int(value)) else "industry_range"
    return "industry_format"


# Position n of this string is the 门类 of 大类 n ('-' where no 门类 has it).
SECTION_OF_MAJOR = "".join(industry_section(n) or "-" for n in range(1, 100))


def _sql_section(number: str) -> str:
    """SQL: the 门类 letter of a 大类 number ('' or '-' when none)."""
    return f"substr('{SECTION_OF_MAJOR}', {number}, 1)"


def sql_industry_code(
    v: str, options: CheckOptions = CheckOptions(), fast: bool = False, h: dict | None = None
) -> str:
    letter = _sql_section(f"TRY_CAST(substr({v}, 2, 2) AS INTEGER)")
    with_letter = f"CASE WHEN {letter} IS DISTINCT FROM substr({v}, 1, 1) THEN 'industry_range' END"
    bare = f"CASE WHEN {_sql_section(f'TRY_CAST({v} AS INTEGER)')} IN ('', '-') THEN 'industry_range' END"
    if fast:
        if not options.accept_major_code:
            return with_letter
        return f"CASE WHEN length({v}) = 3 THEN {with_letter} ELSE {bare} END"
    major = (
        f"WHEN regexp_full_match({v}, '{INDUSTRY_MAJOR_RE}') THEN {bare} "
        if options.accept_major_code
        else ""
    )
    return f"CASE WHEN regexp_full_match({v}, '{INDUSTRY_RE}') THEN {with_letter} {major}ELSE 'industry_format' END"


def _industry_fast_re(options: CheckOptions) -> str:
    return f"(?:{INDUSTRY_RE}|{INDUSTRY_MAJOR_RE})" if options.accept_major_code else INDUSTRY_RE


CHECKS: dict[str, Check] = {
    "uscc": Check(
        "uscc",
        "统一社会信用代码",
        check_uscc,
        sql_uscc,
        ("uscc_length", "uscc_format", "uscc_checksum"),
        fast_re=lambda o: USCC_RE,
        helpers=_uscc_helpers,
    ),
    "id_card": Check(
        "id_card",
        "居民身份证号",
        check_id_card,
        sql_id_card,
        (
            "id_card_old",
            "id_card_length",
            "id_card_format",
            "id_card_area",
            "id_card_birth",
            "id_card_checksum",
        ),
        fast_re=lambda o: ID_FAST_RE,
        helpers=_id_card_helpers,
    ),
    "unit_no": Check(
        "unit_no",
        "不动产单元号",
        check_unit_no,
        sql_unit_no,
        ("unit_no_length", "unit_no_format", "unit_no_area", "unit_no_w"),
        fast_re=lambda o: UNIT_NO_FAST_RE,
    ),
    "phone": Check(
        "phone", "电话号码", check_phone, sql_phone, ("phone",), fast_re=lambda o: PHONE_RE, code_like=False
    ),
    "area_code": Check(
        "area_code",
        "行政区划代码",
        check_area_code,
        sql_area_code,
        ("area_code_format", "area_code_province"),
        fast_re=lambda o: AREA_CODE_FAST_RE,
        code_like=False,
    ),
    "industry_code": Check(
        "industry_code",
        "国民经济行业代码",
        check_industry_code,
        sql_industry_code,
        ("industry_format", "industry_range"),
        fast_re=_industry_fast_re,
        code_like=False,
    ),
}


def check_value(check: str, value: str | None, options: CheckOptions = CheckOptions()) -> str | None:
    """Run one check on a raw value (cleaned first); None when valid or empty."""
    cleaned = clean_code(value)
    if cleaned is None:
        return None
    return CHECKS[check].python(cleaned, options)
