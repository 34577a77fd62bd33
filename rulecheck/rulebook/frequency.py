"""How common a literal is in ordinary text, so each rule is anchored on its rarest words.

A rule `(我 then 2 没用过) and 推荐` can only match a sentence holding all three, so any
one of them can select the sentences to evaluate. Anchoring on 我 makes almost every
sentence a candidate; anchoring on 没用过 makes almost none. The estimates only choose
among anchors that are all required, so they change speed, never findings.

Chinese: the summed frequency of the words in jieba's dictionary that contain the
literal (所 counts 所有, 场所 ...), over the dictionary's total. English: the unigram
probability of the literal's rarest word, from spaCy's lexeme tables.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from bisect import bisect_right
from collections.abc import Iterable
from pathlib import Path

from rulecheck.text.lang import has_han

#: Frequency given to a literal no table knows: rare, but not free.
UNKNOWN = 1e-7
_NUMBER = re.compile(r"\s*(-?\d+(?:\.\d+)?(?:[eE]-?\d+)?)")


def _jieba_dict() -> Path:
    import jieba

    return Path(jieba.__file__).with_name("dict.txt")


def han_frequencies(literals: Iterable[str]) -> dict[str, float]:
    """Share of dictionary word mass in words containing each literal."""
    import ahocorasick_rs

    wanted = sorted({lit for lit in literals if lit})
    if not wanted:
        return {}
    words: list[str] = []
    freqs: list[int] = []
    with _jieba_dict().open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) >= 2 and parts[1].strip().isdigit():
                words.append(parts[0])
                freqs.append(int(parts[1]))
    total = sum(freqs) or 1
    starts: list[int] = []
    pos = 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    joined = "\n".join(words)
    ac = ahocorasick_rs.AhoCorasick(wanted)
    sums = [0] * len(wanted)
    seen: set[tuple[int, int]] = set()  # count each word once per literal
    for pid, start, _ in ac.find_matches_as_indexes(joined, overlapping=True):
        word = bisect_right(starts, start) - 1
        if (pid, word) not in seen:
            seen.add((pid, word))
            sums[pid] += freqs[word]
    return {lit: max(s / total, UNKNOWN) for lit, s in zip(wanted, sums, strict=True)}


def english_frequencies(literals: Iterable[str]) -> dict[str, float]:
    """Probability of each literal's rarest word (a phrase is never commoner than it)."""
    wanted = {lit for lit in literals if lit}
    if not wanted:
        return {}
    words = {w for lit in wanted for w in lit.split()}
    logprob = _english_logprobs(words)
    out = {}
    for lit in wanted:
        probs = [math.exp(logprob[w]) if w in logprob else UNKNOWN for w in lit.split()]
        out[lit] = min(probs, default=UNKNOWN)
    return out


def _english_logprobs(words: set[str]) -> dict[str, float]:
    """Log probabilities of just these words from spaCy's million-entry table.

    The keys are found in the raw JSON with one Aho-Corasick pass, which is several
    times faster than parsing the whole table for a few hundred words.
    """
    import ahocorasick_rs

    try:
        import spacy_lookups_data

        path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            raw = fh.read()
    except (ImportError, OSError, ValueError):
        return {}
    keys = [json.dumps(w, ensure_ascii=False) + ":" for w in sorted(words)]
    ac = ahocorasick_rs.AhoCorasick(keys)
    out: dict[str, float] = {}
    for pid, _, end in ac.find_matches_as_indexes(raw, overlapping=True):
        if raw[end - len(keys[pid]) - 1] not in "{, ":  # a key, not the tail of one
            continue
        number = _NUMBER.match(raw, end)
        if number:
            out[json.loads(keys[pid][:-1])] = float(number.group(1))
    return out


def literal_frequencies(literals: Iterable[str]) -> dict[str, float]:
    """An estimated frequency for every literal, Chinese or not."""
    lits = list(dict.fromkeys(literals))
    han = [lit for lit in lits if has_han(lit)]
    other = [lit for lit in lits if not has_han(lit)]
    return {**english_frequencies(other), **han_frequencies(han)}
