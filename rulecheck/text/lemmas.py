"""English inflections from spaCy's lookup lemmatizer table (spacy-lookups-data).

`lemma("cure")` in a rule is compiled to every form the table maps to "cure", so
inflections are found by the same one-pass literal scan as everything else. This
is the same table spaCy's lookup lemmatizer uses, read without starting spaCy.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _forms_by_lemma() -> dict[str, list[str]]:
    path = resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        lookup: dict[str, str] = json.load(fh)
    forms: dict[str, list[str]] = defaultdict(list)
    for form, lemma in lookup.items():
        if form.islower():
            forms[lemma.lower()].append(form)
    return forms


def inflections(lemma: str) -> tuple[str, ...]:
    """The lemma itself and every lower-case form the table lemmatizes to it."""
    lemma = lemma.lower()
    return tuple(dict.fromkeys([lemma, *sorted(_forms_by_lemma().get(lemma, []))]))
