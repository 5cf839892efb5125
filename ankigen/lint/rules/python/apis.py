"""Removed and deprecated APIs (AG123), from the table ``ankigen/lint/data/removed_apis.yaml``,
and Keras/TensorFlow names missing from the generated API inventory (AG125, ``inventory.py``).

A name the curated table knows is AG123 (with its replacement); only the others can be AG125,
so one mistake never gives both."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ankigen.lint.data_files import RemovedApiEntry, RemovedApis, data_yaml
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.chains import attribute_chain, rebound_names, written_part
from ankigen.lint.rules.python.inventory import Unknown, inventory
from ankigen.lint.rules.python.parse import Parsed
from ankigen.lint.rules.python.problem import REMOVED, Problem

UNKNOWN = "AG125"


@dataclass(frozen=True)
class Api:
    key: str  # qualified name, method name, or call prefix / method of a keyword entry
    status: str
    version: str
    replacement: str
    keyword: str | None = None
    on_method: bool = False  # a keyword entry for a method (``.fit(nb_epoch=…)``)

    @property
    def deprecated(self) -> bool:
        """Still in the library (it runs, with a warning), unlike a removed name."""
        return self.status == "deprecated"

    def message(self, text: str) -> str:
        state = "no longer exists in" if self.status == "removed" else "is deprecated in"
        if self.keyword is not None:
            use = (
                f"write '{self.replacement}='"
                if self.replacement.isidentifier()
                else f"use {self.replacement}"
            )
            return f"the '{self.keyword}' argument of {text} {state} {self.version}: {use}"
        return f"'{text}' {state} {self.version}: use {self.replacement}"


@dataclass(frozen=True)
class ApiTable:
    names: dict[str, Api]
    patterns: tuple[tuple[re.Pattern[str], Api], ...]
    methods: dict[str, Api]
    keywords: tuple[Api, ...]


def load_removed_apis() -> RemovedApis:
    return data_yaml("removed_apis.yaml", RemovedApis)


@cache
def _table() -> ApiTable:
    data = load_removed_apis()

    def api(entry: RemovedApiEntry, key: str) -> Api:
        return Api(
            key,
            str(entry["status"]),
            str(entry["in"]),
            str(entry["replacement"]),
            entry.get("keyword"),
            "method" in entry and "keyword" in entry,
        )

    names: dict[str, Api] = {}
    patterns = []
    for entry in data["names"]:
        name = str(entry["name"])
        if "*" in name:
            regex = re.escape(name).replace(r"\*", r"[^.]*")
            patterns.append((re.compile(regex), api(entry, name)))
        else:
            names[name] = api(entry, name)
    methods = {str(e["method"]): api(e, str(e["method"])) for e in data["methods"]}
    keywords = tuple(api(e, str(e.get("call") or e.get("method"))) for e in data["keywords"])
    return ApiTable(names, tuple(patterns), methods, keywords)


_DEFAULT_ALIASES = {"tf": "tensorflow"}
_KERAS_IN_TF = lazy_regex(r"^tensorflow(?:\.python)?\.keras(?=\.|$)")


def _canonical(qualified: str) -> str:
    return _KERAS_IN_TF.sub("keras", qualified)


def _lookup(qualified: str) -> Api | None:
    """The most specific entry for a qualified name or any name it lies under."""
    table = _table()
    parts = _canonical(qualified).split(".")
    for size in range(len(parts), 0, -1):
        prefix = ".".join(parts[:size])
        if prefix in table.names:
            return table.names[prefix]
        for pattern, api in table.patterns:
            if pattern.fullmatch(prefix):
                return api
    return None


def import_aliases(parsed: list[Parsed]) -> dict[str, str]:
    aliases = dict(_DEFAULT_ALIASES)
    for item in parsed:
        for node in item.nodes:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        aliases[alias.asname] = alias.name
                    else:
                        root = alias.name.split(".")[0]
                        aliases[root] = root
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def _qualified(node: ast.expr, aliases: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return aliases.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        value = _qualified(node.value, aliases)
        return None if value is None else f"{value}.{node.attr}"
    return None


def removed_apis(parsed: Parsed, aliases: dict[str, str]) -> Iterator[Problem]:
    """AG123 and AG125 problems of one parsed block."""
    yield from _curated_apis(parsed, aliases)
    yield from unknown_apis(parsed, aliases)


def _curated_apis(parsed: Parsed, aliases: dict[str, str]) -> Iterator[Problem]:
    reported: set[tuple[str, str]] = set()  # (alias, entry) already reported at the import
    for node in parsed.nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from _removed_imports(parsed, node, reported)
    inner = {id(n.value) for n in parsed.nodes if isinstance(n, ast.Attribute)}
    table = _table()
    for node in parsed.nodes:
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            yield from _removed_chain(parsed, node, aliases, reported)
        if isinstance(node, ast.Attribute) and node.attr in table.methods:
            method = table.methods[node.attr]
            message = method.message(f".{node.attr}()")
            yield parsed.problem(
                REMOVED, node, message, name_only=node.attr, deprecated=method.deprecated
            )
        if isinstance(node, ast.Call):
            yield from _removed_keywords(parsed, node, aliases)


def _removed_imports(
    parsed: Parsed, node: ast.Import | ast.ImportFrom, reported: set[tuple[str, str]]
) -> Iterator[Problem]:
    if isinstance(node, ast.ImportFrom):
        if not node.module or node.level:
            return
        api = _lookup(node.module)
        if api is not None:
            for alias in node.names:
                reported.add((alias.asname or alias.name, api.key))
            yield parsed.problem(REMOVED, node, api.message(node.module), deprecated=api.deprecated)
            return
        modules = [(alias, f"{node.module}.{alias.name}") for alias in node.names]
    else:
        modules = [(alias, alias.name) for alias in node.names]
    for alias, qualified in modules:
        api = _lookup(qualified)
        if api is not None:
            bound = alias.asname or (alias.name if isinstance(node, ast.ImportFrom) else "")
            reported.add((bound or alias.name.split(".")[0], api.key))
            yield parsed.problem(REMOVED, alias, api.message(qualified), deprecated=api.deprecated)


def _removed_chain(
    parsed: Parsed, node: ast.Attribute, aliases: dict[str, str], reported: set[tuple[str, str]]
) -> Iterator[Problem]:
    chain: list[ast.expr] = [node]
    while isinstance(chain[-1], ast.Attribute):
        chain.append(chain[-1].value)
    root = chain[-1]
    if not isinstance(root, ast.Name):
        return
    qualified = _qualified(node, aliases)
    api = None if qualified is None else _lookup(qualified)
    if api is None or (root.id, api.key) in reported:
        return
    for part in reversed(chain):  # the shortest expression that names the entry
        name = _qualified(part, aliases)
        if name is not None and _lookup(name) == api:
            text = ast.unparse(part)
            yield parsed.problem(REMOVED, part, api.message(text), deprecated=api.deprecated)
            return


def _removed_keywords(parsed: Parsed, call: ast.Call, aliases: dict[str, str]) -> Iterator[Problem]:
    qualified = _qualified(call.func, aliases)
    callee = _canonical(qualified) if qualified else None
    if isinstance(call.func, ast.Name) and call.func.id not in aliases:
        callee = _keras_layer(call.func.id) or callee
    method = call.func.attr if isinstance(call.func, ast.Attribute) else None
    for keyword in call.keywords:
        for api in _table().keywords:
            if keyword.arg != api.keyword:
                continue
            if api.on_method:
                matches = method == api.key
            else:
                matches = callee is not None and (callee + ".").startswith(api.key + ".")
            if matches:
                text = ast.unparse(call.func)
                fix = api.replacement if api.replacement.isidentifier() else None
                message = api.message(text)
                yield parsed.problem(
                    REMOVED,
                    keyword,
                    message,
                    name_only=api.keyword,
                    fix=fix,
                    deprecated=api.deprecated,
                )


def _keras_layer(name: str) -> str | None:
    """``keras.layers.Dense`` for a bare ``Dense``: cards often leave the import out. Only
    layers are resolved so; a bare ``Adam`` may be PyTorch's."""
    qualified = f"keras.layers.{name}"
    known = name[:1].isupper() and inventory().unknown(qualified.split(".")) is None
    return qualified if known else None


