"""Published documents: what the partnership puts on its website, readable by everyone.

Every document here comes out twice with the same content: an accessible HTML page and a
tagged PDF (PDF/UA-1). Board papers for the board itself stay in `reports/` (reportlab).

| document                          | module              | made from                                     |
|-----------------------------------|---------------------|-----------------------------------------------|
| public agenda of a meeting        | `agenda`            | `services.meetings.documents.agenda_document` |
| public minutes of a meeting       | `minutes`           | `services.meetings.documents.minutes_document`|
| 7-minute briefing on a review     | `briefing`          | `services.review_briefing.briefing_content`   |
| threshold document (levels)       | `threshold_document`| `services.thresholds`, `threshold_levels`     |
| threshold sign-up summary         | `signup_summary`    | `services.threshold_signups`                  |
| yearly report (once the year ends)| `yearly`            | `services.yearly_report.build_report(public)` |

How: each document module builds a `model.PublishedDocument` (headings, paragraphs, lists,
tables, facts, charts, contents) from its service's content (a public version: what every
version of an agenda or minutes withholds is one rule, `services.meetings.agenda.visible_items`;
the marking is the one classification step's, `domain.marking`) and from
`services.publication`, which says that it is the public version and what was left out.
`html_writer` renders it as HTML, `pdf_writer` as PDF through Typst and
`resources/published/document.typ` (`pdf_tags` mends one known flaw in Typst's tags); `files`
writes both, `publish` gathers what a meeting, a review, the threshold agreement or a year
publishes, and `check` verifies that a PDF is tagged. Command line: `partnerboard publish` and
`partnerboard check-pdf`; in the app: Print and export → Publish on the meeting page, and
Publish on the yearly report page.

Heavy libraries (typst, pikepdf, pdfua) are imported inside the functions that need them.
"""
