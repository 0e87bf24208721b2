"""Thresholds: the threshold documents and the partners' sign-up to them.

- `documents_page` with `levels`, `dialogs`: documents, versions and their levels of need;
- `signup_page` with `signup_matrix`: which agency has signed up to which version;
- `outputs`: the buttons that write the threshold and escalation papers.
"""
