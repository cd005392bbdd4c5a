"""Every module of the installed ``claimlink`` package, found from pyproject's package list.

``pkgutil.walk_packages(claimlink.__path__)`` alone would miss most of them: package-dir
maps the stage folders (flows/, models/, ...) into ``claimlink.*`` from outside the
``claimlink/`` folder.
"""

from __future__ import annotations

import importlib.util
import pkgutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["setuptools"]["packages"])


def modules() -> dict[str, Path]:
    """Dotted name -> source file, for every package and module, without importing them."""
    found = {}
    for package in packages():
        spec = importlib.util.find_spec(package)
        found[package] = Path(spec.origin)
        for info in pkgutil.iter_modules(spec.submodule_search_locations):
            if not info.ispkg:
                name = f"{package}.{info.name}"
                found[name] = Path(importlib.util.find_spec(name).origin)
    return found
