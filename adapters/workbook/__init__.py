"""The ledgers as a workbook for treasurers and auditors."""

from adapters.workbook.book import Asked
from adapters.workbook.export import MIMETYPE, WorkbookError, write

__all__ = ["MIMETYPE", "Asked", "WorkbookError", "write"]
