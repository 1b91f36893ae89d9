"""Readers: a CSV or XLSX file (or rows pushed by API) in, Arrow batches of raw text out.

Every reader finds the header row, matches it to the dataset's fields and produces batches
holding only the matched columns (named c<index>, all VARCHAR), the source row number `_row`
(header = 1; for spreadsheets, the sheet's row number) and `_bad`/`_bad_msg` for a row-level
problem the reader itself found (wrong number of columns, unknown API key …).

CSV: the encoding is detected from a sample (UTF-8, UTF-8 with BOM, GB18030 which covers GBK
and GB2312, UTF-16 with BOM); pyarrow's streaming reader transcodes to UTF-8 block by block.
Rows whose column count differs from the header make the fast reader give up; the file is
then read again with Python's csv module, which numbers rows exactly and reports them.

XLSX: the archive is inspected first (`xlsx_safety`), then fastexcel reads the sheet into Arrow
(`xlsx_fastexcel`) wherever it is sure to give what python-calamine gives; otherwise
python-calamine reads the sheet and the cells are converted column by column (spreadsheet
numbers in code columns are marked so that the engine can refuse them).
"""

from __future__ import annotations

import array
import codecs
import csv
import datetime as dt
import functools
import io
import itertools
import math
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from gongzhi.core.text import BINARY, TextDecodeError, guess_encoding, sniff_encoding
from gongzhi.exchange.validation.checks import CHECKS
from gongzhi.exchange.validation.errors import FileRejected
from gongzhi.exchange.validation.headers import HEADER_SCAN_ROWS, HeaderMatch, find_header_row, match_headers
from gongzhi.exchange.validation.spec import DatasetSpec, FieldSpec
from gongzhi.exchange.validation.xlsx_safety import DEFAULT_LIMITS, XlsxLimits, inspect_xlsx

NUMERIC_MARK = "\x01"
NOT_SCALAR_MARK = "\x02"
SAMPLE_BYTES = 256 * 1024
CSV_BLOCK_BYTES = 1024 * 1024  # larger blocks are no faster and hold more memory
PY_BATCH_ROWS = 65_536
GATHER_ROWS = 16_384  # rows of a batch handed to the checks (see `gather`; 32,768 held ~70 MiB more)
XLSX_BATCH_ROWS = 50_000
CSV_FIELD_LIMIT = 4 * 1024 * 1024

Progress = Callable[[float, str], None]


@dataclass
class Source:
    """A file ready to be read: its header match and a way to stream its rows."""

    kind: str  # csv | xlsx | rows
    filename: str
    header: HeaderMatch
    header_row: int  # 1-based row number of the header
    columns: dict[str, str]  # field code -> column name in the batches
    schema: pa.Schema
    read: Callable[[], Iterator[pa.RecordBatch]]
    warnings: list[str] = field(default_factory=list)
    fallback: Callable[[], Iterator[pa.RecordBatch]] | None = None
    ragged: list[int] = field(default_factory=list)  # invalid rows met by the fast reader
    encoding: str | None = None
    estimated_rows: int = 0  # for progress messages
    # The fast reader limited to some columns (`_row`, `_bad`, `_bad_msg` and those named): the
    # duplicate pre-pass reads the key columns alone (CSV only; see `open_csv`).
    read_columns: Callable[[list[str]], Iterator[pa.RecordBatch]] | None = None
    # Decode a non-UTF-8 file once into a UTF-8 copy in the given directory, which the fast
    # reader reads from then on (CSV only; see `open_csv`).
    decode_once: Callable[[Path], None] | None = None

    def reader(self, *, use_fallback: bool = False) -> pa.RecordBatchReader:
        batches = self.fallback() if use_fallback and self.fallback else self.read()
        return pa.RecordBatchReader.from_batches(self.schema, batches)


_DONE = object()


