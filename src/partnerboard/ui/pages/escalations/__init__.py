"""Escalations: the escalation log and its figures.

- `escalations_page` with `step_dialog`: the log of escalations and their steps;
- `figures_page` with `theme_action_dialog`: the figures by theme, raising actions from them.
"""
