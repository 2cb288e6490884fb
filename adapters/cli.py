"""The grantledger command line."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
import psycopg
from eventsourcing.persistence import PersistenceError
from rich.console import Console
from rich.progress import Progress

from adapters import anchors, dossier, ledger_check, report, views, workbook
from adapters.address import BindError, checked
from adapters.giving360 import export
from adapters.settings import DATABASE_URL, DEFAULT_DATABASE_URL, SettingsError, described
from adapters.system import System
from adapters.users import Role, UserError, Users
from domain.commands import RegisterBody
from domain.errors import GrantledgerError
from domain.identity import normal
from domain.values import BodyKind
from publishing import content, files, site
from readmodel.audit import AuditQuery
from readmodel.ledgers import ListQuery
from readmodel.model import ReadModel
from readmodel.points import Point, for_notice

F = TypeVar("F", bound=Callable[..., Any])
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"]


@dataclass(frozen=True)
class Wiring:
    """What the composition root gives the command line: how to build a running system
    from a store's URL, and how to serve the web application on it."""

    build: Callable[[str], System]
    serve: Callable[[str, str, int], None]


class Context:
    def __init__(self, wiring: Wiring, database_url: str, actor: str) -> None:
        self.wiring = wiring
        self.database_url = database_url
        self.actor = actor
        self._system: System | None = None

    @property
    def system(self) -> System:
        if self._system is None:
            try:
                self._system = self.wiring.build(self.database_url)
            except (OSError, PersistenceError, psycopg.Error, sqlite3.Error) as error:
                cause = " ".join(str(error).split()) or type(error).__name__
                raise SettingsError(f"{described(self.database_url)} could not be opened: "
                                    f"{cause}") from None
        return self._system

    @property
    def ledgers(self) -> ReadModel:
        return self.system.ledgers

    def prepare(self) -> None:
        """Open the store once and close it again: its tables are made before any worker."""
        self.system.close()
        self._system = None

    def close(self) -> None:
        if self._system is not None:
            self._system.close()


def refusals_exit_cleanly(command: F) -> F:
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (SettingsError, dossier.DossierError, GrantledgerError, UserError,
                anchors.AnchorError, site.SiteError, export.NothingToExportError,
                workbook.WorkbookError) as error:
            raise click.ClickException(str(error)) from None

    return wrapper  # type: ignore[return-value]


@click.group()
@click.option(
    "--database-url",
    envvar=DATABASE_URL,
    default=DEFAULT_DATABASE_URL,
    show_default=True,
    help=f"The store; also read from {DATABASE_URL}.",
)
@click.option(
    "--actor",
    envvar="GRANTLEDGER_ACTOR",
    default="cli",
    show_default=True,
    help="Who the recorded events name as their actor.",
)
@click.pass_context
def cli(ctx: click.Context, database_url: str, actor: str) -> None:
    """Grantledger: decisions, grants, programmes and funds of UK public funders."""
    if not isinstance(ctx.obj, Wiring):
        raise click.UsageError("grantledger must be started through its entry point")
    ctx.obj = Context(ctx.obj, database_url, actor)
    ctx.call_on_close(ctx.obj.close)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
@refusals_exit_cleanly
def import_command(context: Context, files: tuple[Path, ...]) -> None:
    """Import decision dossiers (JSON), each one all or nothing."""
    failures = []
    for path in files:
        try:
            imported = dossier.import_dossier(
                context.system.app, dossier.read(path), str(path), context.actor)
            click.echo(str(imported))
        except dossier.DossierError as error:
            failures.append(error)
            click.echo(str(error), err=True)
    if failures:
        raise click.ClickException(
            f"{len(failures)} of {len(files)} dossiers refused; nothing was recorded from them"
        )


@cli.command()
@click.pass_obj
@refusals_exit_cleanly
def demo(context: Context) -> None:
    """Load the five source decisions (running it again loads nothing twice)."""
    for name, document in dossier.shipped():
        click.echo(str(dossier.import_dossier(context.system.app, document, name,
                                              context.actor)))


