"""The standards engine: ``check(text, context) -> findings`` and its batch form.

Pure Python over ``herald.standards.types``; no database, so any context can call it.
``warm_up()`` loads the offensive-language model ahead of the first check (a web worker at
start-up); ``TextNotCheckable`` is the ``DomainError`` raised for input that cannot be checked.
"""

from herald.standards.engine.classifier import warm_up
from herald.standards.engine.registry import (
    TextNotCheckable,
    check,
    check_batch,
    rule_catalogue,
)

__all__ = ["TextNotCheckable", "check", "check_batch", "rule_catalogue", "warm_up"]
