"""The boolean keyword language of listening queries, pure: parse once, match many times.

    expression := or
    or         := and ("OR" and)*
    and        := unary (["AND"] unary)*      -- two terms side by side mean AND
    unary      := "NOT" unary | "-" unary | atom
    atom       := WORD | "a phrase" | "(" or ")"

Words and phrases match whole words, case-insensitively, in text normalised the same way
(``#bins`` matches the word ``#bins`` and the word ``bins``; ``@handle`` likewise). A word ending
in ``*`` matches any word it starts. Errors say where and what, for the form's error summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from herald.core.errors import DomainError

MAX_LENGTH = 2000
MAX_TERMS = 200
_WORD = re.compile(r"[#@]?[\w'’*-]+", re.UNICODE)
_TOKEN = re.compile(r'\s*(?:(\()|(\))|"([^"]*)("?)|([^\s()"]+))')
_OPERATORS = {"AND", "OR", "NOT"}


class InvalidQuery(DomainError):
    code = "invalid_query"


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words in order
    prefix: bool = False


@dataclass(frozen=True)
class Not:
    inner: Node


@dataclass(frozen=True)
class Both:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Either:
    parts: tuple[Node, ...]


Node = Term | Not | Both | Either


def words_of(text: str) -> list[str]:
    """Lower-cased words with ``#``/``@`` kept, the comparable form of both queries and text."""
    return [word.strip("'’-").replace("’", "'") for word in _WORD.findall(text.lower())]


