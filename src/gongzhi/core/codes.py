"""Check characters of Chinese identification codes, in one place (pure Python, no Django).

- 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from a 31-character
  set (no I, O, Z, S, V); positions 9-17 are the organisation code, the 18th the check.
- 组织机构代码 (organisation code, GB 11714-1997): 8 digits or capital letters and a check
  character (0-9 or X).
- 公民身份号码 (resident ID number, GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check
  character (0-9 or X).

The functions take the characters before the check character, already cleaned (trimmed,
half-width, upper case); the validators of `exchange.validation.checks` report what is wrong in
Chinese, and build the same arithmetic in SQL for whole columns from the constants here.
"""

from __future__ import annotations

import re

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_RE = "[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}"

ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ORG_RE = "[0-9A-Z]{8}[0-9X]"

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_RE = "[0-9]{17}[0-9X]"


def uscc_check_char(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a 统一社会信用代码."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_check_char(first8: str) -> str:
    """The GB 11714 check character of an organisation code body (digits; letters count A=10 … Z=35)."""
    check = 11 - sum(int(c, 36) * w for c, w in zip(first8, ORG_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def id_check_char(first17: str) -> str:
    """The GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits."""
    return ID_CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_uscc(code: str) -> bool:
    """Whether ``code`` has the form of a 统一社会信用代码 and the right check character."""
    return re.fullmatch(USCC_RE, code) is not None and code[17] == uscc_check_char(code[:17])


def is_org_code(code: str) -> bool:
    """Whether ``code`` is a 9-character organisation code with the right check character."""
    return re.fullmatch(ORG_RE, code) is not None and code[8] == org_check_char(code[:8])


def is_id_number(code: str) -> bool:
    """Whether ``code`` is 18 characters with the right GB 11643 check character (the birth date
    and area are not looked at: `exchange.validation.checks.check_id_card` does that)."""
    return re.fullmatch(ID_RE, code) is not None and code[17] == id_check_char(code[:17])
