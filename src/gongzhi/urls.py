from django.urls import include, path

from gongzhi.api import api

urlpatterns = [
    path("", include("gongzhi.workspace.urls")),
    path("", include("gongzhi.core.urls")),
    path("accounts/", include("gongzhi.accounts.urls")),
    path("org/", include("gongzhi.org.urls")),
    path("plans/", include("gongzhi.plans.urls")),
    path("exchange/", include("gongzhi.exchange.urls")),
    path("supervision/", include("gongzhi.supervision.urls")),
    path("supervision/", include("gongzhi.inspections.urls")),  # paths kept from before the split
    path("taxrisk/", include("gongzhi.taxrisk.urls")),
    path("credit/", include("gongzhi.credit.urls")),
    path("assessment/", include("gongzhi.assessment.urls")),
    path("meetings/", include("gongzhi.meetings.urls")),
    path("economy/", include("gongzhi.economy.urls")),
    path("cogov/", include("gongzhi.cogov.urls")),
    path("children/", include("gongzhi.children.urls")),
    path("public/", include("gongzhi.public.urls")),
    path("api/v1/", api.urls),
]

handler400 = "gongzhi.core.views.error_400"
handler403 = "gongzhi.core.views.error_403"
handler404 = "gongzhi.core.views.error_404"
handler500 = "gongzhi.core.views.error_500"
