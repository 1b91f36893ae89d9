"""The code checks: known valid and invalid codes, and the Python and SQL forms agreeing."""

import datetime as dt

import duckdb
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.exchange.validation import load_spec, validate_rows
from gongzhi.exchange.validation.checks import (
    CHECKS,
    PROVINCES,
    CheckOptions,
    check_value,
    clean_code,
    looks_like_formula,
    sql_formula,
)

TODAY = dt.date(2025, 7, 1)
OPTIONS = CheckOptions(today=TODAY)
MAJOR = CheckOptions(today=TODAY, accept_major_code=True)

# GB 11643-1999's own example number (公民身份号码 of the standard's sample, not a person).
STANDARD_ID_EXAMPLE = "11010519491231002X"


def sql_codes(check: str, values: list[str], options: CheckOptions = OPTIONS) -> list[str | None]:
    con = duckdb.connect()
    try:
        con.register("t", pa.table({"v": pa.array(values, pa.string()), "i": pa.array(range(len(values)))}))
        query = CHECKS[check].select("(SELECT * FROM t ORDER BY i)", "v", options)
        return [code for _, code in con.execute(query).fetchall()]
    finally:
        con.close()


def py_codes(check: str, values: list[str], options: CheckOptions = OPTIONS) -> list[str | None]:
    return [CHECKS[check].python(v, options) for v in values]


def test_province_table_has_the_34_province_level_divisions():
    assert len(PROVINCES) == 34
    assert {"11", "37", "46", "50", "54", "65", "71", "81", "82"} <= set(PROVINCES)
    assert "10" not in PROVINCES and "83" not in PROVINCES


# ----------------------------------------------------------------------------- 统一社会信用代码


def test_uscc_valid_codes_pass(codes):
    values = [codes.uscc() for _ in range(200)]
    assert py_codes("uscc", values) == [None] * 200
    assert sql_codes("uscc", values) == [None] * 200


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda v: v[:17] + ("0" if v[17] != "0" else "1"), "uscc_checksum"),
        (lambda v: v[:8] + v[9] + v[8] + v[10:], "uscc_checksum"),  # two characters swapped
        (lambda v: v[:-1], "uscc_length"),
        (lambda v: v + "1", "uscc_length"),
        (lambda v: v[:10] + "I" + v[11:], "uscc_format"),  # I is not used
        (lambda v: v[:10] + "O" + v[11:], "uscc_format"),
        (lambda v: v[:3] + "A" + v[4:], "uscc_format"),  # positions 3-8 are the area code
    ],
)
def test_uscc_invalid_codes_fail(codes, mutate, expected):
    value = codes.uscc()
    while value[8] == value[9]:
        value = codes.uscc()
    bad = mutate(value)
    assert CHECKS["uscc"].python(bad, OPTIONS) == expected
    assert sql_codes("uscc", [bad]) == [expected]


def test_uscc_letters_in_the_organisation_code_are_fine(check_chars):
    uscc_check, _ = check_chars
    values = [
        body + uscc_check(body)
        for body in ("91370303MA3C1234X", "9137030MA3C12345"[:0] + "5237030612345678X")
    ]
    assert py_codes("uscc", values) == [None, None]
    assert sql_codes("uscc", values) == [None, None]


def test_an_organisation_code_that_reads_as_hex_or_binary_is_not_cast(check_chars):
    """DuckDB casts '0XEACEFF' as 0xEACEFF and '0B101101' as binary: the SQL used to add those
    numbers' digits to the check sum and refused valid codes (found by the fast path's test)."""
    uscc_check, _ = check_chars
    values = [
        body + uscc_check(body) for body in ("923703060XEACEFFB", "913703060B1011010", "913703060X1234567")
    ]
    assert py_codes("uscc", values) == [None, None, None]
    assert sql_codes("uscc", values) == [None, None, None]


# ----------------------------------------------------------------------------- 居民身份证号


def test_id_card_standard_example_and_generated_numbers(codes):
    values = [STANDARD_ID_EXAMPLE] + [codes.id_card() for _ in range(200)]
    assert py_codes("id_card", values) == [None] * len(values)
    assert sql_codes("id_card", values) == [None] * len(values)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("110105194912310021", "id_card_checksum"),
        ("11010519491231002x", "id_card_format"),  # the engine upper-cases before checking
        ("110105491231002", "id_card_old"),
        ("1101051949123100", "id_card_length"),
        ("11010519491231002Y", "id_card_format"),
        ("99010519491231002X", "id_card_area"),
    ],
)
def test_id_card_invalid_numbers(value, expected):
    assert CHECKS["id_card"].python(value, OPTIONS) == expected
    assert sql_codes("id_card", [value]) == [expected]


