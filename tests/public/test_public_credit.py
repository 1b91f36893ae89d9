"""The public pages of the A/D lists (no login): published revisions only, searchable, .xlsx, and
never a natural person's ID number (every page and the workbook are scanned for one)."""

import datetime
import io
import random
import re
import zipfile

import pytest
from factories import submit_rows
from openpyxl import load_workbook

from gongzhi.core import clock
from gongzhi.core.codes import id_check_char, is_id_number
from gongzhi.credit import lists
from gongzhi.credit.models_lists import CreditList, ListEntry, ListRevision
from gongzhi.exchange.models import Dataset
from gongzhi.exchange.validation import synthetic
from gongzhi.org.models import Unit

pytestmark = pytest.mark.django_db

YEAR = 2016
ID_TOKEN = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")


def id_numbers(text: str) -> list[str]:
    """Resident ID numbers in `text`: 18 characters, a valid GB 11643 check character and a real
    birth date (which no credit code has at those places)."""
    found = []
    for token in ID_TOKEN.findall(text):
        token = token.upper()
        if not is_id_number(token):
            continue
        try:
            birth = datetime.date(int(token[6:10]), int(token[10:12]), int(token[12:14]))
        except ValueError:
            continue
        if 1900 <= birth.year <= clock.today().year:
            found.append(token)
    return found


def person_id(body: str = "37030319851203421") -> str:
    return body + id_check_char(body)


def test_the_scanner_finds_an_id_number_and_ignores_credit_codes():
    rng = random.Random(7)
    codes = [synthetic.uscc(rng) for _ in range(500)]
    assert id_numbers(" ".join(codes)) == []
    assert id_numbers(f"身份证号{person_id()}。") == [person_id()]


@pytest.fixture
def published(data_dir, users):
    rng = random.Random(2016)
    c = [synthetic.uscc(rng) for _ in range(6)]
    pid = person_id()
    rows = [
        ("合成数据甲有限公司", "A", "96", ""),
        ("合成数据乙有限公司", "A", "91", ""),
        ("合成数据丙有限公司", "A", "90", ""),
        ("合成数据丁有限公司", "D", "", f"虚开增值税专用发票，法定代表人合成人员（身份证号{pid}）"),
        (f"合成数据戊个体户{pid}", "D", "", f"非正常户，负责人身份证号{pid}"),
        ("合成数据己有限公司", "B", "80", ""),
    ]
    dataset = Dataset.objects.get(code="credit_rating")
    unit = Unit.objects.get(name="区税务局")
    submit_rows(
        dataset,
        unit,
        str(YEAR),
        [
            {
                "uscc": code,
                "name": name,
                "eval_year": YEAR,
                "level": level,
                "score": score,
                "d_reason": reason,
            }
            for code, (name, level, score, reason) in zip(c, rows, strict=True)
        ],
    )
    revisions = {}
    for level in ("A", "D"):
        revision = lists.list_draft(actor=users["tax_officer"], eval_year=YEAR, level=level)
        lists.list_approve(actor=users["cogov_office"], revision=revision)
        revisions[level] = lists.list_publish(actor=users["cogov_office"], revision=revision)
    return {"codes": c, "pid": pid, "revisions": revisions}


def test_no_id_number_on_any_public_page_or_workbook(published, client_for):
    c, pid = published["codes"], published["pid"]
    anonymous = client_for(None)
    urls = [
        "/public/credit/",
        f"/public/credit/?q={c[3]}",
        "/public/credit/?q=合成数据",
        "/public/credit/?q=个体户",
        f"/public/credit/?q={pid}",
        f"/public/credit/{YEAR}/A/",
        f"/public/credit/{YEAR}/D/",
        f"/public/credit/{YEAR}/D/?v=1",
        f"/public/credit/{YEAR}/D/?q=戊",
    ]
    for url in urls:
        response = anonymous.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert id_numbers(text) == [], url
        assert "法定代表人" not in text and "负责人身份证号" not in text, url  # no reason text
    d_page = anonymous.get(f"/public/credit/{YEAR}/D/").content.decode()
    assert "虚开发票等违反发票管理规定" in d_page and "非正常户、走逃（失联）户" in d_page
    assert c[3] in d_page and c[4] in d_page and "合成数据戊个体户370303" in d_page
    for level in ("A", "D"):
        response = anonymous.get(f"/public/credit/{YEAR}/{level}/xlsx/")
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for name in archive.namelist():
                assert id_numbers(archive.read(name).decode("utf-8", "replace")) == [], name


