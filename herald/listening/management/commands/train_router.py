"""``herald train_router``: train the service router from a labelled CSV, report how well it does
on a held-out stratified split, save it as a new version and make it the active one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.audit.services import SYSTEM
from herald.listening.enrichment.training import TrainingDataInvalid, read_examples
from herald.listening.routing.selectors import CouncilNeeded, council_for_command
from herald.listening.routing.services import train_router


class Command(BaseCommand):
    help = "Train the service router from a labelled CSV and make the new version active."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--csv", required=True, help="The labelled CSV file")
        parser.add_argument("--text-column", required=True, help="The column with the text")
        parser.add_argument("--label-column", required=True, help="The column with the service")
        parser.add_argument(
            "--council", help="The council's slug (needed only with more than one council)"
        )
        parser.add_argument("--test-size", type=float, default=0.2, help="Held-out share")
        parser.add_argument("--seed", type=int, default=0, help="Seed for the split")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            council = council_for_command(options.get("council"))
            # Without --council the model is the deployment's default, even with one council.
            council = council if options.get("council") else None
            content = _read(options["csv"])
            examples = read_examples(
                content, text_column=options["text_column"], label_column=options["label_column"]
            )
            model = train_router(
                council=council,
                examples=examples,
                actor=SYSTEM,
                test_size=options["test_size"],
                seed=options["seed"],
                trained_on=Path(options["csv"]).name,
            )
        except (CouncilNeeded, TrainingDataInvalid) as error:
            raise CommandError(str(error)) from None
        metrics = model.metrics
        self.stdout.write(
            f"Router v{model.version} ({'default' if council is None else council.slug}): "
            f"accuracy {metrics['accuracy']:.3f}, macro-F1 {metrics['macro_f1']:.3f} "
            f"on {metrics['test_size']} held-out of {len(examples)} examples; now active."
        )
        self.stdout.write(json.dumps({"version": model.version, **metrics}))


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise TrainingDataInvalid(f"{path} is not UTF-8 text: save the CSV as UTF-8.") from None
    except OSError as error:
        raise TrainingDataInvalid(f"Cannot read {path}: {error.strerror}.") from None
