"""The register written out as a static site a body can put on its web server as it is."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import UUID

from adapters.giving360.export import Export, rendered
from domain.decision import Decision
from publishing import files
from publishing.content import Register, part1
from publishing.pages import ASSETS, Pages, asset
from readmodel.publication import AwardedGrant

GIVING360 = "360giving.json"
MARK = "register.json"
"""The file that marks a folder as a register written here, to be replaced as a whole."""


def contents(register: Register, load: Callable[[UUID], Decision], base_url: str = "",
             open_data: Export | None = None) -> Iterator[tuple[str, str | bytes]]:
    """Each file of the site, by its path: a decision is read whole only for its own page,
    and its page is made only if its own record says it is published."""
    pages = Pages()
    yield "index.html", pages.index(register)
    under: dict[str, list[AwardedGrant]] = {}
    for grant in register.grants:
        under.setdefault(grant.decision_id, []).append(grant)
    for listed in register.decisions:
        decision = load(UUID(listed.decision_id))
        if decision.published:
            yield files.decision_page(listed.decision_id), pages.decision(
                register, part1(decision, under.get(listed.decision_id, [])))
    for year, _ in register.grant_years():
        page = pages.grants(register, year)
        if page is not None:
            yield f"grants/{year}.html", page
    yield "register.json", files.as_json(register)
    yield "register.csv", files.decisions_csv(register)
    yield "grants.csv", files.grants_csv(register)
    yield "feed.xml", files.feed(register, base_url)
    if open_data is not None:
        yield GIVING360, rendered(open_data.package, "json")
    for name in ASSETS:
        yield name, asset(name)


class SiteError(Exception):
    pass


def write(register: Register, load: Callable[[UUID], Decision], out: Path,
          base_url: str = "", open_data: Export | None = None) -> int:
    """Write the site into the folder, replacing the register written there before (so that
    nothing since withdrawn stays behind); the number of files written. A folder holding
    anything else is left alone and refused."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir())
                                             and not (out / MARK).is_file())):
        raise SiteError(f"{out} holds something other than a register written before: give "
                        "a new or empty folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    made = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        written = 0
        for path, content in contents(register, load, base_url, open_data):
            target = made / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
            written += 1
        made.chmod(0o755)
        if out.exists():
            shutil.rmtree(out)
        made.rename(out)
    finally:
        if made.exists():
            shutil.rmtree(made)
    return written