def test_the_workbook_has_the_public_fields_and_is_formula_safe(published, client_for):
    c = published["codes"]
    revision = published["revisions"]["A"]
    body = b"".join(client_for(None).get(f"/public/credit/{YEAR}/A/xlsx/").streaming_content)
    sheet = load_workbook(io.BytesIO(body)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == f"{YEAR}年度纳税信用A级纳税人名单（第1版）"
    assert values[1] == ["序号", "纳税人名称", "统一社会信用代码", "信用级别", "评价年度"]
    data = values[2:5]
    assert sorted(r[2] for r in data) == sorted(c[:3])
    assert any(revision.content_hash in str(v) for r in values[5:] for v in r)


def test_a_formula_looking_name_stays_text(users):
    credit_list = CreditList.objects.create(eval_year=2015, level="A")
    revision = ListRevision.objects.create(
        credit_list=credit_list, number=1, as_of=clock.today(), content_hash="0" * 64, drafted_at=clock.now()
    )
    ListEntry.objects.create(
        revision=revision,
        seq=1,
        uscc="91370306MA3C00000X",
        name='=HYPERLINK("x")合成',
        level="A",
        eval_year=2015,
    )
    sheet = load_workbook(lists.revision_xlsx(revision)).active
    assert sheet.cell(row=3, column=2).value == '=HYPERLINK("x")合成'
    assert sheet.cell(row=3, column=2).data_type == "s"


def test_search_by_name_or_credit_code(published, client_for):
    c = published["codes"]
    anonymous = client_for(None)
    by_code = anonymous.get(f"/public/credit/?q={c[1].lower()}").content.decode()
    assert c[1] in by_code and c[0] not in by_code
    by_name = anonymous.get("/public/credit/?q=丁有限").content.decode()
    assert c[3] in by_name and c[1] not in by_name
    # a B-rated taxpayer is on no list, and unpublished data is never searched
    assert "查询结果（0条）" in anonymous.get(f"/public/credit/?q={c[5]}").content.decode()
    in_list = anonymous.get(f"/public/credit/{YEAR}/A/?q=乙").content.decode()
    assert c[1] in in_list and c[0] not in in_list


def test_unpublished_lists_are_not_public(data_dir, users, client_for):
    rng = random.Random(99)
    code = synthetic.uscc(rng)
    submit_rows(
        Dataset.objects.get(code="credit_rating"),
        Unit.objects.get(name="区税务局"),
        str(YEAR),
        [
            {
                "uscc": code,
                "name": "合成数据待审有限公司",
                "eval_year": YEAR,
                "level": "A",
                "score": "95",
                "d_reason": "",
            }
        ],
    )
    revision = lists.list_draft(actor=users["tax_officer"], eval_year=YEAR, level="A")
    anonymous = client_for(None)
    assert anonymous.get(f"/public/credit/{YEAR}/A/").status_code == 404
    assert anonymous.get(f"/public/credit/{YEAR}/A/xlsx/").status_code == 404
    assert "查询结果（0条）" in anonymous.get(f"/public/credit/?q={code}").content.decode()
    lists.list_approve(actor=users["cogov_office"], revision=revision)
    assert anonymous.get(f"/public/credit/{YEAR}/A/").status_code == 404
    assert anonymous.get(f"/public/credit/{YEAR}/B/").status_code == 404
    assert anonymous.get("/public/credit/1999/A/").status_code == 404


def test_public_pages_stack_on_a_phone(published, client_for):
    page = client_for(None).get(f"/public/credit/{YEAR}/D/").content.decode()
    assert 'class="table table-sm mb-0 gz-stack"' in page and 'data-label="统一社会信用代码"' in page
    assert '<meta name="viewport"' in page


HOSTILE = ["abc", "1e23", "NaN", "-1", "0", "99999999999999999999999", "2026-13-45", "a\x00b", "长" * 5000]


def test_no_hostile_parameter_is_a_server_error(published, users):
    from django.test import Client

    anonymous, office = Client(raise_request_exception=False), Client(raise_request_exception=False)
    office.force_login(users["cogov_office"])
    revision = published["revisions"]["D"]
    pages = [
        (anonymous, "/public/credit/", ["q"]),
        (anonymous, f"/public/credit/{YEAR}/D/", ["v", "q", "page"]),
        (anonymous, f"/public/credit/{YEAR}/D/xlsx/", ["v"]),
        (office, f"/credit/lists/revisions/{revision.pk}/", ["q", "page"]),
        (office, "/credit/repairs/", ["state", "page"]),
    ]
    errors = []
    for client, url, names in pages:
        assert client.get(url).status_code == 200, url
        for name in names:
            for value in HOSTILE:
                status = client.get(url, {name: value}).status_code
                if status not in (200, 400, 404):
                    errors.append(f"{url}?{name}={value[:20]!r}: {status}")
    assert errors == []
