"""One error shape for services, views and the API.

`ApplicationError(code, message, extra)` is raised by services; the API renders it as
{"code": ..., "message": ..., "extra": {...}} and views show the message.
"""

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    INVALID_INPUT = "invalid_input"
    INVALID_FILE = "invalid_file"
    DUPLICATE = "duplicate"
    UNKNOWN_UNIT = "unknown_unit"
    ACCOUNT_LOCKED = "account_locked"
    TOKEN_INVALID = "token_invalid"
    JOB_NOT_RETRYABLE = "job_not_retryable"
    PARSE_FAILED = "parse_failed"
    CONFLICT = "conflict"
    DATA_MISSING = "data_missing"  # a stored data file is gone (deleted, failed restore)


class ApplicationError(Exception):
    """A business error with a stable code and a message a person can act on (Chinese)."""

    def __init__(self, code: ErrorCode | str, message: str, extra: dict[str, Any] | None = None):
        super().__init__(str(message))
        self.code = str(code)
        self.message = str(message)
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "extra": self.extra}


class FileRowError(ApplicationError):
    """Bad input in an uploaded file: names the file, the row and the field."""

    def __init__(self, *, file: str, row: int | None, field: str | None, message: str):
        where = [f"文件“{file}”"]
        if row is not None:
            where.append(f"第{row}行")
        if field:
            where.append(f"“{field}”字段")
        super().__init__(
            ErrorCode.INVALID_FILE,
            f"{'，'.join(where)}：{message}",
            {"file": file, "row": row, "field": field, "reason": message},
        )