@cli.command()
@click.option("--events", type=click.IntRange(min=1, max=100_000_000), required=True,
              help="About how many events to record.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="The same seed fills the same history.")
@click.option("--bodies", type=click.IntRange(min=1, max=44), default=44, show_default=True,
              help="How many of the 44 policing bodies take part.")
@click.pass_obj
@refusals_exit_cleanly
def generate(context: Context, events: int, seed: int, bodies: int) -> None:
    """Fill the store with a realistic history of decisions, grants, funds and payments."""
    from adapters.generator import History

    with Progress(console=console(err=True), transient=True) as progress:
        task = progress.add_task("Recording", total=events)
        recorded = History(seed=seed, bodies=bodies).record(
            context.system.app, events, lambda done: progress.update(task, completed=done),
            context.system.today())
    click.echo(f"Recorded {recorded} events")


def point_options(command: F) -> F:
    command = click.option(
        "--as-known-at", type=click.DateTime(MOMENT_FORMATS), metavar="MOMENT",
        help="The books as recorded at that moment (UTC unless an offset is given)."
    )(command)
    return click.option(
        "--as-at", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
        help="The books by business date: what had been decided and paid by then."
    )(command)


def point_of(as_at: datetime | None, as_known_at: datetime | None) -> Point:
    return Point(as_at.date() if as_at else None, as_known_at)


WIDE = click.option("--wide", is_flag=True,
                    help="Every column, however wide (a table fits the terminal otherwise).")


@cli.command("report")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--format", "form", type=click.Choice(["table", "json", "xlsx"]),
              default="table", show_default=True,
              help="xlsx writes the treasurer's workbook to standard output.")
@point_options
@WIDE
@click.pass_obj
@refusals_exit_cleanly
def report_command(context: Context, as_json: bool, form: str, wide: bool,
                   as_at: datetime | None, as_known_at: datetime | None) -> None:
    """Decisions, grants, funds, discrepancies and exceptions, now or at a past point."""
    point = point_of(as_at, as_known_at)
    if form == "xlsx":
        out = sys.stdout.buffer
        if out.isatty():
            raise click.UsageError("--format xlsx writes a workbook: send it to a file "
                                   "(> FILE.xlsx)")
        today = context.system.today()
        workbook.write(context.ledgers, workbook.Asked(
            "", point, today, today, datetime.now(UTC), context.system.anchors.latest()), out)
        return
    summary = report.summary(context.ledgers, point)
    if as_json or form == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        report.render(summary, console(), wide)


@cli.command("ledger")
@click.argument("name", type=click.Choice(list(views.LEDGERS)))
@point_options
@click.option("--notice-on", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="For exposure: the day notice would be given (default today); a past day "
              "reads the books as at that day unless --as-at or --as-known-at says otherwise.")
@click.option("--body", default="", help="Only this body's records.")
@click.option("--format", "form", type=click.Choice(views.FORMATS), default="table",
              show_default=True, help="xlsx writes a workbook to standard output.")
@WIDE
@click.pass_obj
@refusals_exit_cleanly
def ledger_command(context: Context, name: str, as_at: datetime | None,
                   as_known_at: datetime | None, notice_on: datetime | None, body: str,
                   form: str, wide: bool) -> None:
    """Show one ledger, now or at a past point."""
    point = point_of(as_at, as_known_at)
    today = context.system.today()
    notice = notice_on.date() if notice_on else today
    ledgers, query = context.ledgers, ListQuery(body=body)
    rows: list[Any]
    if name == "exposure":
        rows = ledgers.exposure(notice, query, for_notice(point, notice, today)).rows
    elif name == "exposure-by-body":
        rows = ledgers.exposure_by_body(notice, query, for_notice(point, notice, today))
    else:
        rows = getattr(ledgers, name.replace("-", "_"))(query, point).rows
    views.show(views.LEDGERS[name], rows, form, console(), wide)


@cli.command()
@click.option("--if-needed", is_flag=True,
              help="Only if a rebuild was cut short or the tables are of another version.")
@click.pass_obj
@refusals_exit_cleanly
def rebuild(context: Context, if_needed: bool) -> None:
    """Empty the ledgers and translate the log again; if interrupted, run it again to resume."""
    system = context.system
    if if_needed and not system.ledgers.needs_rebuild():
        click.echo("The ledgers are up to date with the log; nothing to rebuild")
        return
    head = system.app.recorder.max_notification_id() or 0
    with Progress(console=console(err=True), transient=True) as progress:
        task = progress.add_task("Rebuilding the ledgers", total=head)
        reached = system.ledgers.rebuild(lambda at: progress.update(task, completed=at))
    click.echo(f"Rebuilt the ledgers from the log: {reached} events")