def _tokens(source: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:
            break
        position = match.end()
        opening, closing, phrase, closed, bare = match.groups()
        if opening:
            tokens.append(("(", "("))
        elif closing:
            tokens.append((")", ")"))
        elif phrase is not None:
            if not closed:
                raise InvalidQuery(f'A phrase is missing its closing quote: "{phrase[:40]}')
            if not words_of(phrase):
                raise InvalidQuery('A phrase in quotes ("") needs at least one word.')
            tokens.append(("phrase", phrase))
        elif bare.upper() in _OPERATORS and bare.isupper():
            tokens.append((bare, bare))
        else:
            tokens.append(("word", bare))
    return tokens


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.index = 0
        self.terms = 0

    def peek(self) -> str:
        return self.tokens[self.index][0] if self.index < len(self.tokens) else ""

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse_or(self) -> Node:
        parts = [self.parse_and()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else Either(tuple(parts))

    def parse_and(self) -> Node:
        parts = [self.parse_unary()]
        while self.peek() not in {"", ")", "OR"}:
            if self.peek() == "AND":
                self.take()
            parts.append(self.parse_unary())
        return parts[0] if len(parts) == 1 else Both(tuple(parts))

    def parse_unary(self) -> Node:
        kind = self.peek()
        if kind == "NOT":
            self.take()
            return Not(self.parse_unary())
        if (
            kind == "word"
            and self.tokens[self.index][1].startswith("-")
            and len(self.tokens[self.index][1]) > 1
        ):
            _, value = self.take()
            return Not(self._term(value[1:]))
        return self.parse_atom()

    def parse_atom(self) -> Node:
        kind = self.peek()
        if kind == "":
            raise InvalidQuery("The query ends where a word, phrase or bracket was expected.")
        if kind in {"AND", "OR"}:
            raise InvalidQuery(f"{kind} needs a word, phrase or bracket on each side.")
        if kind == ")":
            raise InvalidQuery("A closing bracket has no opening bracket, or brackets are empty.")
        if kind == "(":
            self.take()
            inner = self.parse_or()
            if self.peek() != ")":
                raise InvalidQuery("An opening bracket is missing its closing bracket.")
            self.take()
            return inner
        _, value = self.take()
        return self._term(value, phrase=kind == "phrase")

    def _term(self, value: str, *, phrase: bool = False) -> Term:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise InvalidQuery(f"A query has at most {MAX_TERMS} words and phrases.")
        words = words_of(value)
        if not words:
            raise InvalidQuery(f"“{value[:40]}” has no letters or digits to match.")
        prefix = not phrase and value.endswith("*")
        words = [word.rstrip("*") for word in words]
        if prefix and len(words[-1]) < 3:
            raise InvalidQuery(f"“{value[:40]}”: a word ending in * needs at least 3 letters.")
        return Term(tuple(words), prefix=prefix)


def parse(source: str) -> Node:
    """The expression's tree, or InvalidQuery saying what is wrong with it."""
    if not source.strip():
        raise InvalidQuery('Enter a query: words, "phrases", AND, OR, NOT and brackets.')
    if len(source) > MAX_LENGTH:
        raise InvalidQuery(f"A query has at most {MAX_LENGTH} characters.")
    parser = _Parser(_tokens(source))
    tree = parser.parse_or()
    if parser.index < len(parser.tokens):
        raise InvalidQuery("A closing bracket has no opening bracket.")
    if _only_negative(tree):
        raise InvalidQuery("A query needs at least one word or phrase that is not after NOT.")
    return tree


def _only_negative(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, Both):
        return all(_only_negative(part) for part in node.parts)
    if isinstance(node, Either):
        return any(_only_negative(part) for part in node.parts)
    return False


@dataclass(frozen=True)
class Prepared:
    """A text made comparable once, then matched against every query."""

    words: frozenset[str]
    joined: str  # " word word … " without #/@, for phrases


def prepare(text: str) -> Prepared:
    words = words_of(text)
    bare = [word.lstrip("#@") for word in words]
    return Prepared(frozenset(words) | frozenset(bare), " " + " ".join(bare) + " ")


def matches(node: Node, text: Prepared) -> bool:
    if isinstance(node, Term):
        return _term_matches(node, text)
    if isinstance(node, Not):
        return not matches(node.inner, text)
    if isinstance(node, Both):
        return all(matches(part, text) for part in node.parts)
    return any(matches(part, text) for part in node.parts)


def _term_matches(term: Term, text: Prepared) -> bool:
    if len(term.words) == 1 and not term.prefix:
        return term.words[0] in text.words
    if term.prefix and len(term.words) == 1:
        stem = term.words[0]
        return any(word.startswith(stem) for word in text.words)
    phrase = " ".join(word.lstrip("#@") for word in term.words)
    if term.prefix:
        return f" {phrase}" in text.joined
    return f" {phrase} " in text.joined


Test = Callable[[Prepared], bool]


def as_test(node: Node) -> Test:
    """The node as one function of a prepared text: what ``matches`` decides, without walking
    the tree for each text (a query is matched against every mention ingested)."""
    if isinstance(node, Term):
        return _term_test(node)
    if isinstance(node, Not):
        inner = as_test(node.inner)
        return lambda text: not inner(text)
    parts = tuple(as_test(part) for part in node.parts)
    if isinstance(node, Both):
        return lambda text: all(part(text) for part in parts)
    return lambda text: any(part(text) for part in parts)


def _term_test(term: Term) -> Test:
    if len(term.words) == 1 and not term.prefix:
        word = term.words[0]
        return lambda text: word in text.words
    if term.prefix and len(term.words) == 1:
        stem = term.words[0]
        if stem[:1] not in {"#", "@"}:
            # A word starting with the stem, at a word start in the bare words' string.
            start = f" {stem}"
            return lambda text: start in text.joined
        return lambda text: any(word.startswith(stem) for word in text.words)
    phrase = " ".join(word.lstrip("#@") for word in term.words)
    needle = f" {phrase}" if term.prefix else f" {phrase} "
    return lambda text: needle in text.joined


@dataclass(frozen=True)
class Compiled:
    """A query ready to match: its expression and, if any, its exclusions."""

    query_id: int
    include: Node
    exclude: Node | None = None
    _include: Test = field(init=False, repr=False, compare=False)
    _exclude: Test | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_include", as_test(self.include))
        exclude = None if self.exclude is None else as_test(self.exclude)
        object.__setattr__(self, "_exclude", exclude)

    def matches(self, text: Prepared) -> bool:
        if not self._include(text):
            return False
        return self._exclude is None or not self._exclude(text)


def compile_query(*, query_id: int, expression: str, exclusions: str = "") -> Compiled:
    try:
        exclude = parse(exclusions) if exclusions.strip() else None
    except InvalidQuery as error:
        raise InvalidQuery(f"Exclusions: {error.message}") from None
    return Compiled(query_id=query_id, include=parse(expression), exclude=exclude)
