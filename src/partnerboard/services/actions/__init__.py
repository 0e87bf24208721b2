"""The board action log and improvement plan.

Other registers raise actions with `create_action_in(session, ActionInput(...))` inside their
own transaction (naming the source: meeting item, Section 11 return, audit finding, review
recommendation ...) and record progress with `add_update_in`. The modules:

- `core`: creating actions and updates, references, current RAG;
- `register`: the register's rows in one query; `filtering`: its filters;
- `detail`: one action in full with its history; `lifecycle`: edit, move, close, supersede, merge;
- `workstreams`: the plan's workstreams (ambitions); `proposals`: partner updates to decide;
- `dashboard`: the home page's figures; `log_import`: bringing an existing log or plan.
"""

from partnerboard.services.actions.core import (
    FUTURE_UPDATE,
    ActionInput,
    UpdateInput,
    add_update,
    add_update_in,
    check_reference,
    create_action,
    create_action_in,
    current_rags,
    next_reference,
    reference_taken,
    update_date_problem,
    validate_action,
    validate_update,
)
from partnerboard.services.actions.detail import ActionDetail, HistoryEntry, get_action
from partnerboard.services.actions.filtering import ActionFilter, RowSelector, Show, apply_filter
from partnerboard.services.actions.lifecycle import (
    ActionEdit,
    close_action,
    merge_action,
    move_action,
    reopen_action,
    save_action,
    supersede_action,
)
from partnerboard.services.actions.proposals import (
    ProposalRow,
    accept_update,
    count_proposals,
    decide_all,
    list_proposals,
    reject_update,
)
from partnerboard.services.actions.register import ActionRow, get_action_row, list_actions
from partnerboard.services.actions.workstreams import (
    WorkstreamInput,
    WorkstreamRow,
    get_workstream,
    list_workstreams,
    save_workstream,
    set_workstream_active,
)

__all__ = [
    "ActionDetail",
    "ActionEdit",
    "ActionFilter",
    "ActionInput",
    "ActionRow",
    "HistoryEntry",
    "ProposalRow",
    "RowSelector",
    "Show",
    "UpdateInput",
    "WorkstreamInput",
    "WorkstreamRow",
    "accept_update",
    "add_update",
    "add_update_in",
    "apply_filter",
    "check_reference",
    "close_action",
    "count_proposals",
    "create_action",
    "create_action_in",
    "current_rags",
    "decide_all",
    "get_action",
    "get_action_row",
    "get_workstream",
    "list_actions",
    "list_proposals",
    "list_workstreams",
    "merge_action",
    "move_action",
    "next_reference",
    "reference_taken",
    "reject_update",
    "reopen_action",
    "save_action",
    "save_workstream",
    "set_workstream_active",
    "supersede_action",
    "validate_action",
    "validate_update",
    "FUTURE_UPDATE",
    "update_date_problem",
]
