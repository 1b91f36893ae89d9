"""The client address of a request: forwarded headers count only from a trusted proxy."""

from django.test import RequestFactory, override_settings

from gongzhi.core.middleware import client_ip_of


def _request(remote: str, forwarded: str = "", real_ip: str = ""):
    meta = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    if real_ip:
        meta["HTTP_X_REAL_IP"] = real_ip
    return RequestFactory().get("/", **meta)


@override_settings(GONGZHI_TRUSTED_PROXIES=["127.0.0.1", "::1"])
def test_headers_from_an_untrusted_client_are_ignored():
    # given a client that talks to us directly and claims to be someone else
    request = _request("203.0.113.7", forwarded="10.1.1.1", real_ip="10.2.2.2")
    # then its own address counts
    assert client_ip_of(request) == "203.0.113.7"


@override_settings(GONGZHI_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_behind_trusted_proxies_the_rightmost_untrusted_address_counts():
    # the client forged "198.51.100.1"; the proxies appended the real address and their own
    request = _request("127.0.0.1", forwarded="198.51.100.1, 203.0.113.7, 10.0.0.5")
    assert client_ip_of(request) == "203.0.113.7"


@override_settings(GONGZHI_TRUSTED_PROXIES=["127.0.0.1"])
def test_x_real_ip_is_never_read():
    assert client_ip_of(_request("127.0.0.1", real_ip="198.51.100.1")) == "127.0.0.1"


@override_settings(GONGZHI_TRUSTED_PROXIES=[])
def test_empty_list_trusts_no_one():
    assert client_ip_of(_request("127.0.0.1", forwarded="198.51.100.1")) == "127.0.0.1"


@override_settings(GONGZHI_TRUSTED_PROXIES=["127.0.0.1"])
def test_garbage_in_the_header_falls_back_to_the_proxy():
    assert client_ip_of(_request("127.0.0.1", forwarded="<script>")) == "127.0.0.1"
