from django.urls import path

from gongzhi.public import views_children

urlpatterns: list = [  # for children: plain-word plan page, the suggestion form, answers
    path("children/", views_children.children_home, name="children_home"),
    path("children/suggest/", views_children.children_suggest, name="children_suggest"),
    path("children/thanks/", views_children.children_thanks, name="children_thanks"),
]
