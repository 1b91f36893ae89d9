"""Bad input: every failure is a ParseError with a code and a Chinese message."""

import io

import docx
import pytest
from pdfgen import image_only_pdf

from gongzhi.plans.parsing import ParseError, parse_bytes, parse_file


def _raises(data: bytes, filename: str, **kwargs) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, filename, **kwargs)
    return caught.value


def test_empty_file():
    for data in (b"", b"   \n\r\n\t "):
        error = _raises(data, "空.txt")
        assert (error.code, error.message) == ("empty", "文件为空")


def test_binary_garbage_is_not_text():
    data = bytes(range(256)) * 40
    error = _raises(data, "垃圾.txt")
    assert (error.code, error.message) == ("not_text", "文件内容不是文本")


def test_random_high_bytes_are_not_text():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(5000))
    error = _raises(data, "x.txt")
    assert error.code == "not_text"


def test_scanned_pdf_without_text_layer():
    error = _raises(image_only_pdf(pages=2), "扫描件.pdf")
    assert error.code == "scanned_pdf"
    assert error.message == "该 PDF 没有文本层（可能是扫描件），请提供可复制文字的 PDF 或 Word 文件"


def test_unsupported_formats():
    error = _raises(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "旧版.doc")
    assert (error.code, error.message) == (
        "unsupported_format",
        "无法识别的文件格式：仅支持 .txt、.docx、.xlsx、.pdf",
    )
    error = _raises(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "图片.png")
    assert error.code == "unsupported_format"


def test_a_zip_that_is_not_a_word_file():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    error = _raises(buffer.getvalue(), "x.docx")
    assert error.code == "unsupported_format"


def test_a_zip_named_xlsx_that_is_not_a_workbook_is_corrupt():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    error = _raises(buffer.getvalue(), "任务表.xlsx")
    assert error.code == "corrupt" and ".xlsx" in error.message


def test_truncated_docx_and_pdf_are_corrupt():
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    error = _raises(buffer.getvalue()[:300], "坏.docx")
    assert error.code == "corrupt"
    error = _raises(b"%PDF-1.4\n garbage", "坏.pdf")
    assert error.code in ("corrupt", "scanned_pdf")


def test_document_without_numbered_items():
    text = (
        "示例县人民政府办公室\n关于做好节日值班工作的通知\n各乡镇人民政府：\n请认真做好节日期间值班工作。\n"
    )
    error = _raises(text.encode("utf-8"), "通知.txt")
    assert error.code == "no_items"
    assert error.message == "未找到编号条目：文档中没有可识别为任务的编号项"


def test_file_over_the_size_limit():
    data = ("一、测试。（牵头单位：区财政局）\n" * 10).encode("utf-8")
    error = _raises(data, "大.txt", max_bytes=100)
    assert (error.code, error.message) == ("too_large", "文件过大：超过 100 字节 上限")


def test_default_limit_is_20_mb(tmp_path):
    big = tmp_path / "大.txt"
    with big.open("wb") as fh:
        fh.seek(20 * 1024 * 1024)
        fh.write(b"x")
    with pytest.raises(ParseError) as caught:
        parse_file(big)
    assert (caught.value.code, caught.value.message) == ("too_large", "文件过大：超过 20 MB 上限")
    error = _raises(b"x" * (20 * 1024 * 1024 + 1), "大.txt")
    assert error.message == "文件过大：超过 20 MB 上限"


def test_error_json_shape():
    error = _raises(b"", "a.txt")
    assert error.to_json() == {"code": "empty", "message": "文件为空", "extra": {}}
