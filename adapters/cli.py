"""The grantledger command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from adapters import dossier, report
from adapters.settings import DATABASE_URL, DEFAULT_DATABASE_URL, SettingsError, build_application
from domain.application import Grantledger
from domain.errors import GrantledgerError

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    def __init__(self, database_url: str, actor: str) -> None:
        self.database_url = database_url
        self.actor = actor
        self._app: Grantledger | None = None

    @property
    def app(self) -> Grantledger:
        if self._app is None:
            try:
                self._app = build_application(self.database_url)
            except OSError as error:
                raise SettingsError(f"The store could not be opened: {error}") from None
        return self._app

    def close(self) -> None:
        if self._app is not None:
            self._app.close()


def refusals_exit_cleanly(command: F) -> F:
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except SettingsError as error:
            raise click.ClickException(str(error)) from None
        except dossier.DossierError as error:
            raise click.ClickException(str(error)) from None
        except GrantledgerError as error:
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
@click.pass_obj
@refusals_exit_cleanly
def report_command(context: Context, as_json: bool) -> None:
    """Decisions, grants, funds, discrepancies and exceptions."""
    summary = report.summary(context.app)
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        report.render(summary, Console(width=160 if not sys.stdout.isatty() else None))


def main() -> None:
    cli(prog_name="grantledger")
