"""An upload handler that refuses a workbook over the size limit before storing any of it.

Django would otherwise write a 50 MB upload to a temporary file before the view could look at
its size. The handler skips the file as soon as the request's length (or the bytes received)
passes the limit; Django then drains the rest of the body without keeping it, so the browser
gets the page with a Vietnamese message instead of a reset connection. (A proxy in front must
accept bodies a little above the limit, e.g. nginx client_max_body_size 25m, or it answers
413 itself.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_protect

from daihoi.imports import messages
from daihoi.imports.archive import HEAD_BYTES
from daihoi.imports.errors import ImportFileError
from daihoi.imports.forms import UploadForm
from daihoi.imports.workbook import max_bytes, too_large

# Multipart boundaries and the form's other fields, beyond the file itself.
ENVELOPE_BYTES = 64 * 1024


class SizeLimitHandler(FileUploadHandler):
    """Skip any file larger than limit bytes; too_large tells the view it happened.

    With head_bytes, a file known too large from the request's length has its first bytes kept
    in head (and nothing else), so the view can tell why it is large (formatting, or a long list).
    """

    def __init__(self, limit: int, request: Any = None, *, head_bytes: int = 0) -> None:
        super().__init__(request)
        self.limit = limit
        self.head_bytes = head_bytes
        self.head = bytearray()
        self.too_large = False
        self.request_length = 0
        self.received = 0

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: bytes,
        encoding: str | None = None,
    ) -> None:
        self.request_length = content_length
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.request_length > self.limit + ENVELOPE_BYTES:
            self.too_large = True
            if not self.head_bytes:
                raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.too_large:  # known from the request's length: keep the head only
            self.head += raw_data[: self.head_bytes - len(self.head)]
            if len(self.head) >= self.head_bytes:
                raise SkipFile
            return None  # the other handlers store nothing
        self.received += len(raw_data)
        if self.received > self.limit:
            self.too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def parse_limited_upload(
    request: Any, limit: int, *, head_bytes: int = 0
) -> SizeLimitHandler | None:
    """Parse a POSTed workbook under the size limit; None when the body itself is refused.

    The handler goes in before anything reads the body (one added later would never see the
    file), and the body is parsed here, where Django's own limits on the form can be caught.
    The view must be csrf_exempt and check CSRF itself afterwards (the check reads the body).
    """
    handler = SizeLimitHandler(limit, request, head_bytes=head_bytes)
    if request.method == "POST":
        request.upload_handlers.insert(0, handler)
        try:
            request.POST  # noqa: B018
            request.FILES  # noqa: B018
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
            return None
    return handler


def workbook_upload[Form: UploadForm](
    request: HttpRequest,
    form_class: type[Form],
    *,
    save: Callable[[Form], HttpResponse | None],
    page: Callable[[Form], HttpResponse],
) -> HttpResponse:
    """Answer a workbook upload page: the form on GET; on POST, the file under the size limit.

    The view calling it is csrf_exempt: the size-limit handler must go in before anything reads
    the body, and the CSRF check (which reads it) runs here afterwards. A body too large to
    parse, or a file over the limit, is refused with its message (told from the file's first
    bytes). A valid form goes to save, which returns the response (a redirect) or None when it
    put its errors on the form; an ImportFileError it raises is put on the file field. Any
    other way, page(form) renders the page.
    """
    limit = parse_limited_upload(request, max_bytes(), head_bytes=HEAD_BYTES)
    if limit is None:
        return page(form_class.refused(messages.FORM_TOO_LARGE))
    return _checked_upload(request, form_class, limit, save, page)


@csrf_protect
def _checked_upload[Form: UploadForm](
    request: HttpRequest,
    form_class: type[Form],
    limit: SizeLimitHandler,
    save: Callable[[Form], HttpResponse | None],
    page: Callable[[Form], HttpResponse],
) -> HttpResponse:
    if request.method != "POST":
        return page(form_class())
    if limit.too_large:
        return page(form_class.refused(too_large(bytes(limit.head))))
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            response = save(form)
        except ImportFileError as error:
            form.add_error("file", error.message)
        else:
            if response is not None:
                return response
    return page(form)
