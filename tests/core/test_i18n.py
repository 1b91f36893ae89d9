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
