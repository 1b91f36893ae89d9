import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_chinese_by_default_whatever_the_browser_says(users, client_for):
    page = client_for(users["liaison"]).get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "首页" in page.content.decode() and page["Content-Language"] == "zh-hans"


def test_english_when_chosen(users, client_for):
    client = client_for(users["liaison"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/")
    text = page.content.decode()
    assert "Home" in text and "首页" not in text


def test_dates_read_as_chinese_dates():
    import datetime

    from gongzhi.core.templatetags.gongzhi import cn_date

    assert cn_date(datetime.date(2025, 6, 30)) == "2025年6月30日"
    # a parse result's ISO text too; text that is no date stays as it is
    assert cn_date("2022-01-18") == "2022年1月18日" and cn_date("二〇二二年一月") == "二〇二二年一月"


def test_service_errors_are_chinese_by_default_and_english_when_chosen(users):
    from django.utils import translation

    from gongzhi.core.exceptions import ApplicationError
    from gongzhi.org.choices import UnitKind
    from gongzhi.org.services import unit_create

    def error() -> str:
        with pytest.raises(ApplicationError) as caught:
            unit_create(actor=users["admin"], name="区财政局", kind=UnitKind.GOVERNMENT)
        return caught.value.message

    assert error() == "单位“区财政局”已存在（登记为“区财政局”）"
    with translation.override("en"):
        assert error() == "Unit “区财政局” already exists (registered as “区财政局”)"


def test_the_english_catalogue_is_complete():
    """Every string of the UI has its English (no untranslated or fuzzy entry in django.po):
    after makemessages, fill the new entries before committing."""
    from pathlib import Path

    import gongzhi

    po = Path(gongzhi.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    missing, fuzzy = [], []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if not any(ln.startswith("msgid ") for ln in lines) or any(ln.startswith("#~") for ln in lines):
            continue
        msgid = "".join(_po_strings(lines, "msgid "))
        if not msgid:
            continue  # the header
        if any(ln.startswith("#,") and "fuzzy" in ln for ln in lines):
            fuzzy.append(msgid)
        keys = (
            ["msgstr "]
            if not any(ln.startswith("msgid_plural ") for ln in lines)
            else ["msgstr[0] ", "msgstr[1] "]
        )
        if any(not "".join(_po_strings(lines, key)) for key in keys):
            missing.append(msgid)
    assert not missing and not fuzzy, {"untranslated": missing[:20], "fuzzy": fuzzy[:20]}


def _po_strings(lines: list[str], key: str) -> list[str]:
    """The quoted parts of one field (its first line and the continuation lines after it)."""
    out, inside = [], False
    for ln in lines:
        if ln.startswith(key):
            inside = True
            out.append(ln[len(key) :].strip()[1:-1])
        elif inside and ln.startswith('"'):
            out.append(ln.strip()[1:-1])
        else:
            inside = inside and ln.startswith('"')
    return out
