"""The raw baseline for HTTP: a hello world under the same gunicorn setup as the product.

Usage: python -m benchmarks.hello BIND WORKERS"""

from __future__ import annotations

import sys

from flask import Flask

from adapters.server import Server


def hello_app() -> Flask:
    app = Flask("hello")

    @app.get("/hello")
    def hello() -> str:
        return "hello"

    return app


def main() -> None:
    bind, workers = sys.argv[1], int(sys.argv[2])
    Server(hello_app, {"bind": bind, "workers": workers, "timeout": 60}).run()


if __name__ == "__main__":
    main()
