urlpatterns: list = []  # the plans for citizens: progress, targets, good-practice cases
