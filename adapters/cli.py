"""The grantledger command line."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
import psycopg
from eventsourcing.persistence import PersistenceError
from rich.console import Console
from rich.progress import Progress

from adapters import dossier, report, views
from adapters.service import AuditQuery, LedgerStoreError, Service
from adapters.settings import DATABASE_URL, DEFAULT_DATABASE_URL, SettingsError, build_service
from adapters.timeline import as_utc
from adapters.users import Role, UserError, Users
from domain.application import Grantledger
from domain.errors import GrantledgerError

F = TypeVar("F", bound=Callable[..., Any])
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"]


class Context:
    def __init__(self, database_url: str, actor: str) -> None:
        self.database_url = database_url
        self.actor = actor
        self._service: Service | None = None

    @property
    def service(self) -> Service:
        if self._service is None:
            try:
                self._service = build_service(self.database_url)
            except (OSError, PersistenceError, psycopg.Error) as error:
                raise SettingsError(f"The store could not be opened: {error}") from None
        return self._service

    @property
    def app(self) -> Grantledger:
        return self.service.app

    def close(self) -> None:
        if self._service is not None:
            self._service.close()


def refusals_exit_cleanly(command: F) -> F:
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SettingsError as error:
            raise click.ClickException(str(error)) from None
        except dossier.DossierError as error:
            raise click.ClickException(str(error)) from None
        except (GrantledgerError, LedgerStoreError, UserError) as error:
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
    ctx.obj = Context(database_url, actor)
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
            click.echo(
                str(
                    dossier.import_dossier(
                        context.app, dossier.read(path), str(path), context.actor
                    )
                )
            )
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
        click.echo(str(dossier.import_dossier(context.app, document, name, context.actor)))


@cli.command("report")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--as-at", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="The books by business date: what had been decided and paid by then.")
@click.option("--as-known-at", type=click.DateTime(MOMENT_FORMATS), metavar="MOMENT",
              help="The books as recorded at that moment (UTC unless an offset is given).")
@click.pass_obj
@refusals_exit_cleanly
def report_command(context: Context, as_json: bool, as_at: datetime | None,
                   as_known_at: datetime | None) -> None:
    """Decisions, grants, funds, discrepancies and exceptions, now or at a past point."""
    day = as_at.date() if as_at else None
    books = context.service.books(as_at=day, as_known_at=as_known_at)
    summary = report.summary(books, point_of(day, as_known_at))
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        report.render(summary, console())


@cli.command("ledger")
@click.argument("name", type=click.Choice(list(views.LEDGERS)))
@click.option("--as-at", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="By business date.")
@click.option("--as-known-at", type=click.DateTime(MOMENT_FORMATS), metavar="MOMENT",
              help="As recorded at that moment.")
@click.option("--notice-on", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="For exposure: the day notice would be given (default today).")
@click.option("--format", "form", type=click.Choice(views.FORMATS), default="table",
              show_default=True)
@click.pass_obj
@refusals_exit_cleanly
def ledger_command(context: Context, name: str, as_at: datetime | None,
                   as_known_at: datetime | None, notice_on: datetime | None, form: str) -> None:
    """Show one ledger: grants, grant-years, funds, programmes, decisions or exposure."""
    ledgers = context.service.ledgers(
        as_at=as_at.date() if as_at else None,
        as_known_at=as_known_at,
        notice_on=notice_on.date() if notice_on else None,
    )
    views.show(views.LEDGERS[name], getattr(ledgers, name.replace("-", "_")), form, console())


@cli.command()
@click.option("--follow", is_flag=True, help="Keep following the log until interrupted.")
@click.option("--interval", type=click.FloatRange(min=0.05), default=1.0, show_default=True,
              help="With --follow: seconds between looks at the log.")
@click.pass_obj
@refusals_exit_cleanly
def project(context: Context, follow: bool, interval: float) -> None:
    """Bring the ledger tables up to date with the log."""
    service = context.service
    while True:
        projected = service.project()
        if projected or not follow:
            click.echo(f"Projected {projected} events; the ledgers are at position "
                       f"{service.need_projector().books.position}")
        if not follow:
            return
        time.sleep(interval)


@cli.command()
@click.pass_obj
@refusals_exit_cleanly
def rebuild(context: Context) -> None:
    """Drop and rebuild every ledger from the log; if interrupted, run it again to resume."""
    service = context.service
    with Progress(console=console(err=True), transient=True) as progress:
        task = progress.add_task("Rebuilding the ledgers", total=None)

        def advance(position: int, head: int) -> None:
            progress.update(task, completed=position, total=head)

        service.rebuild(advance)
    click.echo(f"Rebuilt the ledgers from {service.need_projector().books.position} events")


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
    rows = context.service.audit(
        AuditQuery(
            decision_reference=reference,
            grant_id=grant_id,
            from_date=from_date.date() if from_date else None,
            to_date=to_date.date() if to_date else None,
        )
    )
    views.show(views.AUDIT, rows, form, console())


@cli.command()
@click.pass_obj
@refusals_exit_cleanly
def verify(context: Context) -> None:
    """Re-compute the hash chain over every stored event."""
    verdict = context.service.verify()
    if not verdict.intact:
        raise click.ClickException(str(verdict))
    click.echo(str(verdict))


@cli.group()
def users() -> None:
    """Staff who may use the HTTP API, and their bearer tokens."""


@users.command("add")
@click.argument("name")
@click.option("--role", "roles", multiple=True, required=True, metavar="ROLE",
              help=f"One of {', '.join(r.value for r in Role)}; repeat for several.")
@click.option("--body", required=True, help="The body whose records the user works on.")
@click.pass_obj
@refusals_exit_cleanly
def add_user(context: Context, name: str, roles: tuple[str, ...], body: str) -> None:
    """Add a user and print their token, once: it is stored only as a hash."""
    token = staff(context).add(name, [Role.named(r) for r in roles], body)
    click.echo(f"Added {name.strip()} ({', '.join(roles)}) of {body.strip()}. "
               "Their bearer token, shown only now:")
    click.echo(token)


@users.command("revoke")
@click.argument("name")
@click.pass_obj
@refusals_exit_cleanly
def revoke_user(context: Context, name: str) -> None:
    """Revoke a user's token: it stops working at once."""
    staff(context).revoke(name)
    click.echo(f"Revoked the token of {name.strip()}")


