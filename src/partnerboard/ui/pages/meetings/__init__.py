"""Meetings: three pages in the navigation's Meetings group.

- `meetings_page` with `schedule_dialog`: the meetings register and the year's schedule;
- `meeting_page`: one meeting's agenda, attendance and minutes, one tab each
  (`agenda_tab`, `attendance_tab`, `minutes_tab`, on `tab.MeetingTab`), with its papers
  written by `outputs`;
- `figures_page`: attendance figures.

`dialogs` holds the questions the pages share (approval, correction reason, where to save).
"""
