"""Soft links between ads written from one template, robust to changed names, cities, numbers.

1. Mask slots: the spans of the record's phone/email/handle/payment/crypto/url/price/age/name/
   location mentions become ``<phone>``, ``<name>``...; leftover numbers become ``<num>``.
2. Drop boilerplate: sentences (hashed) whose spread is high — seen in ≥ ``boiler_min_records``
   records, under ≥ ``boiler_min_names`` different names and in ≥ ``boiler_min_cities`` cities —
   are stock phrases or site text, not a template. Spread lives in ``text_sentences`` and grows
   with every batch (a batch is counted before it is matched).
3. MinHash (datasketch's permutations, vectorised) over word 2-shingles, banded into
   ``text_bands``; a new record's candidates are the stored and batch records sharing a band
   key (oversized buckets skipped), compared with a few members per bucket, per network.
4. Verify by exact Jaccard of the shingle sets; the evidence is the similarity and the template:
   the aligned masked token streams, common tokens shown, differing runs as ``[a|b]``.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from linkboard.link.blocking import candidate_pairs
from linkboard.link.config import TextConfig
from linkboard.model import Link, Mention, Record
from linkboard.store.corpus import CorpusStore

SLOT_KINDS = frozenset(
    {"phone", "email", "handle", "payment", "crypto", "url", "price", "age", "name", "location"}
)
FIELDS = ("title", "body")
TOKEN = re.compile(r"<[a-z]+>|[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
SENTENCE_BREAK = re.compile(r"[.!?\n~*|•]|[^\w\s<>'.,:;$/&()@#%+=\"-]", re.UNICODE)
DIGIT = re.compile(r"\d")
#: (records, their bucket keys, stored bucket -> records, per bucket, cap) -> candidates.
CandidatePairs = Callable[
    [list[str], list[list[tuple[int, int]]], dict[tuple[int, int], list[str]], int, int],
    list[list[str]],
]
STATS_CAP = 48
SENTENCE_CACHE = 500_000


def mask(record: Record | dict[str, str], mentions: list[Mention]) -> str:
    """Title and body (of a record, or a field -> text mapping) with every slot mention
    replaced by ``<kind>``."""
    slots: dict[str, list[tuple[int, int, str]]] = {name: [] for name in FIELDS}
    for m in mentions:
        if m.kind in SLOT_KINDS and m.field in slots:
            slots[m.field].append((m.start, m.end, m.kind))
    parts = []
    for name, spans in slots.items():
        text = record.get(name, "") if isinstance(record, dict) else record.field_text(name)
        spans.sort()
        out, pos = [], 0
        for start, end, kind in spans:
            if start < pos:
                continue
            out += [text[pos:start], f" <{kind}> "]
            pos = end
        out.append(text[pos:])
        parts.append("".join(out))
    return "\n".join(parts)


def _word(tok: str) -> str:
    return tok if tok.isalpha() or not DIGIT.search(tok) else "<num>"


def tokens(text: str) -> list[str]:
    return [t if t[0] == "<" else _word(t) for t in TOKEN.findall(text.lower())]


def sentences(masked: str) -> list[list[str]]:
    """Token lists of the sentences of MASKED (split at . ! ? newlines, ~ * | and emoji)."""
    return [toks for toks, _ in hashed_sentences(masked, {})]


def hashed_sentences(
    masked: str, cache: dict[str, tuple[list[str], int]]
) -> list[tuple[list[str], int]]:
    """(tokens, hash) of each sentence of MASKED. CACHE (sentence text -> its pair) saves
    tokenizing and hashing the sentences that templates, stock phrases and site footers repeat;
    the token lists in it are shared, never to be changed."""
    out = []
    for part in SENTENCE_BREAK.split(masked.lower()):
        pair = cache.get(part)
        if pair is None:
            toks = TOKEN.findall(part)
            if toks and DIGIT.search(part):
                toks = [t if t[0] == "<" else _word(t) for t in toks]
            pair = (toks, sentence_hash(toks) if toks else 0)
            if len(cache) < SENTENCE_CACHE:
                cache[part] = pair
        if pair[0]:
            out.append(pair)
    return out


Sentences = tuple[list[list[str]], list[int]]  # token lists of a record's sentences, hashes


def masked_sentences(
    fields: Record | dict[str, str],
    mentions: list[Mention],
    cache: dict[str, tuple[list[str], int]],
) -> Sentences:
    """A record's masked sentences (:func:`mask`, :func:`hashed_sentences`): tokens, hashes."""
    pairs = hashed_sentences(mask(fields, mentions), cache)
    return [toks for toks, _ in pairs], [h for _, h in pairs]


