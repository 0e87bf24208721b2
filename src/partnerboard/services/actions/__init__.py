"""The board action log and improvement plan.

Other registers raise actions with `create_action_in(session, ActionInput(...))` inside their
own transaction (naming the source: meeting item, Section 11 return, audit finding, review
recommendation ...) and record progress with `add_update_in`. The modules:

- `core`: creating actions and updates, references, current RAG;
- `register`: the register's rows in one query; `filtering`: its filters;
- `detail`: one action in full with its history; `lifecycle`: edit, move, close, supersede, merge;
- `workstreams`: the plan's workstreams (ambitions); `proposals`: partner updates to decide;
- `dashboard`: the home page's figures; `log_import`: bringing an existing log or plan.

The names below are imported from their module when first used (PEP 562): the home page
imports `dashboard` without mapping the registers that `detail` reads (meetings, audits,
Section 11, reviews, indicators).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerboard.lazy_names import lazy_names

if TYPE_CHECKING:
    from partnerboard.services.actions.core import (
        FUTURE_UPDATE,
        ActionInput,
        UpdateInput,
        add_update,
        add_update_in,
        check_reference,
        create_action,
        create_action_in,
        next_reference,
        reference_taken,
        update_date_problem,
        validate_action,
        validate_update,
    )
    from partnerboard.services.actions.current import current_rags
    from partnerboard.services.actions.detail import (
        ActionDetail,
        HistoryEntry,
        get_action,
    )
    from partnerboard.services.actions.filtering import (
        ActionFilter,
        RowSelector,
        Show,
        apply_filter,
    )
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
    from partnerboard.services.actions.register import (
        ActionRow,
        get_action_row,
        list_actions,
    )
    from partnerboard.services.actions.workstreams import (
        WorkstreamInput,
        WorkstreamRow,
        get_workstream,
        list_workstreams,
        save_workstream,
        set_workstream_active,
    )

# Each name of the package and the module that defines it.
_HOME: dict[str, str] = {
    "ActionDetail": "detail",
    "ActionEdit": "lifecycle",
    "ActionFilter": "filtering",
    "ActionInput": "core",
    "ActionRow": "register",
    "HistoryEntry": "detail",
    "ProposalRow": "proposals",
    "RowSelector": "filtering",
    "Show": "filtering",
    "UpdateInput": "core",
    "WorkstreamInput": "workstreams",
    "WorkstreamRow": "workstreams",
    "accept_update": "proposals",
    "add_update": "core",
    "add_update_in": "core",
    "apply_filter": "filtering",
    "check_reference": "core",
    "close_action": "lifecycle",
    "count_proposals": "proposals",
    "create_action": "core",
    "create_action_in": "core",
    "current_rags": "current",
    "decide_all": "proposals",
    "get_action": "detail",
    "get_action_row": "register",
    "get_workstream": "workstreams",
    "list_actions": "register",
    "list_proposals": "proposals",
    "list_workstreams": "workstreams",
    "merge_action": "lifecycle",
    "move_action": "lifecycle",
    "next_reference": "core",
    "reference_taken": "core",
    "reject_update": "proposals",
    "reopen_action": "lifecycle",
    "save_action": "lifecycle",
    "save_workstream": "workstreams",
    "set_workstream_active": "workstreams",
    "supersede_action": "lifecycle",
    "validate_action": "core",
    "validate_update": "core",
    "FUTURE_UPDATE": "core",
    "update_date_problem": "core",
}

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


__getattr__, __dir__ = lazy_names(__name__, _HOME, globals())
