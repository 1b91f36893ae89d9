"""How HTML views show a service's `ApplicationError`: the one HTTP translation for pages.

The API has one handler (`gongzhi.api`); pages have this module:

- "Not found" and "not yours" (`NOT_FOUND`, `PERMISSION_DENIED`) become the 404 and 403 pages
  wherever they are raised: `ApplicationErrorMiddleware` translates any `ApplicationError` that
  escapes a view (other codes stay server errors). So a view just calls
  `require_capability(request.user, ...)` or a service and lets those errors go.
- A stored data file that is missing (`DATA_MISSING`, raised by the warehouse) becomes a page
  that says so, naming the submission and asking to have it restored (status 503), wherever the
  page reads shared data; never a server error.
- Errors a person can act on are shown on the page the view renders next:

      with service_errors(form=form):          # or service_errors(request): as a message
          thing = services.thing_create(actor=request.user, **form.cleaned_data)
          messages.success(request, "已保存")
          return redirect(...)
      return render(...)                        # reached when the service refused

  `service_errors` re-raises the two page errors above and swallows the rest into a form error,
  a message (`messages.error`) or a handler of the view's own (`handle=`); it keeps the error as
  `.error` for views that branch on it.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from gongzhi.core.exceptions import ApplicationError, ErrorCode


def raise_as_http(exc: ApplicationError) -> None:
    """A service's "not found" / "not yours" become the 404 and 403 pages; other errors return."""
    if exc.code == ErrorCode.NOT_FOUND:
        raise Http404(exc.message) from exc
    if exc.code == ErrorCode.PERMISSION_DENIED:
        raise PermissionDenied(exc.message) from exc


class ApplicationErrorMiddleware:
    """An `ApplicationError` escaping a view: 404 or 403 page by its code, the data-missing page,
    else a server error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ApplicationError):
            raise_as_http(exception)
            if exception.code == ErrorCode.DATA_MISSING:
                return render(request, "core/data_missing.html", {"message": exception.message}, status=503)
        return None


class service_errors:
    """Show a service's refusal on the page (see the module docstring)."""

    def __init__(self, request=None, *, form=None, handle: Callable[[ApplicationError], None] | None = None):
        if request is None and form is None and handle is None:
            raise TypeError("service_errors needs a request, a form or a handler")
        self.request = request
        self.form = form
        self.handle = handle
        self.error: ApplicationError | None = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if not isinstance(exc, ApplicationError):
            return False
        raise_as_http(exc)
        self.error = exc
        if self.handle is not None:
            self.handle(exc)
        elif self.form is not None:
            self.form.add_error(None, exc.message)
        else:
            messages.error(self.request, exc.message)
        return True