@users.command("list")
@click.pass_obj
@refusals_exit_cleanly
def list_users(context: Context) -> None:
    """The users, their roles and bodies, and whether their token is revoked."""
    for name, roles, body, created_at, revoked_at in staff(context).listed():
        state = f"revoked {revoked_at}" if revoked_at else f"active since {created_at}"
        click.echo(f"{name}\t{roles}\t{body}\t{state}")


def staff(context: Context) -> Users:
    return Users(context.service.need_database())


@cli.command()
@click.option("--bind", default="127.0.0.1:8000", show_default=True,
              help="The address to listen on, host:port.")
@click.option("--workers", type=click.IntRange(min=1, max=64), default=2, show_default=True,
              help="Worker processes.")
@click.pass_obj
@refusals_exit_cleanly
def serve(context: Context, bind: str, workers: int) -> None:
    """Serve the HTTP API under gunicorn."""
    from adapters.server import Server
    from webapp import create_app

    url = context.database_url
    create_app({"DATABASE_URL": url}).extensions["grantledger"].close()
    click.echo(f"Grantledger API on http://{bind}/api — docs at http://{bind}/api/docs", err=True)
    options = {"bind": bind, "workers": workers, "accesslog": "-", "timeout": 60}
    Server(lambda: create_app({"DATABASE_URL": url}), options).run()


def point_of(as_at: date | None, as_known_at: datetime | None) -> str:
    if as_at is not None:
        return f"as at {as_at.isoformat()}"
    if as_known_at is not None:
        return f"as known at {as_utc(as_known_at).isoformat()}"
    return "now"


def console(err: bool = False) -> Console:
    return Console(width=None if sys.stdout.isatty() else 200, stderr=err)


def main() -> None:
    cli(prog_name="grantledger")