def prefetch(batches: Iterator[pa.RecordBatch], depth: int = 3) -> Iterator[pa.RecordBatch]:
    """Produce `batches` on a background thread, a few ahead of the consumer.

    Parsing (pyarrow, calamine) then overlaps with DuckDB checking the previous batch; both
    release the GIL for their heavy work. Exceptions reach the consumer; the producer stops
    when the consumer goes away.
    """
    buffer: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for batch in batches:
                while not stop.is_set():
                    try:
                        buffer.put(batch, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            item = _DONE
        except BaseException as exc:
            item = exc
        while not stop.is_set():
            try:
                buffer.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    thread = threading.Thread(target=produce, name="reader-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = buffer.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)


def _schema(columns: list[str]) -> pa.Schema:
    return pa.schema(
        [pa.field("_row", pa.int64()), pa.field("_bad", pa.string()), pa.field("_bad_msg", pa.string())]
        + [pa.field(c, pa.string()) for c in columns]
    )


def _batch(
    schema: pa.Schema, rows: pa.Array, bad: Any, bad_msg: Any, arrays: list[pa.Array]
) -> pa.RecordBatch:
    n = len(rows)
    bad = pa.nulls(n, pa.string()) if bad is None else pa.array(bad, pa.string())
    bad_msg = pa.nulls(n, pa.string()) if bad_msg is None else pa.array(bad_msg, pa.string())
    return pa.RecordBatch.from_arrays([rows, bad, bad_msg, *arrays], schema=schema)


_BASE_ROWS = pa.array(range(1 << 20), pa.int64())


def _row_numbers(start: int, count: int) -> pa.Array:
    if count <= len(_BASE_ROWS):
        return pc.add(_BASE_ROWS.slice(0, count), pa.scalar(start, pa.int64()))
    return pa.array(range(start, start + count), pa.int64())


def header_problems(match: HeaderMatch, filename: str, first_column: int = 0) -> tuple[list[str], list[str]]:
    """(file errors, warnings) of a header: missing required columns are errors; unknown
    columns and missing optional columns are warnings (the unknown columns are not stored)."""
    errors, warnings = [], []
    if match.missing_required:
        names = "、".join(f"“{f.name}”" for f in match.missing_required)
        errors.append(f"文件“{filename}”缺少必填列：{names}")
    for code, indexes in match.duplicates.items():
        cols = "、".join(f"第{first_column + i + 1}列" for i in indexes)
        errors.append(f"文件“{filename}”中{cols}都对应字段“{code}”，表头重复")
    for index, text in match.extra:
        warnings.append(f"第{first_column + index + 1}列“{text}”不在数据规范中，已忽略（不保存）")
    if match.missing_optional:
        names = "、".join(f"“{f.name}”" for f in match.missing_optional)
        warnings.append(f"文件中没有选填列{names}，这些字段按空值处理")
    return errors, warnings


def _check_header(
    match: HeaderMatch | None, filename: str, spec: DatasetSpec, first_column: int = 0
) -> list[str]:
    if match is None:
        names = "、".join(f.name for f in spec.fields[:4])
        raise FileRejected(
            f"文件“{filename}”没有找到表头：前{HEADER_SCAN_ROWS}行中没有与“{spec.name}”数据规范对应的列名"
            f"（如 {names}）",
            code="no_header",
        )
    errors, warnings = header_problems(match, filename, first_column)
    if errors:
        raise FileRejected("；".join(errors), code="header")
    return warnings


# ----------------------------------------------------------------------------- sniffing


def open_source(
    path: Path, filename: str, spec: DatasetSpec, *, xlsx_limits: XlsxLimits = DEFAULT_LIMITS
) -> Source:
    """Detect the format from the content (not only the extension) and open the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRejected(f"文件“{filename}”无法打开") from exc
    if size == 0:
        raise FileRejected(f"文件“{filename}”是空文件（0 字节）", code="empty")
    with path.open("rb") as fh:
        head = fh.read(SAMPLE_BYTES)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return open_xlsx(path, filename, spec, limits=xlsx_limits)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise FileRejected(
            f"文件“{filename}”是旧版 Excel（.xls）或其他 Office 格式，请另存为 .xlsx 或 CSV 后上传"
        )
    if head.startswith(b"%PDF"):
        raise FileRejected(f"文件“{filename}”是 PDF 文件，请上传 CSV 或 .xlsx")
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise FileRejected(f"文件“{filename}”不是有效的 Excel（.xlsx）文件")
    return open_csv(path, filename, spec, head=head, size=size)


def detect_encoding(head: bytes, filename: str) -> str:
    """The encoding of a CSV sample (`gongzhi.core.text.sniff_encoding`: utf-8, utf-16 or gb18030;
    a UTF-8 BOM is stripped after decoding), or FileRejected for binary or unknown content."""
    try:
        encoding = sniff_encoding(head, final=len(head) < SAMPLE_BYTES)
    except TextDecodeError as exc:
        if exc.code == BINARY:
            raise FileRejected(f"文件“{filename}”不是文本格式的 CSV（{exc.detail}）", code="binary") from None
        hint = f"（疑似 {exc.guess}）" if exc.guess else ""
        raise FileRejected(
            f"文件“{filename}”的文字编码无法识别{hint}：请另存为 UTF-8 或 GBK 编码的 CSV 后上传",
            code="encoding",
        ) from None
    return "utf-8" if encoding == "utf-8-sig" else encoding


_OTHER_ENCODINGS = (
    "big5",
    "cp950",
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
    "cp949",
    "koi8",
    "cp125",
    "iso8859",
    "latin",
)


def _suspect_encoding(head: bytes, filename: str) -> None:
    """No header after decoding as GB18030, which accepts almost any bytes: if the text is more
    likely Big5, Shift-JIS … say so rather than only "no header"."""
    guess = guess_encoding(head[:65536])
    if guess is not None and guess.lower().replace("-", "_").startswith(_OTHER_ENCODINGS):
        raise FileRejected(
            f"文件“{filename}”没有找到表头，文字编码可能不是 UTF-8 或 GBK（疑似 {guess}）："
            f"请另存为 UTF-8 或 GBK 编码的 CSV 后上传",
            code="encoding",
        )


def _sniff_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


# ----------------------------------------------------------------------------- CSV


def open_csv(path: Path, filename: str, spec: DatasetSpec, *, head: bytes, size: int) -> Source:
    encoding = detect_encoding(head, filename)
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(
        head, final=len(head) < SAMPLE_BYTES
    )
    text = text.lstrip("\ufeff")
    if not text.strip(" \t\r\n\ufeff\u3000"):
        raise FileRejected(f"文件“{filename}”没有内容", code="empty")
    delimiter = _sniff_delimiter(text.split("\n", 1)[0])
    complete = text if len(head) < SAMPLE_BYTES else text[: text.rfind("\n") + 1] or text
    lines = io.StringIO(complete, newline="")
    reader = csv.reader(lines, delimiter=delimiter)
    records: list[list[str]] = []
    line_numbers: list[int] = []  # lines consumed after each record
    try:
        for record in itertools.islice(reader, HEADER_SCAN_ROWS):
            records.append(record)
            line_numbers.append(reader.line_num)
    except csv.Error as exc:
        raise FileRejected(f"文件“{filename}”CSV 格式错误：引号不配对或含有空字符") from exc
    found = find_header_row(records, spec)
    if found is None and encoding != "utf-8":
        _suspect_encoding(head, filename)
    warnings = _check_header(found[1] if found else None, filename, spec)
    header_index, match = found
    skip_lines = line_numbers[header_index - 1] if header_index else 0
    ncols = len(records[header_index])
    columns = {code: f"c{index}" for code, index in match.columns.items()}
    wanted = sorted(set(columns.values()), key=lambda c: int(c[1:]))
    schema = _schema(wanted)
    header_row = header_index + 1
    arrow_encoding = "utf8" if encoding == "utf-8" else encoding
    source = Source(
        kind="csv",
        estimated_rows=max(1, size * max(1, head.count(b"\n")) // max(1, len(head))),
        filename=filename,
        header=match,
        header_row=header_row,
        columns=columns,
        schema=schema,
        read=lambda: iter(()),
        warnings=warnings,
        encoding=encoding,
    )

    def on_invalid(row) -> str:
        source.ragged.append(row.actual_columns)
        return "skip"

    # pyarrow parses twice as fast when it need not look for line breaks inside quoted values;
    # a file without any quote character cannot have them.
    quoted_newlines_possible = encoding == "utf-16" or _contains_byte(path, b'"')

    # Where the fast reader reads: the file itself, or its UTF-8 copy once `decode_once` made it.
    reading = {"path": path, "encoding": arrow_encoding}

    def fast(columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
        source.ragged.clear()
        names = [f"c{i}" for i in range(ncols)]
        include = wanted if columns is None else [c for c in wanted if c in columns]
        out_schema = schema if columns is None else _schema(include)
        try:
            stream = pacsv.open_csv(
                reading["path"],
                read_options=pacsv.ReadOptions(
                    column_names=names,
                    skip_rows=skip_lines,
                    encoding=reading["encoding"],
                    block_size=CSV_BLOCK_BYTES,
                ),
                parse_options=pacsv.ParseOptions(
                    delimiter=delimiter,
                    newlines_in_values=quoted_newlines_possible,
                    ignore_empty_lines=False,
                    invalid_row_handler=on_invalid,
                ),
                convert_options=pacsv.ConvertOptions(
                    column_types={n: pa.string() for n in names},
                    include_columns=include,
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                ),
            )
            position = 0  # index in the stream; 0 is the header row
            for batch in stream:
                n = batch.num_rows
                rows = _row_numbers(header_row + position, n)
                arrays = [batch.column(name) for name in include]
                out = _batch(out_schema, rows, None, None, arrays)
                if position == 0:
                    out = out.slice(1)
                position += n
                if out.num_rows:
                    yield out
        except (pa.ArrowInvalid, UnicodeDecodeError, ValueError) as exc:
            if _is_encoding_problem(exc):
                raise _csv_read_error(filename, encoding, exc) from exc
            source.ragged.append(-1)  # e.g. a row longer than a block: the exact reader takes over

    def slow() -> Iterator[pa.RecordBatch]:
        yield from _read_csv_python(
            path, filename, encoding, delimiter, ncols, skip_lines, header_row, wanted, schema
        )

    def decode_once(directory: Path) -> None:
        if encoding == "utf-8" or reading["path"] != path:
            return
        copy = Path(directory) / "decoded-utf8.csv"
        _decode_to_utf8(path, copy, encoding, filename)
        reading.update(path=copy, encoding="utf8")

    source.read = lambda: prefetch(gather(fast()))
    source.read_columns = lambda columns: prefetch(gather(fast(columns)))
    source.fallback = lambda: prefetch(slow())
    source.decode_once = decode_once
    return source


DECODE_CHUNK_BYTES = 4 * 1024 * 1024


def _decode_to_utf8(path: Path, target: Path, encoding: str, filename: str) -> None:
    """Write `path` (in `encoding`) to `target` in UTF-8, streaming, with the codec the fast
    reader would use (pyarrow transcodes through Python's codecs too, so the text is the same).

    A file read twice (the duplicate pre-pass, then the checks) is then decoded once: GB18030
    decoding costs about as much as pyarrow's whole parse of the file. Undecodable bytes are
    the same FileRejected as in the reader.
    """
    if encoding == "gb18030" and _gb18030_to_utf8(path, target):
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as src, target.open("wb") as out:
            while chunk := src.read(DECODE_CHUNK_BYTES):
                out.write(decoder.decode(chunk).encode("utf-8"))
            out.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeDecodeError as exc:
        target.unlink(missing_ok=True)
        raise _csv_read_error(filename, encoding, exc) from exc


@functools.cache
def _gb18030_table() -> bytes:
    """The code point of every two-byte GB18030 sequence (0 where Python's codec refuses it)."""
    table = array.array("I", bytes(65536 * 4))
    trails = [*range(0x40, 0x7F), *range(0x80, 0xFF)]
    for lead in range(0x81, 0xFF):
        for trail in trails:
            try:
                text = bytes((lead, trail)).decode("gb18030")
            except UnicodeDecodeError:
                continue
            if len(text) == 1 and ord(text) < 0x10000:
                table[(lead << 8) | trail] = ord(text)
    return table.tobytes()


def _gb18030_to_utf8(path: Path, target: Path) -> bool:
    """`_decode_to_utf8` in compiled code for a file of ASCII and two-byte sequences (GBK): about
    a tenth of the codec's time, the same text (the table is the codec's). False, with nothing
    left behind, when the compiled code is missing or the file holds anything else: the caller
    then decodes with the codec, which also explains a bad byte."""
    try:
        from gongzhi.exchange.validation import _fastpath
    except ImportError:  # pragma: no cover - depends on the machine
        return False
    table = _gb18030_table()
    out = bytearray(DECODE_CHUNK_BYTES * 3 // 2 + 8)
    view = memoryview(out)
    carry = b""
    with path.open("rb") as src, target.open("wb") as sink:
        while True:
            chunk = src.read(DECODE_CHUNK_BYTES)
            data = carry + chunk if carry else chunk
            if not data:
                return True
            if len(out) < len(data) * 3 // 2 + 8:
                out = bytearray(len(data) * 3 // 2 + 8)
                view = memoryview(out)
            done = _fastpath.gb18030(data, table, out)
            if done is None or (
                not chunk and done[0] < len(data)
            ):  # needs the codec, or a lone lead byte at the end
                sink.close()
                target.unlink(missing_ok=True)
                return False
            sink.write(view[: done[1]])
            carry = bytes(data[done[0] :])


def gather(batches: Iterator[pa.RecordBatch], rows: int | None = None) -> Iterator[pa.RecordBatch]:
    """Join consecutive batches into batches of at least `rows` rows (the last may be smaller).

    The CSV reader's batches follow its blocks (about 6,500 rows of a 12-column file a block);
    everything after the checks (Arrow filters of good and bad rows, reasons, the quarantine
    writer) has a cost per batch, which larger batches pay less often (0.6 -> 0.2 CPU s on
    1M rows with 3 % bad rows). The blocks themselves stay small: a row longer than a block
    still hands the file to the exact reader.
    """
    rows = GATHER_ROWS if rows is None else rows  # (read when called: a test may set it smaller)
    pending: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        pending.append(batch)
        count += batch.num_rows
        if count >= rows:
            yield pending[0] if len(pending) == 1 else pa.concat_batches(pending)
            pending, count = [], 0
    if pending:
        yield pending[0] if len(pending) == 1 else pa.concat_batches(pending)


def _contains_byte(path: Path, needle: bytes) -> bool:
    """Whether the file holds `needle`: read into one buffer and searched there (150 MB: 24
    against 45 ms when each chunk was a new bytes object; a step every ingest waits for). Not
    mapped: a mapped file's pages count in the process's resident memory."""
    if len(needle) != 1:  # (one byte: a longer needle could straddle two reads)
        raise ValueError("needle must be one byte")
    buffer = bytearray(1024 * 1024)
    with path.open("rb", buffering=0) as fh:
        while n := fh.readinto(buffer):
            if buffer.find(needle, 0, n) >= 0:
                return True
    return False


def _is_encoding_problem(exc: Exception) -> bool:
    return isinstance(exc, UnicodeDecodeError) or "utf8" in str(exc).lower()


def _csv_read_error(filename: str, encoding: str, exc: Exception) -> FileRejected:
    if _is_encoding_problem(exc):
        return FileRejected(
            f"文件“{filename}”含有无法按 {encoding.upper()} 识别的字符（文件可能混用了多种编码）："
            f"请整体另存为 UTF-8 编码后上传",
            code="encoding",
        )
    return FileRejected(f"文件“{filename}”无法按 CSV 读取：格式异常（如引号不配对或单元格过长）")


def _read_csv_python(
    path: Path,
    filename: str,
    encoding: str,
    delimiter: str,
    ncols: int,
    skip_lines: int,
    header_row: int,
    wanted: list[str],
    schema: pa.Schema,
) -> Iterator[pa.RecordBatch]:
    """The exact reader: numbers every record and reports those with the wrong column count."""
    indexes = [int(c[1:]) for c in wanted]
    number = header_row
    previous = csv.field_size_limit()
    csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        with path.open(encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="") as fh:
            for _ in range(skip_lines):
                fh.readline()
            reader = csv.reader(fh, delimiter=delimiter)
            next(reader, None)  # the header
            number = header_row
            while True:
                chunk = list(itertools.islice(reader, PY_BATCH_ROWS))
                if not chunk:
                    break
                rows = _row_numbers(number + 1, len(chunk))
                number += len(chunk)
                bad: list[str | None] = [None] * len(chunk)
                bad_msg: list[str | None] = [None] * len(chunk)
                any_bad = False
                for i, record in enumerate(chunk):
                    n = len(record)
                    if n != ncols and n and (n < ncols or any(v.strip() for v in record[ncols:])):
                        bad[i] = f"columns:{ncols},{n}"
                        bad_msg[i] = f"列数与表头不一致（表头{ncols}列，此行{n}列）"
                        any_bad = True
                arrays = [
                    pa.array([r[j] if j < len(r) else None for r in chunk], pa.string()) for j in indexes
                ]
                yield _batch(schema, rows, bad if any_bad else None, bad_msg if any_bad else None, arrays)
    except (UnicodeDecodeError, ValueError) as exc:
        raise _csv_read_error(filename, encoding, exc) from exc
    except csv.Error as exc:
        raise FileRejected(
            f"文件“{filename}”CSV 格式错误（约第{number + 1}行）：引号不配对、单元格超过 4 MB 或含有空字符"
        ) from exc
    finally:
        csv.field_size_limit(previous)


# ----------------------------------------------------------------------------- XLSX


def _number_text(value: float) -> str:
    """A spreadsheet number as a person sees it: integers without '.0', 15 significant digits."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15g")


def cell_converter(f: FieldSpec, code_like: bool) -> Callable[[Any], str | None]:
    """How a non-text spreadsheet cell becomes text for field `f` (texts are kept as they are)."""

    def convert(value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            if f.type == "boolean":
                return "true" if value else "false"
            return "TRUE" if value else "FALSE"
        if isinstance(value, int | float):
            if code_like:
                return NUMERIC_MARK + _number_text(value)
            if f.type == "datetime" and isinstance(value, float):
                return repr(value)
            return _number_text(value)
        if isinstance(value, dt.datetime):
            return value.isoformat(sep=" ")
        if isinstance(value, dt.date | dt.time):
            return value.isoformat()
        if isinstance(value, dt.timedelta):
            return str(value)
        if isinstance(value, Decimal):
            return str(value)
        return str(value)

    return convert


def _numbers_as_text(array: pa.Array) -> pa.Array:
    """Vectorised `_number_text`: integers without '.0'; other numbers in their shortest form,
    and with 15 significant digits (as a spreadsheet shows them) where that form is longer."""
    integral = pc.and_(pc.equal(pc.floor(array), array), pc.less(pc.abs(array), 1e15))
    if pc.all(integral).as_py() is not False:
        return pc.cast(pc.cast(array, pa.int64()), pa.string())
    whole = pc.cast(pc.if_else(integral, array, pa.scalar(None, pa.float64())), pa.int64())
    text = pc.if_else(integral, pc.cast(whole, pa.string()), pc.cast(array, pa.string()))
    odd = pc.and_(
        pc.invert(integral), pc.or_(pc.match_substring(text, "e"), pc.greater(pc.utf8_length(text), 16))
    )
    if pc.any(odd).as_py():
        fixed = [_number_text(v) for v in pc.filter(array, odd).to_pylist()]
        text = pc.replace_with_mask(text, odd, pa.array(fixed, pa.string()))
    return text


def _column_array(
    values: list, f: FieldSpec, convert: Callable[[Any], str | None], code_like: bool
) -> pa.Array:
    """One spreadsheet column (Python values from calamine) as an Arrow string array.

    The common shapes are converted by Arrow in bulk: all text; numbers (with empty cells)
    in a number column; dates; date-times. Anything else goes cell by cell through `convert`.
    """
    types = set(map(type, values))
    if types <= {str}:
        return pa.array(values, pa.string())
    if not code_like and types <= {float, int, str}:
        numbers = [None if v == "" else v for v in values]
        try:
            array = pa.array(numbers, pa.float64())  # raises on a non-empty text cell
        except (pa.ArrowTypeError, pa.ArrowInvalid, TypeError):
            array = None
        if array is not None:
            return _numbers_as_text(array)
    for arrow_type, python_types in ((pa.date32(), {dt.date}), (pa.timestamp("us"), {dt.datetime})):
        if types - {str} == python_types and f.type in ("date", "datetime", "text"):
            try:
                array = pa.array([None if v == "" else v for v in values], arrow_type)
            except (pa.ArrowTypeError, pa.ArrowInvalid, TypeError):
                break
            return pc.cast(array, pa.string())
    return pa.array([v if v.__class__ is str else convert(v) for v in values], pa.string())


def open_xlsx(path: Path, filename: str, spec: DatasetSpec, *, limits: XlsxLimits = DEFAULT_LIMITS) -> Source:
    """The archive is inspected, the sheet chosen (python-calamine's metadata, cheap), then read
    by fastexcel (`xlsx_fastexcel`, Arrow from Rust) where it gives python-calamine's result for
    sure, else by python-calamine cell by cell (`_open_xlsx_calamine`, the reference)."""
    inspect_xlsx(path, filename, limits)
    from python_calamine import CalamineWorkbook

    from gongzhi.exchange.validation.xlsx_fastexcel import open_fast

    try:
        book = CalamineWorkbook.from_path(str(path))
        name = _sheet_name(book, spec)
    except FileRejected:
        raise
    except Exception as exc:
        raise FileRejected(f"文件“{filename}”无法读取：工作簿已损坏或格式不受支持") from exc
    source = open_fast(path, filename, spec, name)
    if source is not None:
        return source
    return _open_xlsx_calamine(book, name, filename, spec)


def _open_xlsx_calamine(book, name: str, filename: str, spec: DatasetSpec) -> Source:
    try:
        sheet = book.get_sheet_by_name(name)  # the workbook stays alive while the sheet is read
    except Exception as exc:
        raise FileRejected(f"文件“{filename}”无法读取：工作簿已损坏或格式不受支持") from exc
    try:
        # calamine's `start` is the first used cell; depending on the version, iter_rows() begins
        # at the sheet's first row or at `start`. Skipping the empty rows first makes the row
        # numbers right either way: the first non-empty row is row start_row + 1.
        start_row, start_column = sheet.start or (0, 0)
        rows_iter = sheet.iter_rows()
        leading = 0
        first: list = []
        for row in rows_iter:
            if first or any(v not in ("", None) for v in row):
                first.append(row)
                if len(first) == HEADER_SCAN_ROWS:
                    break
            else:
                leading += 1
    except Exception as exc:
        raise FileRejected(f"文件“{filename}”无法读取：工作表内容已损坏或格式不受支持") from exc
    if not first or not any(any(v not in ("", None) for v in row) for row in first):
        raise FileRejected(f"文件“{filename}”的工作表“{sheet.name}”没有内容", code="empty")
    found = find_header_row(first, spec)
    warnings = _check_header(found[1] if found else None, filename, spec, start_column)
    header_index, match = found
    columns = {code: f"c{index}" for code, index in match.columns.items()}
    wanted = sorted(set(columns.values()), key=lambda c: int(c[1:]))
    schema = _schema(wanted)
    header_row = start_row + header_index + 1
    by_column = {f"c{index}": spec.get_field(code) for code, index in match.columns.items()}
    plans = {}
    for c, f in by_column.items():
        code_like = f.check is not None and CHECKS[f.check].code_like
        plans[c] = (f, cell_converter(f, code_like), code_like)
    indexes = [int(c[1:]) for c in wanted]

    def read() -> Iterator[pa.RecordBatch]:
        try:
            rows_iter = sheet.iter_rows()
            for _ in range(leading + header_index + 1):
                next(rows_iter)
            number = header_row
            while True:
                chunk = list(itertools.islice(rows_iter, XLSX_BATCH_ROWS))
                if not chunk:
                    break
                width = min(map(len, chunk))
                arrays = []
                for j in indexes:
                    if j < width:
                        values = [r[j] for r in chunk]
                    else:
                        values = [r[j] if j < len(r) else "" for r in chunk]
                    arrays.append(_column_array(values, *plans[f"c{j}"]))
                rows = _row_numbers(number + 1, len(chunk))
                number += len(chunk)
                yield _batch(schema, rows, None, None, arrays)
        except FileRejected:
            raise
        except Exception as exc:
            raise FileRejected(f"文件“{filename}”无法读取：工作表内容已损坏或格式不受支持") from exc

    return Source(
        kind="xlsx",
        estimated_rows=max(0, (sheet.height or 0) - header_index - 1),
        filename=filename,
        header=match,
        header_row=header_row,
        columns=columns,
        schema=schema,
        read=lambda: prefetch(read()),
        warnings=warnings,
    )


def _choose_sheet(book, spec: DatasetSpec):
    """The worksheet named like the dataset, else the first visible worksheet."""
    return book.get_sheet_by_name(_sheet_name(book, spec))


def _sheet_name(book, spec: DatasetSpec) -> str:
    """The name of the worksheet named like the dataset, else of the first visible worksheet."""
    metas = [m for m in book.sheets_metadata if str(m.typ).endswith("WorkSheet")]
    visible = [
        m for m in metas if str(m.visible).endswith("Visible") and not str(m.visible).endswith("Hidden")
    ]
    wanted = {spec.name, spec.code}
    for meta in visible:
        if meta.name.strip() in wanted:
            return meta.name
    chosen = (visible or metas or [None])[0]
    if chosen is None:
        raise FileRejected("文件中没有工作表")
    return chosen.name


# ----------------------------------------------------------------------------- API rows


def rows_source(rows: list[dict], spec: DatasetSpec, *, first_row: int = 1) -> Source:
    """Rows pushed by API (JSON objects keyed by field code or name) as a Source.

    Unknown keys are row errors (a program that misspells a key would otherwise lose data
    silently); values that are lists or objects are row errors; numbers in code columns are
    refused like spreadsheet numbers.
    """
    keys: dict[str, None] = {}
    for row in rows:
        if isinstance(row, dict):
            keys.update(dict.fromkeys(str(k) for k in row))
    key_list = list(keys)
    match = match_headers(key_list, spec)
    column_of_key = {key_list[i]: code for code, i in match.columns.items()}
    for code, indexes in match.duplicates.items():
        for i in indexes[1:]:
            column_of_key[key_list[i]] = code
    codes = [f.code for f in spec.fields if f.code in match.columns]
    converters = {
        code: cell_converter(spec.get_field(code), _code_like(spec.get_field(code))) for code in codes
    }
    columns = {code: f"c{spec.fields.index(spec.get_field(code))}" for code in codes}
    wanted = [columns[c] for c in codes]
    schema = _schema(wanted)
    n = len(rows)
    values: dict[str, list[str | None]] = {code: [None] * n for code in codes}
    bad: list[str | None] = [None] * n
    bad_msg: list[str | None] = [None] * n
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            bad[i], bad_msg[i] = "not_object", "每一行应为一个对象（键为字段代码或名称）"
            continue
        problems = []
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row.values()):
            bad[i], bad_msg[i] = "empty_row", "空行：没有任何字段的值"
            continue
        for key, value in row.items():
            code = column_of_key.get(str(key))
            if code is None:
                problems.append((f"unknown_field:{key}", f"未知字段“{key}”，请按数据规范填写字段名称或代码"))
                continue
            if isinstance(value, dict | list | tuple | set):
                values[code][i] = NOT_SCALAR_MARK  # the engine reports it on the field
                continue
            if value is None:
                continue
            values[code][i] = value if isinstance(value, str) else converters[code](value)
        if problems:
            bad[i] = problems[0][0]
            bad_msg[i] = "；".join(m for _, m in problems)
    any_bad = any(b is not None for b in bad)
    arrays = [pa.array(values[c], pa.string()) for c in codes]
    batch = _batch(
        schema, _row_numbers(first_row, n), bad if any_bad else None, bad_msg if any_bad else None, arrays
    )
    return Source(
        kind="rows",
        filename="接口数据",
        header=match,
        header_row=first_row - 1,
        columns=columns,
        schema=schema,
        read=lambda: iter([batch]),
    )


def _code_like(f: FieldSpec) -> bool:
    return f.check is not None and CHECKS[f.check].code_like