def curated(qualified: str) -> Api | None:
    """The removed-API entry for a name or a name it lies under (``tf.`` written in full)."""
    return _lookup(qualified)


def is_curated(qualified: str) -> bool:
    return _lookup(qualified) is not None


def removed_method(name: str) -> Api | None:
    """The entry for a removed method name (``fit_generator``), called on any object."""
    return _table().methods.get(name)


def removed_method_names() -> tuple[str, ...]:
    """Every removed method name, for a quick look before a regex search."""
    return tuple(_table().methods)


def default_aliases() -> dict[str, str]:
    """The names a snippet may use without importing them (``tf``)."""
    return dict(_DEFAULT_ALIASES)


def unknown_message(text: str, qualified: str, unknown: Unknown) -> str:
    """The AG125 message ('tf.contrib' is not in …), naming the resolved name when aliased."""
    table = inventory()
    root = unknown.parent.split(".")[0]
    release = table.release(root)
    if unknown.parent.startswith("tensorflow.keras"):
        release = f"{table.release('keras')} (tf.keras of {release})"
    resolved = "" if _same_name(text, qualified) else f" ({qualified})"
    message = f"'{text}'{resolved} is not in the API of {release}: it was removed or renamed"
    if unknown.suggestion is not None:
        return f"{message}; did you mean '{text.rsplit('.', 1)[0]}.{unknown.suggestion}'?"
    if unknown.elsewhere is not None:
        moved = re.sub(r"^tensorflow\.", "tf.", unknown.elsewhere)
        return f"{message}; the package has '{moved}'"
    return f"{message}; look up the current name"


