"""Board meetings: meetings and their schedule, agenda, attendance and quorum, minutes, outputs.

- `meetings`: create (singly or from the board's schedule), change, status, "latest";
- `agenda`: items in order, moving them, carrying forward items not reached;
- `attendance`: the register prefilled with the board's members, guests, quorum;
- `minutes`: discussion and decisions, actions arising (action-log actions), approval,
  corrections of approved minutes;
- `matters`: matters arising, read from the action log as it stood on the day;
- `documents`: what the minutes and agenda print, restricted items filtered once for all formats;
- `figures`: attendance per member and per agency over a period.
"""
