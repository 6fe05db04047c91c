"""deduce's own pipeline, with its big lookup tries held in compact marisa tries.

deduce keeps seven word lists (first names, surnames, streets, place names, hospitals,
healthcare institutions, eponymous diseases) as :class:`docdeid.ds.LookupTrie`: one
Python object with a dict per node, 1.9 million nodes, about 1 GB resident and 3-5 s
to unpickle. Everything else deduce needs (its tokenizer, config, regular expressions,
the small :class:`docdeid.ds.LookupSet` objects, the annotators, the name and overlap
processors) is small.

This module builds a :class:`deduce.Deduce` that is the same in every respect except
those seven tries: each is a :class:`CompactLookupTrie` backed by one
``marisa_trie.Trie`` whose keys are the token sequences of deduce's trie, each token
followed by :data:`SEP`. The annotators that used the tries
(``docdeid.process.MultiTokenLookupAnnotator``) are replaced by
:class:`CompactMultiTokenLookupAnnotator`, which finds the same longest matches and
makes the same annotations.

Imported only when the anonymizer is loaded: it imports deduce and marisa_trie.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import docdeid as dd
import marisa_trie
from docdeid.ds.lookup import LookupStructure

from deduce import Deduce
from deduce.deduce import _LOOKUP_LIST_PATH, _DeduceProcessorLoader

__all__ = ["SEP", "BARRIER", "CompactLookupTrie", "CompactMultiTokenLookupAnnotator",
           "LightDeduce", "make_pipeline"]

log = logging.getLogger(__name__)

#: Ends every token in a trie key. No word list contains it (checked when building).
SEP = "\x1f"
#: Stands in for a text token that contains SEP or BARRIER: it matches no key, so no
#: match runs through it (as in deduce, where no list has such a token).
BARRIER = "\x1e"


def make_pipeline(names: Sequence[str]) -> list[Any] | None:
    """docdeid string modifiers from their class names (they take no arguments)."""
    if not names:
        return None
    return [getattr(dd.str, name)() for name in names]


class CompactLookupTrie(LookupStructure):
    """A :class:`docdeid.ds.LookupTrie` with the same answers, in a marisa trie.

    ``depth`` is the largest number of tokens of any item. As in deduce's trie, the
    matching pipeline was applied to the first token of each item when it was added,
    and is applied to every token of the text when matching.
    """

    def __init__(self, trie: marisa_trie.Trie, depth: int,
                 matching_pipeline: list[Any] | None = None) -> None:
        super().__init__(matching_pipeline=matching_pipeline)
        self._trie = trie
        self.depth = depth

    def __len__(self) -> int:
        return len(self._trie)

    @staticmethod
    def _key_part(token: str) -> str:
        return BARRIER if (SEP in token or BARRIER in token) else token

    def __contains__(self, item: object) -> bool:
        """Whether the list of strings ``item`` is one item of the trie."""
        if not isinstance(item, (list, tuple)) or not item:
            return False
        key = "".join(self._key_part(t) + SEP for t in map(self._apply_matching_pipeline, item))
        return key in self._trie

    def longest_match(self, joined: str) -> int:
        """Number of tokens of the longest item that begins ``joined`` (SEP-ended tokens)."""
        keys = self._trie.prefixes(joined)
        if not keys:
            return 0
        return max(keys, key=len).count(SEP)

    def longest_matching_prefix(self, item: list[str], start_i: int = 0) -> list[str] | None:
        """Same as :meth:`docdeid.ds.LookupTrie.longest_matching_prefix`."""
        tokens = [self._apply_matching_pipeline(t) for t in item[start_i:start_i + self.depth]]
        n = self.longest_match("".join(self._key_part(t) + SEP for t in tokens))
        return tokens[:n] if n else None


class CompactMultiTokenLookupAnnotator(dd.process.Annotator):
    """:class:`docdeid.process.MultiTokenLookupAnnotator` over a :class:`CompactLookupTrie`.

    deduce's annotator looks up the tokens that start an item (a Python set of all
    first tokens, 190,000 for the streets), then walks the trie from each. This one
    asks the marisa trie once per token for every item that is a prefix of the tokens
    from there on; the longest is the match. Same annotations, same order.
    """

    def __init__(self, *args: Any, trie: CompactLookupTrie, overlapping: bool = False,
                 **kwargs: Any) -> None:
        self._trie = trie
        self._matching_pipeline = trie.matching_pipeline or []
        self.overlapping = overlapping
        super().__init__(*args, **kwargs)

    def _joined(self, doc: dd.Document, tokens: Any) -> tuple[str, list[int]]:
        """All token texts after the pipeline, each followed by SEP, and where each
        starts; made once per document and pipeline (seven annotators share it)."""
        cache = doc.__dict__.setdefault("_deid_light_joined", {})
        key = tuple(type(m).__name__ for m in self._matching_pipeline)
        if key not in cache:
            parts = []
            for token in tokens:
                text = token.text
                for modifier in self._matching_pipeline:
                    text = modifier.process(text)
                if SEP in text or BARRIER in text:
                    text = BARRIER
                parts.append(text + SEP)
            offsets = [0]
            position = 0
            for part in parts:
                position += len(part)
                offsets.append(position)
            cache[key] = ("".join(parts), offsets)
        return cache[key]

    def annotate(self, doc: dd.Document) -> list[dd.Annotation]:
        tokens = doc.get_tokens()
        joined, offsets = self._joined(doc, tokens)
        count = len(offsets) - 1
        depth = self._trie.depth
        # ends[i]: end of the text of tokens i .. i + depth - 1 (or of the last token)
        ends = offsets[depth:] + [offsets[-1]] * min(depth, count)
        prefixes = self._trie._trie.prefixes  # noqa: SLF001
        annotations = []
        min_i = 0
        for i in range(count):
            if i < min_i:
                continue
            keys = prefixes(joined[offsets[i]:ends[i]])
            if not keys:
                continue
            n = max(keys, key=len).count(SEP)
            start_token = tokens[i]
            end_token = tokens[i + n - 1]
            annotations.append(
                dd.Annotation(
                    text=doc.text[start_token.start_char:end_token.end_char],
                    start_char=start_token.start_char,
                    end_char=end_token.end_char,
                    start_token=start_token,
                    end_token=end_token,
                    tag=self.tag,
                    priority=self.priority,
                )
            )
            if not self.overlapping:
                min_i = i + n
        return annotations


class _LightProcessorLoader(_DeduceProcessorLoader):
    """deduce's loader of annotators and processors; only the trie annotators differ."""

    @staticmethod
    def _get_multi_token_annotator(args: dict, extras: dict) -> dd.process.Annotator:
        lookup_struct = extras["ds"][args["lookup_values"]]
        if isinstance(lookup_struct, CompactLookupTrie):
            args = {k: v for k, v in args.items() if k != "lookup_values"}
            return CompactMultiTokenLookupAnnotator(trie=lookup_struct, **args)
        return _DeduceProcessorLoader._get_multi_token_annotator(args, extras)


class LightDeduce(Deduce):
    """:class:`deduce.Deduce` with its lookup structures given instead of loaded.

    Same base config, same tokenizer (built from deduce's prefix and interfix lists,
    as deduce does), same annotators and processors; ``lookup_structs`` holds deduce's
    LookupSets and a :class:`CompactLookupTrie` for each of its tries.
    """

    def __init__(self, lookup_structs: dd.ds.DsCollection) -> None:  # pylint: disable=W0231
        dd.DocDeid.__init__(self)  # pylint: disable=non-parent-init-called
        self.config = self._initialize_config(load_base_config=True, user_config=None)
        self.lookup_data_path = _LOOKUP_LIST_PATH
        self.cache_path = None
        self.tokenizers = {"default": self._initialize_tokenizer(self.lookup_data_path)}
        self.lookup_structs = lookup_structs
        extras = {"tokenizer": self.tokenizers["default"], "ds": self.lookup_structs}
        self.processors = _LightProcessorLoader().load(config=self.config, extras=extras)