@pytest.mark.parametrize("birth", ["18991231", "19900230", "20250702", "20251301", "00000000"])
def test_id_card_birth_date_must_exist_and_be_past(birth, check_chars):
    _, id_check = check_chars
    body = f"370306{birth}123"
    value = body + id_check(body)
    assert CHECKS["id_card"].python(value, OPTIONS) == "id_card_birth"
    assert sql_codes("id_card", [value]) == ["id_card_birth"]


def test_id_card_leap_day_and_hk_macao_taiwan_residence_permits(check_chars):
    _, id_check = check_chars
    for body in ("37030620000229123", "83000019900101123", "81000019900101123"):
        value = body + id_check(body)
        assert CHECKS["id_card"].python(value, OPTIONS) is None
        assert sql_codes("id_card", [value]) == [None]


# ----------------------------------------------------------------------------- other checks


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("370306001002GB00001F00010001", None),
        ("370306001002JC00001L00000001", None),
        ("370306001002GB00001W00000000", None),
        ("370306001002GB00001W00010001", "unit_no_w"),
        ("370306001002GB00001F0001000", "unit_no_length"),
        ("370306001002XB00001F00010001", "unit_no_format"),
        ("370306001002GB0000AF00010001", "unit_no_format"),
        ("370306001002GB00001A00010001", "unit_no_format"),
        ("990306001002GB00001F00010001", "unit_no_area"),
    ],
)
def test_unit_no(value, expected):
    assert CHECKS["unit_no"].python(value, OPTIONS) == expected
    assert sql_codes("unit_no", [value]) == [expected]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", None),
        ("138 1234 5678", None),
        ("138-1234-5678", None),
        ("0533-1234567", None),
        ("010-12345678", None),
        ("0533-1234567-801", None),
        ("0533-1234567转801", None),
        ("05331234567", None),
        ("12812345678", "phone"),
        ("1381234567", "phone"),
        ("138123456789", "phone"),
        ("533-1234567", "phone"),
        ("0533-123456", "phone"),
        ("+8613812345678", "phone"),
    ],
)
def test_phone(value, expected):
    assert CHECKS["phone"].python(value, OPTIONS) == expected
    assert sql_codes("phone", [value]) == [expected]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("370306", None),
        ("110101", None),
        ("820000", None),
        ("37030", "area_code_format"),
        ("3703061", "area_code_format"),
        ("37030A", "area_code_format"),
        ("990306", "area_code_province"),
        ("000000", "area_code_province"),
    ],
)
def test_area_code(value, expected):
    assert CHECKS["area_code"].python(value, OPTIONS) == expected
    assert sql_codes("area_code", [value]) == [expected]


@pytest.mark.parametrize(
    ("value", "plain", "major"),
    [
        ("H61", None, None),
        ("A01", None, None),
        ("A05", None, None),
        ("C43", None, None),
        ("K70", None, None),
        ("P83", None, None),
        ("T97", None, None),
        ("H63", "industry_range", "industry_range"),
        ("A06", "industry_range", "industry_range"),
        ("T98", "industry_range", "industry_range"),
        ("A00", "industry_range", "industry_range"),
        ("U01", "industry_format", "industry_format"),
        ("H6", "industry_format", "industry_format"),
        ("H611", "industry_format", "industry_format"),
        ("61", "industry_format", None),
        ("97", "industry_format", None),
        ("98", "industry_format", "industry_range"),
        ("00", "industry_format", "industry_range"),
    ],
)
def test_industry_code(value, plain, major):
    assert CHECKS["industry_code"].python(value, OPTIONS) == plain
    assert CHECKS["industry_code"].python(value, MAJOR) == major
    assert sql_codes("industry_code", [value]) == [plain]
    assert sql_codes("industry_code", [value], MAJOR) == [major]


