"""Section 11 audits: frameworks, rounds, returns and answers, challenge and feedback, analysis.

One module per concern; the public functions are re-exported here so that callers write
`from partnerboard.services import section11` and `section11.round_returns(db, ...)`.

Each name is imported from its module when first used (a module `__getattr__`, PEP 562), so a
caller that needs one concern does not load the others: importing a return stores through
`answers` without loading the analysis, nor the challenge and with it the action log.
"""

from __future__ import annotations

from partnerboard.lazy_names import lazy_names

# The names re-exported here, by the module that defines them.
_MODULES = {
    "analysis": (
        "ComplianceMatrix",
        "MatrixCell",
        "MatrixRow",
        "TrendRow",
        "YearOnYear",
        "compliance_matrix",
        "year_on_year",
    ),
    "answers": (
        "AnswerData",
        "AnswerRow",
        "PrefillAnswer",
        "SubmissionData",
        "SubmissionRow",
        "latest_answers_by_code",
        "record_submission",
        "return_answers",
        "submissions",
    ),
    "challenge": (
        "ACTION_SOURCE_KIND",
        "ActionArisingRow",
        "ChallengeRow",
        "ModerationRow",
        "actions_arising",
        "challenges",
        "create_action_arising",
        "moderate",
        "moderation_history",
        "save_challenge",
        "save_feedback",
    ),
    "frameworks": (
        "CriterionRow",
        "FrameworkRow",
        "StandardRow",
        "ensure_default_framework",
        "get_framework",
        "install_default_framework",
        "list_frameworks",
        "new_framework_version",
        "save_criterion",
        "save_standard",
        "set_framework_status",
    ),
    "rounds": (
        "ReturnRow",
        "RoundInput",
        "RoundRow",
        "extend_deadline",
        "find_return",
        "find_round",
        "get_return",
        "get_round",
        "list_rounds",
        "mark_issued",
        "round_returns",
        "save_round",
        "set_return_status",
        "set_round_status",
        "set_scope",
    ),
}
_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}
__all__ = sorted(_MODULE_OF)


__getattr__, __dir__ = lazy_names(__name__, _MODULE_OF, globals())
