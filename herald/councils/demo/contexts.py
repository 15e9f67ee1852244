"""Each context above the tenancy loads its own demo data, so this package never imports them.

A context that has demo data provides ``herald/<context>/demo.py`` with
``load_demo(*, council: Council) -> None``: idempotent ("make sure it exists"), written through
the context's own services so the audit trail reads true. Contexts load in ``INSTALLED_APPS``
order, which lists lower layers first, so a context's demo can rely on those below it.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

from django.apps import apps

if TYPE_CHECKING:
    from herald.councils.models import Council

ContextDemo = Callable[..., None]


def context_demo_loaders() -> list[tuple[str, ContextDemo]]:
    """``(context label, load_demo)`` for every installed Herald context that has demo data."""
    loaders: list[tuple[str, ContextDemo]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("herald.") or config.name == "herald.councils":
            continue
        module_name = f"{config.name}.demo"
        if importlib.util.find_spec(module_name) is None:
            continue
        loader = getattr(importlib.import_module(module_name), "load_demo", None)
        if callable(loader):
            loaders.append((config.label, cast(ContextDemo, loader)))
    return loaders


def load_context_demos(*, councils: Iterable[Council]) -> None:
    """Every context's demo data for each council, lower layers first."""
    councils = list(councils)
    for _label, loader in context_demo_loaders():
        for council in councils:
            loader(council=council)
