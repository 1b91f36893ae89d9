"""Shared helpers for the validation engine tests (no Django used by these tests).

All codes here are synthetic (合成数据): the generators compute check characters with their
own derivation of the weights (powers of 3 mod 31, powers of 2 mod 11), independently of the
code under test, so that a wrong table in the engine cannot hide behind the same table here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from gongzhi.exchange.validation import load_specs

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "exchange"

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z


def uscc_check(first17: str) -> str:
    weights = [pow(3, i, 31) for i in range(17)]
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, weights, strict=True))
    return USCC_ALPHABET[-total % 31]


def id_check(first17: str) -> str:
    weights = [pow(2, 17 - i, 11) for i in range(17)]
    total = sum(int(c) * w for c, w in zip(first17, weights, strict=True))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


class Codes:
    """Synthetic code generator (seeded, so failures reproduce)."""

    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)

    def uscc(self, area: str = "370306") -> str:
        body = "9" + self.rng.choice("123") + area + "".join(self.rng.choice(USCC_ALPHABET) for _ in range(9))
        return body + uscc_check(body)

    def id_card(self, area: str = "370306", birth: dt.date | None = None) -> str:
        birth = birth or dt.date(1960, 1, 1) + dt.timedelta(days=self.rng.randrange(0, 20000))
        body = f"{area}{birth:%Y%m%d}{self.rng.randrange(0, 1000):03d}"
        return body + id_check(body)

    def unit_no(self, area: str = "370306", feature: str = "F") -> str:
        tail = (
            "00000000"
            if feature == "W"
            else f"{self.rng.randrange(1, 9999):04d}{self.rng.randrange(1, 9999):04d}"
        )
        return f"{area}001002GB{self.rng.randrange(1, 99999):05d}{feature}{tail}"

    def mobile(self) -> str:
        return f"1{self.rng.choice('3456789')}{self.rng.randrange(0, 10**9):09d}"


@pytest.fixture
def codes() -> Codes:
    return Codes()


@pytest.fixture(scope="session")
def codes_factory():
    """Codes(seed) for tests that need many independent generators (hypothesis)."""
    return Codes


@pytest.fixture(scope="session")
def check_chars():
    """The independent check-character functions: (uscc_check, id_check)."""
    return uscc_check, id_check


@pytest.fixture(scope="session")
def specs():
    return {s.code: s for s in load_specs((FIXTURES / "demand_list.yaml").read_text(encoding="utf-8"))}


@pytest.fixture
def tx_spec(specs):
    return specs["real_estate_tx"]


@pytest.fixture
def ent_spec(specs):
    return specs["enterprise_registry"]


@pytest.fixture
def out_dir(tmp_path) -> Path:
    path = tmp_path / "out"
    path.mkdir()
    return path


def csv_bytes(rows: list[list[object]], *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def write_csv(tmp_path):
    """write_csv(rows, name="data.csv", encoding="utf-8") -> Path"""

    def write(
        rows: list[list[object]], name: str = "data.csv", encoding: str = "utf-8", delimiter: str = ","
    ) -> Path:
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows, encoding=encoding, delimiter=delimiter))
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path):
    """write_xlsx(rows, name="data.xlsx") -> Path; texts are forced to string cells."""
    from openpyxl import Workbook

    def write(rows: list[list[object]], name: str = "data.xlsx", title: str = "Sheet1") -> Path:
        wb = Workbook()
        ws = wb.active
        ws.title = title
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # keep "=..." as text, as a pasted value would be
        path = tmp_path / name
        wb.save(path)
        return path

    return write


@pytest.fixture
def csv_text():
    """csv_text(rows) -> the rows as CSV text (\n line ends)."""

    def text(rows: list[list[object]]) -> str:
        return csv_bytes(rows).decode("utf-8").replace("\r\n", "\n")

    return text


TX_HEADER = [
    "不动产单元号",
    "卖方统一社会信用代码",
    "卖方身份证号",
    "单价（元/平方米）",
    "建筑面积（平方米）",
    "成交价格（元）",
    "成交日期",
    "房屋用途",
]


@pytest.fixture
def tx_header() -> list[str]:
    return list(TX_HEADER)


@pytest.fixture
def tx_row(codes):
    """tx_row(**overrides) -> a valid row of real_estate_tx (header order), as text."""

    def row(**overrides) -> list[object]:
        values = {
            "unit_no": codes.unit_no(),
            "seller_uscc": codes.uscc(),
            "seller_id": "",
            "unit_price": "10000.00",
            "area": "100.00",
            "price": "1000000.00",
            "deal_date": "2025-06-15",
            "use": "住宅",
        }
        values.update(overrides)
        return [
            values[k]
            for k in (
                "unit_no",
                "seller_uscc",
                "seller_id",
                "unit_price",
                "area",
                "price",
                "deal_date",
                "use",
            )
        ]

    return row


# ----------------------------------------------------------------------------- unsafe .xlsx files

XXE = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&xxe;</t></si></sst>"""

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">
<c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""


