"""The partnership: agencies, people, boards (with `membership_dialog`) and the partnership's
own details, one page each (`*_page`)."""
