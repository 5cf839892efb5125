"""Where Anki keeps its profiles, found the way Anki desktop finds them.

Anki's data folder ("base") is ``$ANKI_BASE`` when set, else ``%APPDATA%\\Anki2`` on Windows,
``~/Library/Application Support/Anki2`` on macOS and ``$XDG_DATA_HOME/Anki2`` (default
``~/.local/share/Anki2``) elsewhere. Each profile is a folder in it that holds
``collection.anki2``. Only the file system is read: no Anki import, nothing written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

COLLECTION_FILE = "collection.anki2"


class ProfileError(Exception):
    """No single collection can be chosen: a usage problem the user fixes with an option."""


@dataclass(frozen=True)
class Profile:
    name: str
    collection: Path


def default_base(
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """Anki's data folder on this system (the same precedence as Anki's profile manager)."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    if environ.get("ANKI_BASE"):
        return Path(environ["ANKI_BASE"]).absolute()
    if platform.startswith("win"):
        appdata = environ.get("APPDATA")
        return Path(appdata) / "Anki2" if appdata else home / "AppData" / "Roaming" / "Anki2"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Anki2"
    data_home = environ.get("XDG_DATA_HOME")
    return (Path(data_home) if data_home else home / ".local" / "share") / "Anki2"


def find_profiles(base: Path) -> list[Profile]:
    """Every profile folder of ``base`` that holds a collection, sorted by name."""
    if not base.is_dir():
        return []
    found = [
        Profile(child.name, child / COLLECTION_FILE)
        for child in base.iterdir()
        if child.is_dir() and (child / COLLECTION_FILE).is_file()
    ]
    return sorted(found, key=lambda profile: profile.name)


def choose_collection(base: Path | None, profile: str | None, collection: Path | None) -> Path:
    """The collection file to sync into, from --collection, --profile and --base."""
    if collection is not None:
        if profile is not None:
            raise ProfileError("--collection and --profile exclude each other: give one")
        if not collection.is_file():
            raise ProfileError(f"no collection file at {collection}: check the path")
        return collection
    folder = base if base is not None else default_base()
    profiles = find_profiles(folder)
    if not profiles:
        raise ProfileError(
            f"no Anki profile found in {folder} (a profile is a folder holding "
            f"{COLLECTION_FILE}): start Anki once, or give --base DIR or --collection FILE"
        )
    if profile is not None:
        return _named(profiles, profile, folder)
    if len(profiles) > 1:
        raise ProfileError(
            f"{len(profiles)} Anki profiles in {folder}: choose one with --profile NAME "
            f"({_listing(profiles)})"
        )
    return profiles[0].collection


def _named(profiles: list[Profile], name: str, folder: Path) -> Path:
    for candidate in profiles:
        if candidate.name == name:
            return candidate.collection
    raise ProfileError(f"no profile named {name!r} in {folder}: profiles are {_listing(profiles)}")


def _listing(profiles: list[Profile]) -> str:
    return ", ".join(repr(profile.name) for profile in profiles)
