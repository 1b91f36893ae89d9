from gongzhi.children.register.urls import urlpatterns as register_urls
from gongzhi.children.urls_council import urlpatterns as council_urls

app_name = "children"

urlpatterns: list = [*council_urls, *register_urls]