def sentence_hash(toks: list[str]) -> int:
    digest = hashlib.blake2b(" ".join(toks).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(slots=True)
class Doc:
    """A record's text as linking sees it."""

    rid: str
    content: list[str]  # tokens of the non-boilerplate sentences
    shingles: set[str]
    dropped: int  # boilerplate sentences removed


class Corpus:
    """Masked sentences per record and the boilerplate verdicts, for one linking run (an
    ``update`` keeps one across its increments, so a candidate is read once; ``trim`` bounds it
    to about ``limit`` records)."""

    def __init__(self, store: CorpusStore, config: TextConfig, limit: int = 1_000_000) -> None:
        self.store, self.config, self.limit = store, config, limit
        self.sents: dict[str, list[list[str]]] = {}
        self.hashes: dict[str, list[int]] = {}
        self.known: set[int] = set()  # hashes whose statistics have been read
        self.boiler: set[int] = set()  # hashes of the boilerplate sentences among them
        self.cache: dict[str, tuple[list[str], int]] = {}

    def trim(self) -> None:
        """Forget the records' sentences once more than ``limit`` are held (they are read again
        when needed); the boilerplate verdicts stay."""
        if len(self.sents) > self.limit:
            self.sents.clear()
            self.hashes.clear()

    def add(
        self, texts: dict[str, dict[str, str]] | list[Record], mentions: dict[str, list[Mention]]
    ) -> None:
        """Masked sentences of records (or of id -> {field: text} mappings)."""
        items = texts.items() if isinstance(texts, dict) else ((r.id, r) for r in texts)
        self.put({rid: masked_sentences(f, mentions.get(rid, []), self.cache) for rid, f in items})

    def put(self, sentences: dict[str, Sentences]) -> None:
        """Records' masked sentences, made elsewhere (:func:`masked_sentences`)."""
        for rid, (sents, hashes) in sentences.items():
            self.sents[rid] = sents
            self.hashes[rid] = hashes

    def count(
        self, rids: list[str], cities: dict[str, str | None], names: dict[str, set[str]]
    ) -> None:
        """Add RIDS' sentences to the stored spread statistics."""
        hashes = {rid: set(self.hashes[rid]) for rid in rids}
        stats = self.store.sentence_stats(set().union(*hashes.values()) if hashes else ())
        for rid, hs in hashes.items():
            city = cities.get(rid)
            aliases = names.get(rid, ())
            for h in hs:
                s = stats.get(h)
                if s is None:
                    stats[h] = s = [0, [], []]
                s[0] += 1
                seen_names, seen_cities = s[1], s[2]
                for v in aliases:
                    if len(seen_names) < STATS_CAP and v not in seen_names:
                        seen_names.append(v)
                if city and len(seen_cities) < STATS_CAP and city not in seen_cities:
                    seen_cities.append(city)
        self.store.save_sentence_stats(stats)
        self._learn(stats)

    def _learn(self, stats: dict[int, list[Any]]) -> None:
        c = self.config
        self.boiler |= {
            h
            for h, s in stats.items()
            if s[0] >= c.boiler_min_records
            and len(s[1]) >= c.boiler_min_names
            and len(s[2]) >= c.boiler_min_cities
        }
        self.known |= stats.keys()

    def boilerplate(self, h: int) -> bool:
        return h in self.boiler

    def doc(self, rid: str) -> Doc:
        content: list[str] = []
        dropped = kept = 0
        boiler = self.boiler
        for s, h in zip(self.sents.get(rid, []), self.hashes.get(rid, []), strict=True):
            if h in boiler:
                dropped += 1
            elif s:
                content += s
                kept += 1
        k = self.config.shingle
        if len(content) < self.config.min_tokens or kept < self.config.min_sentences:
            grams: set[str] = set()
        elif k == 2:
            grams = {f"{a} {b}" for a, b in itertools.pairwise(content)}
        else:
            grams = {" ".join(content[i : i + k]) for i in range(max(1, len(content) - k + 1))}
        return Doc(rid, content, grams, dropped)

    def load(self, rids: set[str]) -> None:
        """Bring stored records (candidates) into the corpus, with their spread statistics."""
        missing = sorted(r for r in rids if r not in self.sents)
        if not missing:
            return
        mentions = self.store.mentions_of(missing)
        self.add(self.store.record_texts(missing), mentions)
        hashes = {h for r in missing for h in self.hashes.get(r, [])}
        self._learn(self.store.sentence_stats(hashes - self.known))


def band_keys(docs: list[Doc], config: TextConfig, chunk: int = 2000) -> np.ndarray:
    """(n, bands) int64 LSH band keys of each doc's MinHash (rows of an empty doc are 0).

    The MinHash is datasketch's (its permutations for ``num_perm`` and seed 1, the same
    ``(a * h + b) mod (2^61 - 1)`` family), computed for many documents at once with numpy over
    32-bit CRC hashes of the shingles instead of one SHA-1 per shingle.
    """
    keys = np.zeros((len(docs), config.bands), dtype=np.int64)
    live = [i for i, d in enumerate(docs) if d.shingles]
    rows = config.num_perm // config.bands
    a, b = _permutations(config.num_perm)
    for start in range(0, len(live), chunk):
        part = live[start : start + chunk]
        lengths = np.array([len(docs[i].shingles) for i in part])
        h = np.fromiter(
            (zlib.crc32(g.encode()) for i in part for g in docs[i].shingles),
            dtype=np.uint64,
            count=int(lengths.sum()),
        )
        with np.errstate(over="ignore"):
            phv = ((h[:, None] * a[None, :] + b[None, :]) % MERSENNE) & MAX_HASH
            offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
            hv = np.minimum.reduceat(phv, offsets, axis=0)
            mixed = np.zeros((len(part), config.bands), dtype=np.uint64)
            for r in range(rows):
                mixed = (mixed * np.uint64(0x100000001B3)) ^ hv[:, r::rows][:, : config.bands]
        keys[part] = (mixed >> np.uint64(1)).astype(np.int64) | 1
    return keys


MERSENNE = np.uint64((1 << 61) - 1)
MAX_HASH = np.uint64((1 << 32) - 1)


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    a, b = MinHash(num_perm=num_perm, seed=1).permutations
    return np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64)


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def template(a: list[str], b: list[str], limit: int = 1200) -> str:
    """The aligned token streams: common tokens as they are, differing runs as ``[a|b]``."""
    from rapidfuzz.distance import Levenshtein

    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for op in [*Levenshtein.opcodes(a, b), None]:
        if op is not None and op.tag != "equal":
            left += a[op.src_start : op.src_end]
            right += b[op.dest_start : op.dest_end]
            continue
        if left or right:
            out.append(f"[{' '.join(left)}|{' '.join(right)}]")
            left, right = [], []
        if op is not None:
            out += a[op.src_start : op.src_end]
    text = " ".join(out)
    return text if len(text) <= limit else text[:limit] + " …"


