"""Properties of the context layer over every rule's own bad examples.

Wrapped in a frame that only talks about the words, a violation is silent; an unrelated
negated clause before it or a statutory warning after it never silences it.
"""

from __future__ import annotations

import re

import pytest

import rulecheck
from rulecheck.rulebook.rule import Rule

_CHECKER = rulecheck.Checker()
#: Examples that hold a sentence break cannot sit inside one quotation; document-scope
#: rules judge the whole text, whose other sentences the frames change on purpose.
_SENTENCE_BREAK = re.compile(r"[。!?！？;；\n]|\.\s")

MENTION_FRAMES = {"zh": "广告法不让说“{}”", "en": 'we are not allowed to say "{}"'}
NEGATED_PREFIX = {"zh": "我今天不是来聊天的，{}", "en": "I'm not here to chat, {}"}
WARNING_SUFFIX = {
    "zh": "{}。保健食品不是药物，不能代替药物治疗疾病。",
    "en": "{}. These statements have not been evaluated by the Food and Drug Administration.",
}


def _cases() -> list[tuple[str, str]]:
    out = []
    for rid, rule in sorted(_CHECKER.rules.items()):
        if rule.scope != "sentence":
            continue
        out.extend((rid, ex) for ex in rule.examples.bad if not _SENTENCE_BREAK.search(ex))
    return out


CASES = _cases()


def _fires(rule: Rule, text: str) -> bool:
    return _CHECKER.check_document_text_only(text, rule.lang, rule.id)


def test_there_are_cases() -> None:
    assert len(CASES) > 1000


@pytest.mark.parametrize(("rid", "example"), CASES, ids=[f"{r}:{i}" for i, (r, _) in
                                                         enumerate(CASES)])
def test_mention_frame_silences_and_other_clauses_do_not(rid: str, example: str) -> None:
    rule = _CHECKER.rules[rid]
    lang = rule.lang
    assert _fires(rule, example), "the bad example itself must fire"
    if "mention" not in rule.context_off:
        assert not _fires(rule, MENTION_FRAMES[lang].format(example)), "mentioned, not used"
    assert _fires(rule, NEGATED_PREFIX[lang].format(example)), "a negation in another clause"
    assert _fires(rule, WARNING_SUFFIX[lang].format(example)), "a warning does not cancel it"