@cli.command()
@click.option("--decision", "reference", default="", help="Only this decision's reference.")
@click.option("--grant", "grant_id", default="", help="Only this grant (its id).")
@click.option("--from", "from_date", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Business dates from this day.")
@click.option("--to", "to_date", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Business dates up to this day.")
@click.option("--format", "form", type=click.Choice(views.FORMATS), default="table",
              show_default=True)
@click.pass_obj
@refusals_exit_cleanly
def audit(context: Context, reference: str, grant_id: str, from_date: datetime | None,
          to_date: datetime | None, form: str) -> None:
    """The audit trail, every event in the order recorded."""
    rows = context.ledgers.audit(AuditQuery(
        decision_reference=reference,
        grant_id=grant_id,
        from_date=from_date.date() if from_date else None,
        to_date=to_date.date() if to_date else None,
    )).rows
    views.show_trail(rows, form, console())


@cli.command()
@click.option("--expect", "expect", multiple=True, metavar="POSITION:LINK",
              help="A head noted earlier: the chain must pass through it. Repeatable.")
@click.option("--anchors", "anchors_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A file of anchors kept away from the database (see `anchor --file`).")
@click.option("--ledgers", is_flag=True,
              help="Also rebuild the derived tables from the log beside the store and name "
                   "the first row of each that differs (and the users against their events).")
@click.pass_obj
@refusals_exit_cleanly
def verify(context: Context, expect: tuple[str, ...], anchors_file: Path | None,
           ledgers: bool) -> None:
    """Re-compute the hash chain over every stored event, through every anchor."""
    expected = anchors.expected(expect)
    if anchors_file is not None:
        expected |= anchors.read(anchors_file)
    verdict = context.system.verify(expected)
    if not verdict.intact:
        raise click.ClickException(str(verdict))
    click.echo(str(verdict))
    if ledgers:
        found = ledger_check.differences(context.system)
        for difference in found:
            click.echo(difference, err=True)
        if found:
            raise click.ClickException(
                f"{len(found)} differences between the derived tables and the log")
        click.echo("The derived tables and the users are what the log gives")


@cli.command()
@click.option("--note", default="", help="Why, or where else it is kept.")
@click.option("--file", "anchors_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Append the anchor to this file too (keep it away from the database).")
@click.pass_obj
@refusals_exit_cleanly
def anchor(context: Context, note: str, anchors_file: Path | None) -> None:
    """Anchor the head of the chain: record its position and link where verify checks them,
    and print them as POSITION:LINK to be noted elsewhere."""
    head = context.system.anchors.anchor(note)
    if anchors_file is not None:
        try:
            with anchors_file.open("a", encoding="utf-8") as kept:
                kept.write(head.line() + "\n")
        except OSError as error:
            raise click.ClickException(
                f"Anchored {head}, but it could not be added to {anchors_file}: "
                f"{error.strerror}") from None
    click.echo(str(head))


@cli.group()
def users() -> None:
    """Staff who may use the HTTP API, and their bearer tokens."""


@cli.group()
def publish() -> None:
    """What the body must publish (SI 2011/3050), and whether it has."""


@publish.command("check")
@click.option("--month", type=click.DateTime(["%Y-%m"]), metavar="YYYY-MM",
              help="The month the grants were awarded in (default: last month, by the "
              "server's clock).")
@click.option("--body", default="", help="Only this body's grants.")
@click.option("--format", "form", type=click.Choice(views.FORMATS), default="table",
              show_default=True)
@WIDE
@click.pass_obj
@refusals_exit_cleanly
def publish_check(context: Context, month: datetime | None, body: str, form: str,
                  wide: bool) -> None:
    """List every grant awarded in the month not yet on the register, with any fact it lacks
    (purpose, conditions, reasons); exit 1 if there is any, so it can be scheduled."""
    first = month.date() if month else (context.system.today().replace(day=1)
                                        - timedelta(days=1)).replace(day=1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    awarded, due = context.ledgers.publication_due(first, last, body)
    label = first.strftime("%B %Y")
    if due:
        views.show(f"Grants awarded in {label} not yet published", due, form, console(), wide)
    if form == "table":
        click.echo(f"{len(due)} of {awarded} grants awarded in {label} not yet published"
                   if due else f"All {awarded} grants awarded in {label} are published")
    if due:
        raise SystemExit(1)


@publish.command("register")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="The folder to write the site into (a new one, or a register written "
              "there before, which it replaces).")
@click.option("--body", default="", help="Only this body's register (default: every body's).")
@click.option("--base-url", default="", metavar="URL",
              help="Where the site will be served, so that the feed's links are absolute.")
@click.pass_obj
@refusals_exit_cleanly
def publish_register(context: Context, out: Path, body: str, base_url: str) -> None:
    """Write the public register as a static site: the published decisions (Part 1 only),
    the grants published by financial year, register.json, register.csv, grants.csv and an
    Atom feed. The head of the chain is anchored and printed on every page."""
    if body and normal(body) not in {normal(b) for b in context.system.known_bodies()}:
        raise click.ClickException(f"{body!r} is not in the register of bodies: "
                                   + ", ".join(context.system.known_bodies()))
    gathered = content.gather(context.ledgers, body)
    note = f"register published{f' for {body}' if body else ''}"
    register = replace(gathered, head=context.system.anchors.anchor(note))
    open_data = files.open_data(register, context.system.today())
    written = site.write(register, context.system.app.decision, out, base_url, open_data)
    decisions, grants = len(register.decisions), len(register.grants)
    click.echo(f"Wrote {written} files to {out}: {decisions} decision"
               f"{'' if decisions == 1 else 's'} and {grants} grant{'' if grants == 1 else 's'} "
               "published.")
    click.echo(f"Published at the head of the chain {register.head}; anyone can check it "
               f"with `grantledger verify --expect {register.head}`.")
    for excluded in open_data.excluded if open_data else ():
        click.echo(f"Not in {site.GIVING360}: {excluded}", err=True)


@cli.group("export")
def export_group() -> None:
    """The grants awarded as open data; the ledgers as a workbook."""


@export_group.command("360giving")
@click.option("--body", default="", help="Only this body's grants.")
@click.option("--from", "from_date", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Grants awarded from this day.")
@click.option("--to", "to_date", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Grants awarded up to this day.")
@click.option("--all", "every", is_flag=True,
              help="Every grant awarded, not only those on the register (a preview for staff).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write: FILE.json, FILE.xlsx or FILE.csv.")
@click.pass_obj
@refusals_exit_cleanly
def export_360giving(context: Context, body: str, from_date: datetime | None,
                     to_date: datetime | None, every: bool, out: Path) -> None:
    """The grants on the register as a 360Giving Data Standard package, valid against the
    standard's schema; a grant that cannot go out is named with why, and it exits 1, so it
    can be scheduled."""
    form = out.suffix.lower().removeprefix(".")
    if form not in export.FORMS:
        raise click.BadParameter(f"{out} must end .json, .xlsx or .csv", param_hint="--out")
    first = from_date.date() if from_date else None
    last = to_date.date() if to_date else None
    if first and last and first > last:
        raise click.BadParameter("--from is after --to", param_hint="--from")
    asked = export.Asked(body, first, last, published_only=not every)
    made = export.export(asked.awarded(context.ledgers), export.settings(),
                         context.system.today(), asked)
    try:
        out.write_bytes(export.rendered(made.package, form))
    except OSError as error:
        raise click.ClickException(f"{out} could not be written: {error.strerror}") from None
    click.echo(f"Wrote {len(made.package['grants'])} grants to {out}")
    for excluded in made.excluded:
        click.echo(str(excluded), err=True)
    if made.excluded:
        raise SystemExit(1)


@export_group.command("workbook")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The file to write: FILE.xlsx.")
@click.option("--body", default="", help="Only this body's figures (default: every body's).")
@point_options
@click.option("--notice-on", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="For the exposure sheets: the day notice would be given (default today).")
@click.pass_obj
@refusals_exit_cleanly
def export_workbook(context: Context, out: Path, body: str, as_at: datetime | None,
                    as_known_at: datetime | None, notice_on: datetime | None) -> None:
    """The ledgers as a spreadsheet workbook for treasurers and auditors: the budget monitor,
    grants, grant years, programmes, exposure, discrepancies, exceptions, conflicts and the
    audit trail, now or at a past point. The head of the chain is anchored and named on the
    cover."""
    if out.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{out} must end .xlsx", param_hint="--out")
    known = context.system.known_bodies()
    if body and normal(body) not in {normal(b) for b in known}:
        raise click.ClickException(f"{body!r} is not in the register of bodies: "
                                   + ", ".join(known))
    today = context.system.today()
    head = context.system.anchors.anchor(f"workbook exported{f' for {body}' if body else ''}")
    asked = workbook.Asked(known_as(body, known) if body else "", point_of(as_at, as_known_at),
                           notice_on.date() if notice_on else today, today,
                           datetime.now(UTC), head, anchored_now=True)
    rows = workbook.write(context.ledgers, asked, str(out))
    click.echo(f"Wrote {out}: {rows['Grants']} grants, {rows['Budget monitor']} fund years, "
               f"{rows['Audit trail']} events, {asked.point}, at the head of the chain {head}")


@cli.group()
def chart() -> None:
    """Charts of the ledgers as PNG or SVG files."""


def chart_file(out: Path) -> str:
    form = out.suffix.lower().removeprefix(".")
    if form not in ("png", "svg"):
        raise click.BadParameter(f"{out} must end .png or .svg", param_hint="--out")
    return form


def write_chart(drawn: Any, out: Path) -> None:
    """Draw the chart into the file its name says (matplotlib is imported only here)."""
    from adapters.charts import drawing

    try:
        out.write_bytes(drawing.rendered(drawn, chart_file(out)))
    except OSError as error:
        raise click.ClickException(f"{out} could not be written: {error.strerror}") from None
    click.echo(f"Wrote {drawn.title} to {out}")


CHART_OUT = click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
                         required=True, help="The file to write: FILE.png or FILE.svg.")


@chart.command("funding")
@click.option("--programme", default="", help="A programme: pledged and committed by funder.")
@click.option("--fund", default="", help="A fund: committed against budget and paid.")
@click.option("--body", default="", help="A body's funds: committed against budget and paid.")
@CHART_OUT
@point_options
@click.pass_obj
@refusals_exit_cleanly
def chart_funding(context: Context, programme: str, fund: str, body: str, out: Path,
                  as_at: datetime | None, as_known_at: datetime | None) -> None:
    """Stacked bars of funding by financial year and funder, cash and in kind apart,
    committed against paid: of one programme, fund or body."""
    from adapters.charts import sources

    named = [(kind, name) for kind, name in zip(sources.KINDS, (programme, fund, body),
                                                  strict=True) if name.strip()]
    if len(named) != 1:
        raise click.UsageError("Give exactly one of --programme, --fund and --body")
    chart_file(out)
    kind, name = named[0]
    try:
        drawn = sources.funding(context.ledgers, kind, name, point_of(as_at, as_known_at))
    except sources.NothingToChartError as error:
        raise click.ClickException(str(error)) from None
    write_chart(drawn, out)


@chart.command("exposure")
@click.option("--body", required=True, help="The body whose live grants are charted.")
@click.option("--notice-on", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The day notice would be given (default today); a past day reads the "
              "books as at that day unless --as-at or --as-known-at says otherwise.")
@CHART_OUT
@point_options
@click.pass_obj
@refusals_exit_cleanly
def chart_exposure(context: Context, body: str, notice_on: datetime | None, out: Path,
                   as_at: datetime | None, as_known_at: datetime | None) -> None:
    """What would remain payable by financial year if notice were given on a day."""
    from adapters.charts import sources

    chart_file(out)
    today = context.system.today()
    try:
        drawn = sources.exposure(context.ledgers, body, notice_on.date() if notice_on else today,
                                 today, point_of(as_at, as_known_at))
    except sources.NothingToChartError as error:
        raise click.ClickException(str(error)) from None
    write_chart(drawn, out)


@cli.group()
def bodies() -> None:
    """The register of bodies: each by name and kind, and the body it succeeded."""


@bodies.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice([k.name.lower() for k in BodyKind]),
              default="not_stated", show_default=True)
@click.option("--predecessor", default="", help="The body it succeeded, already registered.")
@click.pass_obj
@refusals_exit_cleanly
def add_body(context: Context, name: str, kind: str, predecessor: str) -> None:
    """Register a body."""
    context.system.app.handle(RegisterBody(name=name.strip(), kind=BodyKind[kind.upper()],
                                           predecessor=predecessor), context.actor)
    click.echo(f"Registered {name.strip()}" + (f", successor to {predecessor}"
                                                 if predecessor else ""))


@bodies.command("list")
@click.pass_obj
def list_bodies(context: Context) -> None:
    """The register, by name."""
    for entry in context.system.register.entries():
        line = f"{entry.name}: {entry.kind}"
        line += f"; succeeded {entry.predecessor}" if entry.predecessor else ""
        line += f"; succeeded by {entry.successor}" if entry.successor else ""
        click.echo(line)


@users.command("add")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True, metavar="ROLE",
              help=f"One of {', '.join(r.value for r in Role)}; repeat for several.")
@click.option("--body", required=True, help="The body whose records the user works on.")
@click.option("--new-body", is_flag=True,
              help="The body is not in the register of bodies yet: register it as given "
                   "(of a kind not stated; `bodies add` registers it with its kind).")
@click.pass_obj
@refusals_exit_cleanly
def add_user(context: Context, name: str, roles: tuple[str, ...], body: str,
             new_body: bool) -> None:
    """Add a user and print their token, once: it is stored only as a hash. The body must be
    in the register of bodies, unless --new-body."""
    if new_body and not context.system.app.has_body(body):
        context.system.app.handle(RegisterBody(name=body.strip()), context.actor)
    known = context.system.known_bodies()
    token = staff(context).add(name, [Role.named(r) for r in roles], body, known,
                               actor=context.actor)
    body = known_as(body, known)
    click.echo(f"Added {name.strip()} ({', '.join(roles)}) of {body}. "
               "Their bearer token, shown only now:")
    click.echo(token)


@users.command("revoke")
@click.argument("name")
@click.pass_obj
@refusals_exit_cleanly
def revoke_user(context: Context, name: str) -> None:
    """Revoke a user's token: it stops working at once."""
    staff(context).revoke(name, actor=context.actor)
    click.echo(f"Revoked the token of {name.strip()}")


@users.command("roles")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True, metavar="ROLE",
              help=f"One of {', '.join(r.value for r in Role)}; repeat for several.")
