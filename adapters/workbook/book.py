"""What a workbook is asked to hold, and what making it needs at hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from xlsxwriter.workbook import Workbook

from adapters.anchors import Anchor
from adapters.workbook.sheet import Column, Formats, Sheet
from readmodel.audit import AuditQuery
from readmodel.ledgers import ListQuery
from readmodel.model import ReadModel
from readmodel.points import Point, for_notice


@dataclass(frozen=True)
class Asked:
    """One body's figures (every body's if none is named) at a point in time, with exposure
    if notice were given on a day, and the head of the chain they come from."""

    body: str
    point: Point
    notice_on: date
    today: date
    made_at: datetime
    head: Anchor | None
    anchored_now: bool = False

    @property
    def exposure_point(self) -> Point:
        return for_notice(self.point, self.notice_on, self.today)

    def query(self, limit: int | None = None, offset: int = 0) -> ListQuery:
        return ListQuery(tenant=self.body or None, limit=limit, offset=offset)

    def audit(self, limit: int | None = None, offset: int = 0) -> AuditQuery:
        return AuditQuery(tenant=self.body or None, to_date=self.point.as_at,
                          known_at=self.point.as_known_at, limit=limit, offset=offset)


@dataclass
class Book:
    workbook: Workbook
    formats: Formats
    ledgers: ReadModel
    asked: Asked

    def sheet(self, name: str, columns: Sequence[Column]) -> Sheet:
        return Sheet(self.workbook, self.formats, name, columns)

    @property
    def paged(self) -> bool:
        """Whether asking a page at a time saves work: the ledgers now are paged in SQL."""
        return self.asked.point.is_now
