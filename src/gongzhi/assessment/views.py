from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


scheme_list = scheme_detail = run_detail = unit_score = manual_detail = attachment_download = _todo
notice_list = notice_detail = notice_docx = _todo
