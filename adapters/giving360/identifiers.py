"""Identifiers as 360Giving gives them: a grant's is the publisher's prefix and its own id; an
organisation's is from an org-id.guide list where known, else one under the publisher's prefix."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from adapters.settings import SettingsError
from domain.identity import normal

SHIPPED = Path(__file__).with_name("organisations.json")
OWN = "360G"
ORG_ID_LISTS = frozenset({
    "GB-CHC", "GB-SC", "GB-NIC", "GB-COH", "GB-REV", "GB-MPR", "GB-SHPE", "GB-EDU",
    "GB-UKPRN", "GB-NHS", "GB-LAE", "GB-LAS", "GB-LANI", "GB-PLA", "GB-GOR", "GB-GOVUK",
    "GB-WALEDU", "GB-SCOTEDU", "GB-NIEDU", "XI-ROR", "XI-GRID", "XI-IATI", "XI-PB",
})
"""The UK lists of org-id.guide, and the international ones UK grant data uses."""
PREFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")


def slug(name: str, joiner: str = "-") -> str:
    return joiner.join(re.findall(r"[a-z0-9]+", re.sub("['\u2019]", "", name.lower())))


def listed(identifier: str) -> bool:
    """Whether the identifier is under a publisher's 360Giving prefix or from an org-id list."""
    parts = identifier.split("-", 2)
    if len(parts) < 3 or not parts[2].strip():
        return False
    return parts[0] == OWN or f"{parts[0]}-{parts[1]}" in ORG_ID_LISTS


@dataclass(frozen=True)
class Identifiers:
    organisations: dict[str, str] = field(default_factory=dict)
    """Each organisation's org-id identifier, by its name (normalised)."""
    prefixes: dict[str, str] = field(default_factory=dict)
    """Each body's 360Giving prefix, by its name (normalised)."""
    prefix: str = ""
    """One prefix for every body, where set."""

    def prefix_of(self, body: str) -> str:
        return self.prefix or self.prefixes.get(normal(body)) or slug(body, "")

    def grant(self, body: str, grant_id: str) -> str:
        return f"{OWN}-{self.prefix_of(body)}-{grant_id}"

    def organisation(self, body: str, name: str) -> str:
        """Its org-id identifier where known, else one under the body's prefix."""
        return (self.organisations.get(normal(name))
                or f"{OWN}-{self.prefix_of(body)}-{slug(name)}")

    @classmethod
    def load(cls, path: Path | None = None, prefix: str = "") -> Identifiers:
        """The shipped identifiers, with those of the file (if any) over them."""
        organisations: dict[str, str] = {}
        prefixes: dict[str, str] = {}
        for source in [SHIPPED, *([path] if path else [])]:
            mapping = read(source)
            organisations |= {normal(k): v.strip() for k, v in mapping["organisations"].items()}
            prefixes |= {normal(k): v.strip() for k, v in mapping["prefixes"].items()}
        for name, identifier in organisations.items():
            if not listed(identifier):
                raise SettingsError(f"{identifier!r}, given for {name!r}, is neither under a "
                                    f"360Giving prefix nor from an org-id list")
        for given in [prefix, *prefixes.values()]:
            if given and not PREFIX.match(given):
                raise SettingsError(f"{given!r} is not a 360Giving prefix: letters, digits "
                                    "and hyphens only")
        return cls(organisations, prefixes, prefix.strip())


def read(path: Path) -> dict[str, dict[str, str]]:
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SettingsError(f"The organisation identifiers in {path} could not be read: "
                            f"{error}") from None
    if not isinstance(document, dict):
        document = None
    mapping = {key: (document or {}).get(key, {}) for key in ("organisations", "prefixes")}
    if document is None or not all(
            isinstance(m, dict) and all(isinstance(v, str) for v in m.values())
            for m in mapping.values()):
        raise SettingsError(f"{path} must be a JSON object of 'organisations' and 'prefixes', "
                            "each naming a text for each name")
    return mapping
