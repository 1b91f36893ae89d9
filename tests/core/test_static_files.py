"""Static files in production (issue 10, serving): `collectstatic` (run by `gongzhi serve` and
`make demo`) writes hashed, compressed copies; pages name the hashed file and WhiteNoise serves it
cached for ever. Before `collectstatic` (tests, a checkout) pages name the source files."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

FOREVER = "max-age=315360000, public, immutable"


def _stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def test_collected_static_files_are_hashed_compressed_and_cached_for_ever(settings, tmp_path):
    # given the files collected as `gongzhi serve` does before it starts
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()  # a new handler: WhiteNoise reads the collected folder
    # when a page is rendered, it names each file by its content's hash
    page = client.get("/accounts/login/")
    sheets = _stylesheets(page.content.decode())
    app_css = next(url for url in sheets if "/gongzhi/app." in url)
    assert re.fullmatch(r"/static/gongzhi/app\.[0-9a-f]{12}\.css", app_css), sheets
    assert sheets and all(re.search(r"\.[0-9a-f]{12}\.css$", url) for url in sheets), sheets
    # then the hashed file is served with a cache lifetime of ten years, compressed on request
    response = client.get(app_css, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Cache-Control"] == FOREVER
    assert response["Content-Encoding"] == "gzip"
    assert (tmp_path / "static" / app_css.removeprefix("/static/")).is_file()
    # and the fonts a stylesheet names are rewritten to their hashed names too
    icons = next(url for url in sheets if "bootstrap-icons" in url)
    body = b"".join(client.get(icons).streaming_content).decode()
    assert re.search(r'url\("fonts/bootstrap-icons\.[0-9a-f]{12}\.woff2', body)
    # while the unhashed name, which may change content, is cached only briefly
    plain = client.get("/static/gongzhi/app.css")
    assert plain.status_code == 200 and "immutable" not in plain["Cache-Control"]


def test_before_collectstatic_pages_name_the_source_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "empty"
    (tmp_path / "empty").mkdir()
    client = Client()
    page = client.get("/accounts/login/")
    assert "/static/gongzhi/app.css" in _stylesheets(page.content.decode())
    assert client.get("/static/gongzhi/app.css").status_code == 200  # served through the finders
