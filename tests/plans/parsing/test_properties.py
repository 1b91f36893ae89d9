"""Property: whatever the input, the parser returns a result or raises ParseError — nothing else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.plans.parsing import ParseError, parse_bytes

# Text that looks a bit like a policy document: numbering, brackets, role labels, numbers.
PIECES = st.sampled_from(
    [
        "一、",
        "（一）",
        "1．",
        "1.",
        "1、",
        "（1）",
        "(1)",
        "①",
        "第一章",
        "第一条",
        "\n",
        "\r\n",
        "\u3000",
        " ",
        "（牵头单位：",
        "责任单位：",
        "配合单位：",
        "）",
        "、",
        "，",
        "；",
        "。",
        "区财政局",
        "各镇（街道）",
        "等有关部门",
        "到2025年，",
        "达到",
        "不少于",
        "3-5",
        "90％",
        "个",
        "以上",
        "以内",
        "分别",
        "每年",
        "周政办字〔2023〕8号",
        "组  长：",
        "赵  谦  区税务局局长",
        "附件",
        "附件：",
        "2023年3月28日",
        "关于印发",
        "的通知",
        "\t",
    ]
)
DOCUMENTISH = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


def _check(data: bytes, name: str) -> None:
    try:
        result = parse_bytes(data, name)
    except ParseError as error:
        assert error.code and error.message
        return
    result.to_json()
    for document in result.documents:
        for task in document.tasks:
            start, end = task.source_span
            assert 0 <= start <= end <= len(document.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTISH)
def test_documentish_text_never_crashes(text):
    _check(text.encode("utf-8"), "a.txt")


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes(text):
    _check(text.encode("utf-8"), "a.txt")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["a.txt", "a.docx", "a.pdf", "a", "a.doc"]))
def test_arbitrary_bytes_never_crash(data, name):
    _check(data, name)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_mangled_pdf_and_zip_headers_never_crash(tail):
    _check(b"%PDF-1.4\n" + tail, "a.pdf")
    _check(b"PK\x03\x04" + tail, "a.docx")
