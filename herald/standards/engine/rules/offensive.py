"""Offensive language rules."""

from collections.abc import Sequence

from herald.standards.engine.post import Post

RULES = ()


def score_posts(posts: Sequence[Post]) -> None:
    """Score many posts with the classifier at once."""
