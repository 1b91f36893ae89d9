"""core.text: one way to decode uploaded text files."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.core.text import (
    BINARY,
    ENCODING,
    TextDecodeError,
    decode_text,
    decode_text_with_encoding,
    sniff_encoding,
)

SAMPLE = "名称,类别,上级单位\r\n示例村（演示）,村社区,南郊镇——周村区\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gbk"), "gbk"),
        ((SAMPLE + "䶮").encode("gb18030"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),
    ],
)
def test_every_encoding_we_accept_reads_the_same(data, encoding):
    text, used = decode_text_with_encoding(data)
    assert used == encoding
    assert text.startswith(SAMPLE)
    assert decode_text(data) == text


def test_sniffing_a_cut_sample_allows_a_half_character_at_the_end():
    data = SAMPLE.encode("utf-8")
    cut = data[: data.index("示".encode()) + 1]
    assert sniff_encoding(cut, final=False) == "utf-8"
    assert sniff_encoding(SAMPLE.encode("gbk")) == "gb18030"
    assert sniff_encoding(b"\xef\xbb\xbfabc") == "utf-8-sig"


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"abc\x00def" * 10, "含有二进制内容"),
        (bytes(range(1, 8)) * 20, "含有大量控制字符"),
    ],
)
def test_binary_content_is_refused_in_chinese(data, detail):
    with pytest.raises(TextDecodeError) as info:
        decode_text(data)
    assert info.value.code == BINARY
    assert info.value.detail == detail
    assert str(info.value) == f"文件内容不是文本（{detail}）"


def test_random_high_bytes_are_not_text():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(5000))
    with pytest.raises(TextDecodeError):
        decode_text(data)


def test_an_unknown_encoding_is_refused_with_a_guess():
    data = "Unité,Prix,Année\r\n".encode("latin-1") * 20 + b"\xff\xfe\x80\x80" * 20
    with pytest.raises(TextDecodeError) as info:
        sniff_encoding(data)
    assert info.value.code == ENCODING
    hint = f"（疑似 {info.value.guess}）" if info.value.guess else ""
    assert str(info.value) == f"文字编码无法识别{hint}：请另存为 UTF-8 或 GBK 编码后上传"


def test_whitespace_only_is_not_text():
    with pytest.raises(TextDecodeError):
        decode_text(b" \r\n\t")


@given(text=st.text(alphabet=st.characters(codec="gbk", exclude_categories=("Cc", "Cs", "Co", "Cn"))))
def test_any_gbk_text_round_trips(text):
    if not text.strip():
        return
    data = text.encode("gbk")
    try:  # a few short GBK texts are also valid UTF-8 (聘 = C6 B8 = Ƹ): UTF-8 wins, as it should
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert decode_text(data) == text
    assert decode_text(text.encode("utf-8")) == text
