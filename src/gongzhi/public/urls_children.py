urlpatterns: list = []  # for children: plain-word plan page, the suggestion form, answers
