"""The standards engine: ``check(text, context) -> findings`` and its batch form.

Pure Python over ``herald.standards.types``; no database, so any context can call it.
"""

from herald.standards.engine.registry import check, check_batch, rule_catalogue

__all__ = ["check", "check_batch", "rule_catalogue"]