@dataclass(slots=True)
class Blocking:
    """A batch's documents and their LSH band keys, the blocking keys of text linking; ``live``
    indexes the documents with shingles (the others have no keys)."""

    docs: list[Doc]
    keys: list[list[int]]
    live: list[int]

    def buckets(self) -> set[tuple[int, int]]:
        return {(b, k) for i in self.live for b, k in enumerate(self.keys[i])}

    def band_rows(self) -> list[tuple[int, int, str]]:
        """(band, key, record) of every live document: what the store keeps for later batches."""
        return [(b, k, self.docs[i].rid) for i in self.live for b, k in enumerate(self.keys[i])]


def blocking(corpus: Corpus, batch: list[str]) -> Blocking:
    """BATCH's documents and band keys."""
    docs = [corpus.doc(rid) for rid in batch]
    keys = band_keys(docs, corpus.config).tolist()  # Python ints: read 16 times a record
    return Blocking(docs, keys, [i for i, d in enumerate(docs) if d.shingles])


def text_links(
    corpus: Corpus,
    block: Blocking,
    stored: dict[tuple[int, int], list[str]],
    root: Callable[[str], str],
    seed_roots: Callable[[set[str]], None],
    pairs: CandidatePairs = candidate_pairs,
) -> list[Link]:
    """Soft links from each record of BLOCK to its best-matching earlier records: those in its
    buckets, STORED ones (bucket -> stored records, oldest first) before the batch's own.
    ROOT names a record's group (hard links and networks so far): a record is compared with a
    few members of each group and keeps its best link per group. Text itself never merges
    groups here: whether it joins is decided when networks are regrouped (link.templates)."""
    config = corpus.config
    rids = [d.rid for d in block.docs]
    in_batch = set(rids)
    if any(r in in_batch for v in stored.values() for r in v):  # re-processed records
        stored = {k: [r for r in v if r not in in_batch] for k, v in stored.items()}
    cand_ids = {r for v in stored.values() for r in v[: config.compare_per_bucket]}
    corpus.load(cand_ids)
    seed_roots(cand_ids)
    cache: dict[str, Doc] = {d.rid: d for d in block.docs}
    live = [rids[i] for i in block.live]
    keys = [list(enumerate(block.keys[i])) for i in block.live]
    found = pairs(live, keys, stored, config.compare_per_bucket, config.bucket_cap)
    links: list[Link] = []
    for i, cands in zip(block.live, found, strict=True):
        links += _best_links(block.docs[i], cands, cache, corpus, root)
    return links


