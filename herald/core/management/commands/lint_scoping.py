"""CI lint: views and API modules must reach council-owned data through the council.

``Post.objects.get(pk=…)`` in a view would find another council's post; ``request.council.posts``
cannot. This reads the source of every views/api module and fails on any unscoped access to a
model that has a ``council`` foreign key (or to Council itself).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

SCANNED_NAMES = {"views.py", "api.py"}
SCANNED_PACKAGES = {"views", "api"}
UNSCOPED_FUNCTIONS = {"get_object_or_404", "get_list_or_404"}


@dataclass(frozen=True)
class Violation:
    path: Path
    line: int
    model: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: unscoped access to council-owned {self.model}; "
            "start from request.council (or the token's council)"
        )


def council_owned_model_names() -> set[str]:
    names = {"Council"}
    for model in apps.get_models():
        field_names = {field.name for field in model._meta.get_fields()}
        if "council" in field_names and model._meta.app_label != "admin":
            names.add(model.__name__)
    return names


def scanned_files(root: Path) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        parts = path.relative_to(root).parts
        # herald/<context>/views.py, herald/<context>/api.py, or herald/<context>/views/*.py.
        # The top-level herald/api package is REST plumbing: a token is how it finds the council.
        in_context_package = len(parts) >= 3 and parts[-2] in SCANNED_PACKAGES
        if path.name in SCANNED_NAMES or in_context_package:
            files.append(path)
    return files


def violations_in(path: Path, model_names: set[str]) -> list[Violation]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        model = _unscoped_model(node, model_names)
        if model:
            found.append(Violation(path=path, line=getattr(node, "lineno", 0), model=model))
    return sorted(found, key=lambda v: v.line)


def _unscoped_model(node: ast.AST, model_names: set[str]) -> str:
    if (
        isinstance(node, ast.Attribute)
        and node.attr in {"objects", "_default_manager", "_base_manager"}
        and isinstance(node.value, ast.Name)
        and node.value.id in model_names
    ):
        return node.value.id
    if isinstance(node, ast.Call) and _function_name(node.func) in UNSCOPED_FUNCTIONS and node.args:
        first = node.args[0]
        if isinstance(first, ast.Name) and first.id in model_names:
            return first.id
    return ""


def _function_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


class Command(BaseCommand):
    help = "Fail if a views or API module queries a council-owned model without the council."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("paths", nargs="*", help="Folders to scan (default: herald/).")

    def handle(self, *args: Any, **options: Any) -> None:
        roots = [Path(p) for p in options["paths"]] or [Path(settings.BASE_DIR) / "herald"]
        model_names = council_owned_model_names()
        problems = [
            violation
            for root in roots
            for path in scanned_files(root)
            for violation in violations_in(path, model_names)
        ]
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"{len(problems)} unscoped council-owned queries")
        self.stdout.write(
            f"Scoping lint: {len(model_names)} council-owned models, no unscoped access."
        )
