"""Which query parameters a view reads, noted while it runs.

The hostile-input sweep sends each hostile value to each parameter a view reads. A list of
names, or the names found in an app's source, misses what a helper, a form bound to
``request.GET``, a context processor or a template reads; noting the reads as the request
runs finds all of them, in the project's code and Wagtail's alike.

The noting starts once the request has passed the middleware (which looks at every parameter
of every request, to cut what is too long) and covers the view, its templates and what the
middleware does with the answer. A view that goes through all the parameters (``items()``, a
loop, ``dict()``) reads ``EVERY`` one; copying the parameters or writing them back into a
link (``copy()``, ``urlencode()``) reads none of them, as a copy notes what is read from it.
"""

import contextlib
import types

import pytest
from django.core.handlers.base import BaseHandler
from django.http import QueryDict

EVERY = "*"


class ReadQueryDict(QueryDict):
    """The query parameters of one request, noting each name asked of them into ``reads``."""

    reads = None
    _quiet = 0

    @classmethod
    def of(cls, query, reads):
        noting = cls(mutable=True, encoding=query.encoding)
        for key, values in query.lists():
            noting.setlist(key, values)
        noting._mutable = query._mutable
        noting.reads = reads
        return noting

    @contextlib.contextmanager
    def _quietly(self):
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def _note(self, key):
        if self.reads is not None and not self._quiet:
            self.reads.add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):
        self._note(key)
        with self._quietly():
            return super().getlist(key, default)

    def get(self, key, default=None):
        self._note(key)
        with self._quietly():
            return super().get(key, default)

    def __iter__(self):
        self._note(EVERY)
        return super().__iter__()

    def _all(method):  # noqa: N805 (a decorator used in the class body)
        def noting_every(self, *args, **kwargs):
            self._note(EVERY)
            with self._quietly():
                result = method(self, *args, **kwargs)
                # A generator runs later: run it now, while the names it reads are not noted.
                return iter(list(result)) if isinstance(result, types.GeneratorType) else result

        return noting_every

    keys = _all(QueryDict.keys)
    items = _all(QueryDict.items)
    lists = _all(QueryDict.lists)
    values = _all(QueryDict.values)
    dict = _all(QueryDict.dict)

    def _quiet_copy(method):  # noqa: N805
        def copying(self, *args, **kwargs):
            with self._quietly():
                result = method(self, *args, **kwargs)
            if isinstance(result, ReadQueryDict):
                result.reads = self.reads
            return result

        return copying

    __copy__ = _quiet_copy(QueryDict.__copy__)
    __deepcopy__ = _quiet_copy(QueryDict.__deepcopy__)
    urlencode = _quiet_copy(QueryDict.urlencode)

    del _all, _quiet_copy


@contextlib.contextmanager
def query_reads():
    """The names of the query parameters that the requests made inside read (a set)."""
    reads = set()
    resolve = BaseHandler.resolve_request

    def resolving(handler, request):
        request.GET = ReadQueryDict.of(request.GET, reads)
        return resolve(handler, request)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseHandler, "resolve_request", resolving)
        yield reads


def names_read(reads, offered):
    """The names of ``offered`` that a view read (each of them if it went through them all).

    Only the names offered: Wagtail's page chooser reads more (``parent_page_id``,
    ``target_pages[]``) and still fails on a hostile value in them.
    """
    return set(offered) if EVERY in reads else set(reads) & set(offered)
