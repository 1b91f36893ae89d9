"""Decoding uploaded text files, in one place (pure Python, no Django).

Files from government offices come as UTF-8 (with or without a BOM), GBK or GB18030, now and
then UTF-16 (Excel's "Unicode text"). The order is fixed: a BOM decides; NUL bytes or many
control characters mean the file is not text; then strict UTF-8, then GBK/GB18030 (GB18030 is a
superset of GBK and decodes GBK bytes the same way); then, for a whole file, charset-normalizer's
best guess; finally the decoded text must look like text. Failures raise `TextDecodeError`, a
ValueError with a Chinese message, a ``code`` (``"binary"`` or ``"encoding"``) and, for an
unknown encoding, charset-normalizer's ``guess``; callers add the file name and their own words.

- `decode_text(data)`: a whole file to str.
- `decode_text_with_encoding(data)`: the same and the encoding used (utf-8-sig, utf-16, utf-8,
  gbk, gb18030 or what charset-normalizer found).
- `sniff_encoding(sample, final=...)`: the encoding of a file's first bytes, to decode a large
  file in a stream (utf-8-sig, utf-16, utf-8 or gb18030; no guessing).
- `guess_encoding(sample)`: charset-normalizer's guess, for messages ("疑似 big5").
"""

from __future__ import annotations

import codecs
import unicodedata

BINARY = "binary"
ENCODING = "encoding"
_CONTROL_BYTES = bytes((*range(1, 9), 11, 12, *range(14, 32), 127))
_BINARY_SAMPLE = 256 * 1024  # NUL and control bytes are looked for in the first 256 KiB
_PLAUSIBLE_SAMPLE = 20_000


class TextDecodeError(ValueError):
    """The bytes are not text in an encoding we read; ``str(error)`` is a Chinese sentence."""

    def __init__(self, message: str, *, code: str, detail: str = "", guess: str | None = None):
        super().__init__(message)
        self.message, self.code, self.detail, self.guess = message, code, detail, guess


def guess_encoding(sample: bytes) -> str | None:
    """charset-normalizer's best guess for ``sample`` (None if it has none or is not installed)."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample).best()
    except Exception:  # the guess only improves a message
        return None
    return best.encoding if best is not None else None


def _encoding_error(guess: str | None) -> TextDecodeError:
    hint = f"（疑似 {guess}）" if guess else ""
    return TextDecodeError(
        f"文字编码无法识别{hint}：请另存为 UTF-8 或 GBK 编码后上传", code=ENCODING, guess=guess
    )


def _check_not_binary(data: bytes) -> None:
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        raise TextDecodeError("文件内容不是文本（含有二进制内容）", code=BINARY, detail="含有二进制内容")
    controls = sum(sample.count(bytes([c])) for c in _CONTROL_BYTES)
    if controls > max(8, len(sample) // 100):
        raise TextDecodeError("文件内容不是文本（含有大量控制字符）", code=BINARY, detail="含有大量控制字符")


def sniff_encoding(sample: bytes, *, final: bool = True) -> str:
    """The encoding of a text file from its first bytes: "utf-8-sig" or "utf-16" by BOM, else
    "utf-8" or "gb18030" if ``sample`` decodes strictly (``final=False``: the sample is cut off,
    an unfinished character at its end is fine). TextDecodeError for binary content or any
    other encoding."""
    encoding = _sniff(sample, final=final)
    if encoding is None:
        raise _encoding_error(guess_encoding(sample))
    return encoding


def _sniff(sample: bytes, *, final: bool) -> str | None:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    _check_not_binary(sample)
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(sample, final=final)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def decode_text_with_encoding(data: bytes) -> tuple[str, str]:
    """A whole text file decoded, and the encoding used; TextDecodeError otherwise."""
    encoding = _sniff(data, final=True)
    if encoding is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise _encoding_error(None)
        text, encoding = str(best), best.encoding
    else:
        if encoding == "gb18030":
            try:  # the same characters; say "gbk" when that is all the file needs
                text, encoding = data.decode("gbk"), "gbk"
            except UnicodeDecodeError:
                text = data.decode("gb18030")
        else:
            text = data.decode(encoding, errors="replace")
    if not is_plausible_text(text):
        raise TextDecodeError("文件内容不是文本", code=BINARY)
    return text, encoding


def decode_text(data: bytes) -> str:
    """A whole text file decoded (see the module docstring); TextDecodeError otherwise."""
    return decode_text_with_encoding(data)[0]


def is_plausible_text(text: str) -> bool:
    """Not decoded binary: hardly any control characters, private-use or unassigned code points
    or replacement characters, and not only white space."""
    if not text.strip():
        return False
    sample = text[:_PLAUSIBLE_SAMPLE]
    bad = 0
    for ch in sample:
        if ch in "\t\n\r\f\v":
            continue
        if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs"):
            bad += 1
    return bad <= max(2, len(sample) // 100)