def test_every_major_code_belongs_to_its_section():
    ranges = {"A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50), "F": (51, 52)}
    ranges |= {"G": (53, 60), "H": (61, 62), "I": (63, 65), "J": (66, 69), "K": (70, 70), "L": (71, 72)}
    ranges |= {"M": (73, 75), "N": (76, 79), "O": (80, 82), "P": (83, 83), "Q": (84, 85), "R": (86, 90)}
    ranges |= {"S": (91, 96), "T": (97, 97)}
    values, expected = [], []
    for letter in "ABCDEFGHIJKLMNOPQRST":
        for major in range(0, 100):
            values.append(f"{letter}{major:02d}")
            low, high = ranges[letter]
            expected.append(None if low <= major <= high else "industry_range")
    assert py_codes("industry_code", values) == expected
    assert sql_codes("industry_code", values) == expected


def test_check_value_cleans_first(codes):
    value = codes.uscc()
    spaced = "  " + value.lower().translate(str.maketrans("0123456789", "０１２３４５６７８９")) + "\u3000"
    assert clean_code(spaced) == value
    assert check_value("uscc", spaced) is None
    assert check_value("uscc", "") is None


# ----------------------------------------------------------------------------- formula injection


@pytest.mark.parametrize(
    "value",
    [
        "=cmd|' /C calc'!A0",
        '=HYPERLINK("http://example.invalid","点击")',
        "+1+1",
        "-2*3",
        "@SUM(A1:A9)",
        "=1",
        "+A1",
        "-cmd|x",
        "＝1+1",
        "+SUM(1)",
    ],
)
def test_formulas_are_recognised(value):
    assert looks_like_formula(value)
    assert duckdb.execute(f"SELECT {sql_formula('v')} FROM (SELECT ? AS v)", [value]).fetchall() == [(True,)]


@pytest.mark.parametrize(
    "value", ["-5", "-12.50", "+86", "-", "--", "@张三", "- 见附件", "=", "合成企业", "1+1", ""]
)
def test_harmless_texts_are_not_formulas(value):
    assert not looks_like_formula(value)
    assert duckdb.execute(f"SELECT {sql_formula('v')} FROM (SELECT ? AS v)", [value]).fetchall() == [(False,)]


# ----------------------------------------------------------------------------- agreement


def _mutations(value: str) -> st.SearchStrategy[str]:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ X-"
    return st.one_of(
        st.just(value),
        st.builds(
            lambda i, c: value[:i] + c + value[i + 1 :],
            st.integers(0, max(len(value) - 1, 0)),
            st.sampled_from(alphabet),
        ),
        st.builds(lambda i: value[:i] + value[i + 1 :], st.integers(0, max(len(value) - 1, 0))),
        st.builds(
            lambda i, c: value[:i] + c + value[i:], st.integers(0, len(value)), st.sampled_from(alphabet)
        ),
        st.builds(
            lambda i: value[:i] + value[i + 1 : i + 2] + value[i] + value[i + 2 :],
            st.integers(0, max(len(value) - 2, 0)),
        ),
    )


def _values_for(check: str, Codes) -> st.SearchStrategy[str]:
    def generated(seed: int) -> str:
        gen = Codes(seed)
        area = gen.rng.choice([*PROVINCES, "99", "00"]) + f"{gen.rng.randrange(0, 10000):04d}"
        return {
            "uscc": lambda: gen.uscc(area),
            "id_card": lambda: gen.id_card(
                area, dt.date(1890, 1, 1) + dt.timedelta(days=gen.rng.randrange(0, 50000))
            ),
            "unit_no": lambda: gen.unit_no(area, gen.rng.choice("FLQW")),
            "phone": gen.mobile,
            "area_code": lambda: area,
            "industry_code": lambda: (
                gen.rng.choice("ABCDEFGHIJKLMNOPQRSTUV") + f"{gen.rng.randrange(0, 100):02d}"
            ),
        }[check]()

    anything = st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-转 ", max_size=30)
    return st.one_of(st.integers(0, 10**9).map(generated).flatmap(_mutations), anything)


@pytest.mark.parametrize("check", sorted(CHECKS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_python_and_sql_checks_agree(check, data, codes_factory):
    values = data.draw(st.lists(_values_for(check, codes_factory), min_size=1, max_size=40))
    for options in (OPTIONS, MAJOR):
        assert sql_codes(check, values, options) == py_codes(check, values, options)


@pytest.mark.parametrize("check", sorted(CHECKS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_engine_fast_and_slow_paths_agree_with_python(check, data, codes_factory):
    """The engine checks canonical values on a fast path and the rest on a slow path; both must
    give what the Python check gives for the cleaned value."""
    values = data.draw(st.lists(_values_for(check, codes_factory), min_size=1, max_size=30))
    fields = [{"code": "v", "name": "值", "check": check}, {"code": "n", "name": "序号"}]
    spec = load_spec({"code": "t", "name": "测试", "fields": fields})
    rows = [{"v": v, "n": str(i)} for i, v in enumerate(values)]
    accepted, errors = validate_rows(rows, spec, today=TODAY)
    by_row = {e.row: e.code for e in errors}
    for number, value in enumerate(values, start=1):
        cleaned = clean_code(value)
        expected = None if cleaned is None else CHECKS[check].python(cleaned, OPTIONS)
        if cleaned is not None and looks_like_formula(value.strip()):
            expected = "formula"
        assert by_row.get(number) == expected, (value, by_row.get(number), expected)
    assert len(accepted) == len(values) - len(errors)