def _same_name(text: str, qualified: str) -> bool:
    return text == qualified or re.sub(r"^tf\.", "tensorflow.", text) == qualified


def unknown_prefix(qualified: str) -> tuple[str, Unknown] | None:
    """The name up to its first part the inventory lacks (None: known or not checkable)."""
    if is_curated(qualified):
        return None
    parts = qualified.split(".")
    unknown = inventory().unknown(parts)
    if unknown is None:
        return None
    return ".".join(parts[: unknown.index + 1]), unknown


def unknown_apis(parsed: Parsed, aliases: dict[str, str]) -> Iterator[Problem]:
    """AG125: ``keras.*``/``tf.*`` names, imported or used, that the API inventory lacks."""
    for node in parsed.nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from _unknown_imports(parsed, node)
    rebound = rebound_names(parsed)
    inner = {id(n.value) for n in parsed.nodes if isinstance(n, ast.Attribute)}
    for node in parsed.nodes:
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            yield from _unknown_chain(parsed, node, aliases, rebound)


def _unknown_imports(parsed: Parsed, node: ast.Import | ast.ImportFrom) -> Iterator[Problem]:
    if isinstance(node, ast.ImportFrom):
        if not node.module or node.level:
            return
        found = unknown_prefix(node.module)
        if found is not None:
            text, unknown = found
            yield parsed.problem(UNKNOWN, node, unknown_message(text, text, unknown))
            return
        if is_curated(node.module):
            return
        names = [(alias, f"{node.module}.{alias.name}") for alias in node.names]
    else:
        names = [(alias, alias.name) for alias in node.names]
    for alias, qualified in names:
        found = None if alias.name == "*" else unknown_prefix(qualified)
        if found is not None:
            text, unknown = found
            yield parsed.problem(UNKNOWN, alias, unknown_message(text, text, unknown))


def _unknown_chain(
    parsed: Parsed, node: ast.Attribute, aliases: dict[str, str], rebound: set[str]
) -> Iterator[Problem]:
    chain = attribute_chain(node, rebound)
    qualified = None if chain is None else _qualified(node, aliases)
    found = None if qualified is None else unknown_prefix(qualified)
    if chain is None or qualified is None or found is None:
        return
    prefix, unknown = found
    part = written_part(chain, qualified, unknown.index)
    if part is None:
        return  # the import itself is unknown, and reported there
    text = ast.unparse(part)
    yield parsed.problem(UNKNOWN, part, unknown_message(text, prefix, unknown))
