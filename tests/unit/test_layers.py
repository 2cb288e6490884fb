"""The arrows point one way: web and command line → adapters and the public register →
read model → domain; only the composition root (grantledger/) knows them all."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = {"flask", "flask_smorest", "marshmallow", "click", "rich", "psycopg", "gunicorn",
              "sqlite3"}
FORBIDDEN = {
    "domain": FRAMEWORKS | {"orjson", "readmodel", "adapters", "webapp", "grantledger"},
    "readmodel": FRAMEWORKS | {"adapters", "webapp", "grantledger"},
    "adapters": {"webapp", "grantledger"},
    "publishing": FRAMEWORKS | {"webapp", "grantledger"},
}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_outside_it_that_it_must_not(layer: str) -> None:
    modules = sorted((ROOT / layer).rglob("*.py"))
    assert modules
    offenders = {
        str(p.relative_to(ROOT)): imported_roots(p) & FORBIDDEN[layer]
        for p in modules if imported_roots(p) & FORBIDDEN[layer]
    }
    assert offenders == {}
