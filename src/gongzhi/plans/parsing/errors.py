"""The one error the parser raises: a code for programs, a Chinese message for people."""

from __future__ import annotations


class ParseError(Exception):
    """解析失败：``code`` 供程序判断，``message`` 为给用户看的中文说明。"""

    EMPTY = "empty"
    UNSUPPORTED_FORMAT = "unsupported_format"
    SCANNED_PDF = "scanned_pdf"
    TOO_LARGE = "too_large"
    NO_ITEMS = "no_items"
    NOT_TEXT = "not_text"
    CORRUPT = "corrupt"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"ParseError({self.code!r}, {self.message!r})"

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message, "extra": {}}