@click.pass_obj
@refusals_exit_cleanly
def set_roles(context: Context, name: str, roles: tuple[str, ...]) -> None:
    """Give a user exactly these roles (recorded with who gave them, and when)."""
    staff(context).change_roles(name, [Role.named(r) for r in roles], actor=context.actor)
    click.echo(f"{name.strip()} now has the roles {', '.join(sorted(roles))}")


@users.command("list")
@click.pass_obj
@refusals_exit_cleanly
def list_users(context: Context) -> None:
    """The users, their roles and bodies, and whether their token is revoked."""
    for name, roles, body, created_at, revoked_at in staff(context).listed():
        state = f"revoked {revoked_at}" if revoked_at else f"active since {created_at}"
        click.echo(f"{name}\t{roles}\t{body}\t{state}")


def known_as(body: str, known: list[str] | None) -> str:
    return next((k for k in known or [] if normal(k) == normal(body)), body.strip())


def staff(context: Context) -> Users:
    return context.system.users


@cli.command()
@click.option("--bind", default="127.0.0.1:8000", show_default=True,
              help="The address to listen on, host:port.")
@click.option("--workers", type=click.IntRange(min=1, max=64), default=2, show_default=True,
              help="Worker processes.")
@click.pass_obj
@refusals_exit_cleanly
def serve(context: Context, bind: str, workers: int) -> None:
    """Serve the HTTP API under gunicorn."""
    try:
        bind = checked(bind)
    except BindError as error:
        raise click.ClickException(str(error)) from None
    context.prepare()
    context.wiring.serve(context.database_url, bind, workers)


def console(err: bool = False) -> Console:
    """The terminal's width (or COLUMNS); 200 columns where output goes elsewhere."""
    fitted = sys.stdout.isatty() or "COLUMNS" in os.environ
    return Console(width=None if fitted else 200, stderr=err)

