"""flask-smorest's Blueprint, held to what its document says: pages have an upper bound, and
the pagination header is documented as the JSON text it is."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import flask_smorest
import marshmallow as ma
from flask import request

MAX_PAGE = 1_000_000
PAGINATION_HEADER = {
    "description": "Pagination metadata as JSON text: total, total_pages, first_page, "
                   "last_page, page, previous_page, next_page",
    "schema": {"type": "string"},
}


def page_schema(first: int, size: int, largest: int) -> type[ma.Schema]:
    class PageSchema(ma.Schema):
        class Meta:
            unknown = ma.EXCLUDE

        page = ma.fields.Integer(load_default=first, validate=ma.validate.Range(1, MAX_PAGE))
        page_size = ma.fields.Integer(load_default=size, validate=ma.validate.Range(1, largest))

    return PageSchema


def query_names(schema: Any) -> frozenset[str]:
    instance = schema() if isinstance(schema, type) else schema
    return frozenset(field.data_key or name for name, field in instance.fields.items())


def documented_query(handler: Any) -> frozenset[str]:
    """The query parameters the document gives the handler of an operation."""
    return getattr(handler, "_query_names", frozenset())


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    def arguments(self, schema: Any, *, location: str = "json", **kwargs: Any
                  ) -> Callable[[Any], Any]:
        decorate: Callable[[Any], Any] = super().arguments(schema, location=location, **kwargs)
        if location != "query":
            return decorate

        def decorator(func: Any) -> Any:
            wrapped = decorate(func)
            wrapped._query_names = query_names(schema) | documented_query(func)
            return wrapped

        return decorator

    def paginate(self, pager: Any = None, *, page: int | None = None,
                 page_size: int | None = None, max_page_size: int | None = None
                 ) -> Callable[[Any], Any]:
        defaults = self.DEFAULT_PAGINATION_PARAMETERS
        bounded = page_schema(page or defaults["page"], page_size or defaults["page_size"],
                              max_page_size or defaults["max_page_size"])
        paginated = super().paginate(pager, page=page, page_size=page_size,
                                     max_page_size=max_page_size)

        def decorator(func: Any) -> Any:
            inner = paginated(func)

            @wraps(inner)
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                self.PAGINATION_ARGUMENTS_PARSER.parse(bounded, request, location="query")
                return inner(*args, **kwargs)

            wrapper._apidoc["pagination"]["parameters"]["schema"] = bounded  # type: ignore[attr-defined]
            wrapper._query_names = query_names(bounded) | documented_query(func)  # type: ignore[attr-defined]
            return wrapper

        return decorator

    def _document_pagination_metadata(self, spec: Any, resp_doc: dict[str, Any]) -> None:
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = PAGINATION_HEADER
