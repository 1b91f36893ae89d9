"""core.codes agrees with python-stdnum (stdnum.cn.uscc, stdnum.cn.ric) and published examples."""

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from gongzhi.core.codes import (
    USCC_CHARSET,
    id_check_char,
    is_id_number,
    is_org_code,
    is_uscc,
    org_check_char,
    uscc_check_char,
)
from gongzhi.exchange.validation import checks, synthetic

uscc_first17 = st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17)
digits17 = st.text(alphabet="0123456789", min_size=17, max_size=17)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # python-stdnum's example
        "91110000600037341L",
        "9144030071526726XG",
        "12100000400010398P",
    ],
)
def test_published_credit_codes(code):
    assert uscc.is_valid(code)
    assert uscc_check_char(code[:17]) == code[17]
    assert is_uscc(code)


def test_published_organisation_codes():
    # the organisation codes inside published credit codes, one with letters (M…Y)
    assert org_check_char("M000100Y") == "4"
    assert org_check_char("60003734") == "1"
    assert org_check_char("71526726") == "X"
    assert is_org_code("M000100Y4") and not is_org_code("M000100Y5")


@pytest.mark.parametrize("code", ["11010519491231002X", "110101199003074477", "440524188001010014"])
def test_published_id_numbers(code):
    assert ric.calc_check_digit(code) == code[17]
    assert id_check_char(code[:17]) == code[17]
    assert is_id_number(code)


@given(first17=uscc_first17)
def test_uscc_check_char_agrees_with_stdnum(first17):
    assert uscc_check_char(first17) == uscc.calc_check_digit(first17)


@given(first17=uscc_first17, last=st.sampled_from(USCC_CHARSET))
def test_uscc_validity_agrees_with_stdnum(first17, last):
    code = first17 + last
    if code[:8].isdigit():  # stdnum wants digits in 1-8; GB 32100 allows letters in 1-2
        assert is_uscc(code) == uscc.is_valid(code)
    if code[2:8].isdigit():  # GB 32100: positions 3-8 are the area code
        assert is_uscc(code) == (last == uscc.calc_check_digit(first17))
    else:
        assert not is_uscc(code)
    assert (checks.check_uscc(code) is None) == is_uscc(code)


@given(first17=digits17)
def test_id_check_char_agrees_with_stdnum(first17):
    assert id_check_char(first17) == ric.calc_check_digit(first17 + "0")


@given(first17=digits17, last=st.sampled_from("0123456789X"))
def test_id_number_validity_agrees_with_stdnum_check_digit(first17, last):
    assert is_id_number(first17 + last) == (last == ric.calc_check_digit(first17 + last))


@given(seed=st.integers(0, 2**32))
def test_synthetic_codes_are_valid_for_stdnum(seed):
    rng = random.Random(seed)
    code = synthetic.uscc(rng)
    assert uscc.validate(code) == code
    assert is_org_code(code[8:17])
    person = synthetic.id_card(rng)
    assert ric.calc_check_digit(person) == person[17]
    ric.get_birth_date(person)
    # 周村区 (370306) exists since 1983: stdnum checks the area against the year of birth
    recent = synthetic.id_card(rng, birth=dt.date(1983, 1, 1) + dt.timedelta(days=rng.randrange(12000)))
    assert ric.validate(recent) == recent
    assert is_org_code(synthetic.org_code(rng))


@given(body=st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=8, max_size=8))
def test_org_check_char_is_a_digit_or_x_and_detects_one_changed_digit(body):
    check = org_check_char(body)
    assert check in "0123456789X"
    changed = body[:3] + str((int(body[3], 36) + 1) % 10) + body[4:]
    if int(body[3], 36) < 9:  # a digit changed to another digit
        assert org_check_char(changed) != check


def test_wrong_shapes_are_not_valid():
    for code in ("", "91350100M000100Y4", "91350100M000100Y43X", "9135010OM000100Y43", "91350100m000100y43"):
        assert not is_uscc(code)
    for code in ("11010519491231002x", "1101051949123100", "A1010519491231002X"):
        assert not is_id_number(code)
