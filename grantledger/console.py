"""The grantledger command, wired to the composition root."""

from __future__ import annotations

import click

from adapters.cli import Wiring, cli
from grantledger import bootstrap


def serve(url: str, bind: str, workers: int) -> None:
    from adapters.server import Server
    from webapp import create_app

    def ready(_: object) -> None:
        click.echo(f"Grantledger API on http://{bind}/api — docs at http://{bind}/api/docs",
                   err=True)

    options = {"bind": bind, "workers": workers, "accesslog": "-", "timeout": 60,
               "when_ready": ready}
    Server(lambda: create_app({"DATABASE_URL": url, "CREATE_SCHEMA": False}), options).run()


def wiring() -> Wiring:
    return Wiring(build=bootstrap.build, serve=serve)


def main() -> None:
    cli.main(prog_name="grantledger", obj=wiring())
