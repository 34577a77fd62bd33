"""The kinds of context in which a rule's hit is not a claim (the values of `context_off`)."""

from __future__ import annotations

KINDS: tuple[str, ...] = (
    "mention",           # the words are talked about: quoted, named, banned (“最好”这个词不能说)
    "reported",          # someone else's claim relayed and rejected, or reported by a third party
    "rule_text",         # a rule, enforcement or warning text names the practice (商家不得虚构原价)
    "negation",          # denied in its own clause (不是最好, 从不刷单, no one can promise)
    "question",          # asked, not said, unless the next sentence answers yes
    "past",              # a past practice renounced (以前刷过单，现在再也不做了)
    "required_wording",  # statutory or approved wording (保健食品不是药物，不能代替药物治疗疾病)
    "stage_direction",   # a run-sheet note or stage direction, not speech (【场控】, (镜头外: ...))
    "review",            # a buyer's review, not a seller's pitch
)