class UnsafeXlsx:
    """Builders of hostile .xlsx files (zip bombs, overlapping members, XXE …) in a directory."""

    XXE = XXE
    LAUGHS = LAUGHS

    def __init__(self, directory: Path):
        self.directory = directory

    @staticmethod
    def members() -> dict[str, bytes]:
        """The parts of a small genuine workbook (openpyxl)."""
        from openpyxl import Workbook

        buffer = io.BytesIO()
        wb = Workbook()
        wb.active.append(["不动产单元号", "成交价格（元）", "成交日期"])
        wb.save(buffer)
        with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    def build(self, name: str, members: dict[str, bytes]) -> Path:
        path = self.directory / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, data in members.items():
                archive.writestr(member, data)
        return path

    def with_part(self, name: str, member: str, content: bytes) -> Path:
        members = self.members()
        members[member] = content
        return self.build(name, members)

    def zip_bomb(self, name: str = "bomb.xlsx", megabytes: int = 300) -> Path:
        """A sheet part of `megabytes` MB of zeros, compressed to about a thousandth of that."""
        path = self.directory / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, data in self.members().items():
                if member != "xl/worksheets/sheet1.xml":
                    archive.writestr(member, data)
            with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
                zeros = b"\0" * (1 << 20)
                for _ in range(megabytes):
                    part.write(zeros)
        return path

    def lying_bomb(self, name: str = "liar.xlsx") -> Path:
        """The directory claims a 4 KB sheet; its data inflates to 20 MB."""
        members = self.members()
        members["xl/worksheets/sheet1.xml"] = b"<" + b" " * (20 * 1024 * 1024)
        path = self.build(name, members)
        data = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("xl/worksheets/sheet1.xml")
        struct.pack_into("<I", data, info.header_offset + 22, 4096)  # local header: uncompressed size
        position = data.find(b"PK\x01\x02")
        while position != -1:
            name_len = struct.unpack_from("<H", data, position + 28)[0]
            if bytes(data[position + 46 : position + 46 + name_len]) == b"xl/worksheets/sheet1.xml":
                struct.pack_into("<I", data, position + 24, 4096)  # central directory: uncompressed size
            position = data.find(b"PK\x01\x02", position + 4)
        path.write_bytes(bytes(data))
        return path

    @staticmethod
    def _local(name: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(data)
        header = struct.pack(
            "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, len(data), len(data), len(name), 0
        )
        return header + name

    @staticmethod
    def _central(name: bytes, data: bytes, offset: int) -> bytes:
        crc, size = zlib.crc32(data), len(data)
        fields = (b"PK\x01\x02", 20, 20, 0, 0, 0, 0, crc, size, size, len(name), 0, 0, 0, 0, 0, offset)
        return struct.pack("<4sHHHHHHIIIHHHHHII", *fields) + name

    def overlapping(self, name: str = "overlap.xlsx") -> Path:
        """CVE-2024-0450: member b.bin's header and data lie inside member a.bin's (stored) data."""
        body, central = bytearray(), bytearray()
        members = self.members()
        for member, data in members.items():
            encoded = member.encode()
            central += self._central(encoded, data, len(body))
            body += self._local(encoded, data) + data
        inner_name, inner_data = b"xl/media/b.bin", b"B" * 1000
        inner = self._local(inner_name, inner_data) + inner_data
        outer_name, outer_offset = b"xl/media/a.bin", len(body)
        central += self._central(outer_name, inner, outer_offset)
        central += self._central(inner_name, inner_data, outer_offset + 30 + len(outer_name))
        body += self._local(outer_name, inner) + inner
        count = len(members) + 2
        end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)
        path = self.directory / name
        path.write_bytes(bytes(body + central + end))
        return path


@pytest.fixture
def unsafe_xlsx(tmp_path) -> UnsafeXlsx:
    return UnsafeXlsx(tmp_path)