def _best_links(
    doc: Doc,
    cands: list[str],
    cache: dict[str, Doc],
    corpus: Corpus,
    root: Callable[[str], str],
) -> list[Link]:
    """DOC's links to its best-matching CANDS: the most similar record of each group (ROOT),
    a few tried per group, the best ``links_per_record`` of them."""
    config = corpus.config
    best: dict[str, tuple[float, str]] = {}
    tried: dict[str, int] = defaultdict(int)
    for rid in dict.fromkeys(cands):
        if rid == doc.rid:
            continue
        group = root(rid)
        if tried[group] >= 3 or (group in best and best[group][0] >= config.join):
            continue
        tried[group] += 1
        other = cache.get(rid) or cache.setdefault(rid, corpus.doc(rid))
        shared = len(doc.shingles & other.shingles)
        score = shared / len(doc.shingles | other.shingles) if shared >= config.min_shared else 0
        if score >= config.link and (group not in best or score > best[group][0]):
            best[group] = (score, rid)
    chosen = sorted(best.values(), reverse=True)[: config.links_per_record]
    return [_text_link(doc, cache[rid], score, config.shingle) for score, rid in chosen]


def _text_link(doc: Doc, other: Doc, score: float, shingle: int) -> Link:
    """The soft link between two documents of similarity SCORE, with its evidence: the measure,
    the template they share and the boilerplate sentences each lost."""
    a, b = sorted((doc, other), key=lambda d: d.rid)
    evidence = {
        "similarity": round(score, 4),
        "measure": f"jaccard of word {shingle}-shingles",
        "template": template(a.content, b.content),
        "boilerplate_sentences_removed": {a.rid: a.dropped, b.rid: b.dropped},
    }
    return Link(a.rid, b.rid, "text", False, round(score, 4), evidence)
