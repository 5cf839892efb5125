"""The public Keras and TensorFlow API, from ``ankigen/lint/data/keras_tf_api.txt``.

The file is generated from the real packages by ``scripts/api_inventory.py``: one dotted name
a line, ``name = other`` for a module reachable under two names. A name with listed members is
a walked module, so its members are known; anything else (class, function, constant,
implementation module) is a leaf whose attributes are not checked.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property

from ankigen.lint.data_files import data_text
from ankigen.lint.lazy_pattern import lazy_regex

DATA_FILE = "data/keras_tf_api.txt"
_PINS = lazy_regex(r"^# Public API of (?P<pins>.+?)\. Generated")
_DISPLAY = {"keras": "Keras", "tensorflow": "TensorFlow", "tensorflow-cpu": "TensorFlow"}


@dataclass(frozen=True)
class Unknown:
    """The first part of a dotted name that its parent module does not have."""

    index: int  # position of the unknown part in the dotted name
    parent: str  # the parent module's path in the inventory
    suggestion: str | None  # a member of the parent with a very similar name
    elsewhere: str | None = None  # the same name in another module of the same package


@dataclass(frozen=True)
class Inventory:
    versions: Mapping[str, str]  # package -> version, as the header names them
    members: Mapping[str, frozenset[str]]  # walked module -> its public member names
    aliases: Mapping[str, str]  # module path -> the path it was walked at

    @property
    def roots(self) -> frozenset[str]:
        return frozenset(name for name in self.members if "." not in name)

    def release(self, root: str) -> str:
        """'TensorFlow 2.21.0' for 'tensorflow'."""
        for package, version in self.versions.items():
            if package.split("-")[0] == root:
                return f"{_DISPLAY.get(package, root)} {version}"
        return root

    def _canonical(self, path: str) -> str:
        for _ in range(8):  # an alias points at a module walked earlier, so chains are short
            if path not in self.aliases:
                break
            path = self.aliases[path]
        return path

    def unknown(self, parts: list[str]) -> Unknown | None:
        """Where a dotted name (split in parts) leaves the API, or None if it does not.

        Names outside the roots, names past a leaf, and private parts (``__version__``) are
        not checked: None.
        """
        if not parts or parts[0] not in self.roots:
            return None
        path = parts[0]
        for index in range(1, len(parts)):
            part = parts[index]
            path = self._canonical(path)
            members = self.members.get(path)
            if members is None or part.startswith("_"):
                return None
            if part not in members:
                closest = _closest(part, members)
                moved = None if closest else self._moved(part, parts[0], path)
                return Unknown(index, path, closest, moved)
            path = f"{path}.{part}"
        return None

    @cached_property
    def _homes(self) -> dict[str, list[str]]:
        """Member name -> the walked modules that have it, shallowest first."""
        homes: dict[str, list[str]] = {}
        for module in sorted(self.members, key=lambda path: (path.count("."), path)):
            for member in self.members[module]:
                homes.setdefault(member, []).append(module)
        return homes

    def _moved(self, name: str, root: str, parent: str) -> str | None:
        """Where else the package has ``name`` (``keras.backend.mean`` → ``keras.ops.mean``)."""
        in_tf_keras = parent.startswith("tensorflow.keras")
        for module in self._homes.get(name, []):
            same_package = module.split(".")[0] == root
            if same_package and module.startswith("tensorflow.keras") == in_tf_keras:
                return f"{module}.{name}"  # tf.* names are not sent to the Keras backend
        return None


def _closest(name: str, members: frozenset[str]) -> str | None:
    folded = [member for member in sorted(members) if member.casefold() == name.casefold()]
    if folded:
        return folded[0]
    close = difflib.get_close_matches(name, sorted(members), n=1, cutoff=0.85)
    return close[0] if close else None


def pinned_versions(line: str) -> dict[str, str]:
    """Package -> version from a data file's "# Public API of keras 3.1, ..." header line."""
    match = _PINS.match(line)
    if match is None:
        return {}
    pins = (pin.partition(" ") for pin in match.group("pins").split(", "))
    return {package: version for package, _, version in pins}


def parse_inventory(text: str) -> Inventory:
    versions: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    aliases: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            versions.update(pinned_versions(line))
            continue
        name, _, target = line.partition(" = ")
        if target:
            aliases[name] = target
        parent, _, member = name.rpartition(".")
        if parent:
            members.setdefault(parent, set()).add(member)
    frozen = {name: frozenset(names) for name, names in members.items()}
    return Inventory(versions, frozen, aliases)


@cache
def inventory() -> Inventory:
    return parse_inventory(data_text(DATA_FILE.removeprefix("data/")))
