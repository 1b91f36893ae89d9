"""The economic analysis report (经济运行分析报告) page and download."""

from django.http import HttpResponse


def report(request):  # placeholder until the report lands
    return HttpResponse(status=404)
