urlpatterns: list = []  # councils, members, sessions, suggestions
