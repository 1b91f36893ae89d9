from django.urls import path

from gongzhi.cogov import views_yearly as views

urlpatterns = [
    path("yearly/", views.yearly_set_list, name="yearly_set_list"),
    path("yearly/mine/", views.yearly_mine, name="yearly_mine"),
    path("yearly/<int:pk>/", views.yearly_set_detail, name="yearly_set_detail"),
    path("yearly/<int:pk>/edit/", views.yearly_set_edit, name="yearly_set_edit"),
    path("yearly/<int:pk>/issue/", views.yearly_set_issue, name="yearly_set_issue"),
    path("yearly/<int:pk>/export.xlsx", views.yearly_set_export, name="yearly_set_export"),
]
