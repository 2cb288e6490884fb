import ast
from pathlib import Path

FORBIDDEN = {"flask", "marshmallow", "adapters", "webapp", "click", "rich", "psycopg"}
DOMAIN = Path(__file__).resolve().parents[2] / "domain"


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_domain_imports_no_framework_and_no_outer_layer() -> None:
    modules = sorted(DOMAIN.glob("*.py"))
    assert modules
    offenders = {
        p.name: imported_roots(p) & FORBIDDEN for p in modules if imported_roots(p) & FORBIDDEN
    }
    assert offenders == {}
