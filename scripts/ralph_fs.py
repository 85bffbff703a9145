"""Ralph's own LRS app (ralph.api:app), with two fixes to its filesystem backend.

Ralph 5.1.0's filesystem LRS backend has two faults that its database backends do not share:

1. It writes with the data backend's default operation, `create`, which refuses to write to a
   file that exists: the first POST after a start is stored, and every later one fails with
   HTTP 500 ("... already exists and overwrite is not allowed"). Its `append` operation is the
   one an LRS needs, so this makes it the backend's default.
2. Its `activity` and `verb` filters compare the statement's id (a string) with the query's
   parsed IRI object, which never equal each other, so `GET statements?activity=...` (with or
   without `related_activities`) and `?verb=...` return nothing. This passes them on as strings.

Everything else is Ralph as published. scripts/ralph.sh runs this with uvicorn.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

_filter_by_activity = FSLRSBackend._add_filter_by_activity
_filter_by_verb = FSLRSBackend._add_filter_by_verb


def _as_text(value):
    return None if value is None else str(value)


FSLRSBackend._add_filter_by_activity = staticmethod(
    lambda filters, object_id, related: _filter_by_activity(
        filters, _as_text(object_id), related
    )
)
FSLRSBackend._add_filter_by_verb = staticmethod(
    lambda filters, verb_id: _filter_by_verb(filters, _as_text(verb_id))
)

from ralph.api import app  # noqa: E402  (after the fixes are in place)

__all__ = ["app"]
