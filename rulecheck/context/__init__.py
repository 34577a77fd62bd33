"""Context the engine understands once, for every rule: when words are not a claim.

A rule says what is prohibited; this package says when a hit of it is not a claim
at all: the words are mentioned rather than used, relayed from someone else and
rejected, denied in their clause, asked rather than said, a statutory warning, a
stage direction, a rule or warning that names a practice, or a buyer's review.
Every rule gets these judgements by default; a rule turns one off with
`context_off: [kind, ...]` where the law reads that kind of sentence differently.
"""

from rulecheck.context.kinds import KINDS
from rulecheck.context.model import ContextModel, compile_context

__all__ = ["KINDS", "ContextModel", "compile_context"]
