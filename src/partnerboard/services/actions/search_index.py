"""The register's search texts indexed by word, so that a searched word's rows are found
without testing every row's text (some 25 million characters at 100,000 actions).

A searched word never holds whitespace (the filter splits what is typed on it), so it is a
substring of a row's search text exactly when it is a substring of one of that text's
whitespace-separated tokens. The index keeps, for each distinct token, the ids of the rows
whose text holds it: a word's rows are the union over the tokens that contain it, found by
testing the distinct tokens (about 100,000, mostly short) instead of every text. It finds
what the plain substring test finds, no more and no less (`tests/services/test_search_index`).

Built once per reading of the whole register (off the GUI thread, beside the reading); rows
changed since are noticed by `RowSelector` (their text is not the one indexed) and tested
one by one.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from itertools import chain, compress, repeat
from operator import contains

from partnerboard.services.actions.rows import ActionRow

# Words whose tokens are remembered: typing on narrows the tokens of the word before.
KEPT_WORDS = 32


class SearchIndex:
    """Which rows (by id) hold each whitespace-separated token of their search text."""

    def __init__(self, rows: Iterable[ActionRow]):
        postings: defaultdict[str, list[int]] = defaultdict(list)
        texts: dict[int, str] = {}
        for row in rows:
            ident, text = row.id, row.search
            texts[ident] = text
            for token in set(text.split()):
                postings[token].append(ident)
        self._postings = dict(postings)
        # One bit per character seen, and each row's characters as those bits: a word of one
        # character (the first key of a search, held by most rows) is a test of the bit.
        characters: set[str] = set()
        for text in texts.values():
            characters.update(text)
        self._bits = {c: 1 << n for n, c in enumerate(characters)}
        bit = self._bits.__getitem__
        self.masks = {ident: sum(map(bit, set(text))) for ident, text in texts.items()}
        self._tokens = list(self._postings)
        self.texts = texts  # the text indexed for each row id
        self._held: OrderedDict[str, list[str]] = OrderedDict()  # recent words' tokens

    def bit(self, character: str) -> int:
        """The character's bit in the masks (0: no row indexed holds it)."""
        return self._bits.get(character, 0)

    def mask(self, text: str) -> int:
        """The mask of a text's characters (those the index has a bit for)."""
        return sum(map(self._bits.get, set(text), repeat(0)))

    def tokens_holding(self, word: str) -> list[str]:
        """The distinct tokens that contain `word` (a word without whitespace)."""
        held = self._held
        tokens = held.get(word)
        if tokens is not None:
            held.move_to_end(word)
            return tokens
        tokens = self._tokens
        for earlier, theirs in held.items():  # a token holding `word` holds each part of it
            if earlier in word and len(theirs) < len(tokens):
                tokens = theirs
        tokens = list(compress(tokens, map(contains, tokens, repeat(word))))
        held[word] = tokens
        if len(held) > KEPT_WORDS:
            held.popitem(last=False)
        return tokens

    def volume(self, tokens: list[str]) -> int:
        """How many row ids the tokens name (with repeats): the work of `ids_holding`."""
        return sum(map(len, map(self._postings.__getitem__, tokens)))

    def ids_holding(self, tokens: list[str]) -> set[int]:
        """The ids of the rows whose text holds any of `tokens`."""
        return set(chain.from_iterable(map(self._postings.__getitem__, tokens)))
