"""Near-misses: documents with tables that are not action plans, which a reader must refuse.

Each spec is a list of blocks that make_zoo.py writes in order: ("big", text), ("line", text),
("table", rows) with the first row as a bold header, ("grid", rows) with no header row.
"""

from __future__ import annotations

RISK_ROWS = [
    ["Risk ID", "Risk", "Likelihood", "Impact", "Score", "Mitigation", "Owner"],
    ["R1", "Loss of experienced staff leads to delays in assessments", "4", "4", "16",
     "Retention payments; succession planning", "Head of HR"],
    ["R2", "Failure of the case management system during the upgrade", "2", "5", "10",
     "Tested rollback plan; supplier support on site", "ICT Manager"],
    ["R3", "Budget pressure from rising placement costs", "5", "4", "20",
     "Monthly monitoring; sufficiency strategy", "Finance Business Partner"],
    ["R4", "Data breach through misdirected email", "3", "3", "9",
     "Training; email address checks; DLP tools", "Information Governance Lead"],
    ["R5", "Inspection finds practice inadequate", "2", "5", "10",
     "Quality assurance framework; audits", "Director of Children's Services"],
]  # fmt: skip

CONTACT_ROWS = [
    ["Name", "Role", "Organisation", "Email", "Telephone"],
    ["Jane Hoey", "Head of Service", "County Council", "jane.hoey@example.gov.uk", "01234 567890"],
    ["Cath Thomas", "Service Manager", "County Council", "cath.thomas@example.gov.uk",
     "01234 567891"],
    ["Amir Khan", "Detective Inspector", "Police", "amir.khan@example.police.uk", "01234 567892"],
    ["Bethan Jones", "Designated Nurse", "Health Board", "bethan.jones@example.nhs.uk",
     "01234 567893"],
    ["Paul Harris", "Performance Manager", "County Council", "paul.harris@example.gov.uk",
     "01234 567894"],
]  # fmt: skip

BUDGET_ROWS = [
    ["Cost centre", "Budget 2019/20", "Spend to date", "Forecast outturn", "Variance"],
    ["Fieldwork teams", "£4,250,000", "£2,980,112", "£4,310,000", "£60,000"],
    ["Placements", "£9,800,000", "£7,455,900", "£10,240,000", "£440,000"],
    ["Training", "£180,000", "£95,400", "£160,000", "-£20,000"],
    ["Agency staff", "£650,000", "£712,300", "£940,000", "£290,000"],
    ["Total", "£14,880,000", "£11,243,712", "£15,650,000", "£770,000"],
]  # fmt: skip

ATTENDANCE_ROWS = [
    ["Name", "Role", "Present"],
    ["Jane Hoey", "Chair", "Yes"],
    ["Cath Thomas", "Service Manager", "Yes"],
    ["Paul Harris", "Performance Manager", "Apologies"],
    ["Sue Rogers", "MASH Manager", "Yes"],
]  # fmt: skip

MINUTES_LINES = [
    "1. Welcome and apologies. The chair welcomed members. Apologies were received from Paul "
    "Harris.",
    "2. Minutes of the last meeting were agreed as a true record.",
    "3. Performance report. Members noted the fall in the number of children subject to a plan "
    "from 215 to 188 since March, and discussed the reasons for the recent increase.",
    "4. Workforce. The service manager reported that two social workers had started in May and "
    "that the agency spend had fallen for the second month running.",
    "5. Any other business. None. The next meeting will be held on 12/07/2018.",
]

FORM_ROWS = [
    ["Name of applicant:", "Rachel Okafor"],
    ["Date of request:", "14/03/2019"],
    ["Service requested:", "Home adaptations grant"],
    ["Reason for request:", "Level access shower needed following hospital discharge"],
    ["Assessed by:", "Occupational Therapist"],
    ["Decision:", "Approved"],
    ["Signed:", ""],
]  # fmt: skip

TIMETABLE_ROWS = [
    ["Time", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    ["09:00", "Team meeting", "Duty", "Supervision", "Duty", "Case audit"],
    ["11:00", "Home visits", "Training", "Home visits", "Panel", "Home visits"],
    ["13:00", "Lunch", "Lunch", "Lunch", "Lunch", "Lunch"],
    ["14:00", "Case recording", "Home visits", "Strategy meetings", "Home visits",
     "Reflective session"],
    ["16:00", "Duty handover", "Duty handover", "Duty handover", "Duty handover", "Week review"],
]  # fmt: skip

COUNT_ROWS = [["Completed", "On track", "At risk", "Off track"], ["8", "12", "3", "1"]]

SCORECARD_ROWS = [
    ["Indicator", "Target", "Actual", "RAG", "Trend"],
    ["Assessments completed within 45 days", "85%", "78%", "Amber", "Improving"],
    ["Re-referrals within 12 months", "22%", "19%", "Green", "Stable"],
    ["Children seen within 5 days", "95%", "81%", "Red", "Worsening"],
    ["Staff supervision on time", "90%", "92%", "Green", "Improving"],
]  # fmt: skip

AGENDA_ROWS = [
    ["Item", "Subject", "Presenter", "Time"],
    ["1", "Welcome and apologies", "Chair", "10:00"],
    ["2", "Minutes and matters arising", "Chair", "10:05"],
    ["3", "Quarterly performance report", "Performance Manager", "10:15"],
    ["4", "Workforce update", "Head of HR", "10:45"],
    ["5", "Any other business", "All", "11:15"],
]  # fmt: skip

NEAR_MISSES: list[dict] = [
    {"name": "nearmiss-01-risk-register", "kind": "risk register", "pdf": True,
     "reason": "a risk register (likelihood, impact, score, mitigation): no update or status",
     "blocks": [("big", "Children's Services Risk Register"), ("line", "As at 30/06/2019"),
                ("table", RISK_ROWS)]},
    {"name": "nearmiss-02-contact-list", "kind": "contact list", "pdf": True,
     "reason": "names, roles, emails and phone numbers: no action, due, update or status",
     "blocks": [("big", "Safeguarding Partnership Contacts"), ("table", CONTACT_ROWS)]},
    {"name": "nearmiss-03-budget", "kind": "budget table", "pdf": False,
     "reason": "money columns only: no action, owner, update or status",
     "blocks": [("big", "Budget Monitoring Report – Period 8"), ("table", BUDGET_ROWS)]},
    {"name": "nearmiss-04-minutes", "kind": "meeting minutes", "pdf": True,
     "reason": "paragraphs of minutes and an attendance table: no actions",
     "blocks": [("big", "Minutes of the CP Reduction Board"),
                ("line", "Date of meeting: 14/06/2018"), ("table", ATTENDANCE_ROWS),
                *(("line", t) for t in MINUTES_LINES)]},
    {"name": "nearmiss-05-form", "kind": "form", "pdf": False,
     "reason": "label: value rows of one record: no table of actions",
     "blocks": [("big", "Request for Home Adaptations"), ("grid", FORM_ROWS)]},
    {"name": "nearmiss-06-timetable", "kind": "timetable", "pdf": False,
     "reason": "times against weekdays: no action, owner, due or status",
     "blocks": [("big", "East Team Weekly Timetable"), ("table", TIMETABLE_ROWS)]},
    {"name": "nearmiss-07-count-table", "kind": "summary count table", "pdf": True,
     "reason": "four counts under status headings: a summary, not actions",
     "blocks": [("big", "Action Plan Summary"), ("line", "Review date: 12/06/2019"),
                ("table", COUNT_ROWS)]},
    {"name": "nearmiss-08-scorecard", "kind": "performance scorecard", "pdf": False,
     "reason": "indicators with targets and actuals: no action, owner or update",
     "blocks": [("big", "Quarterly Performance Scorecard"), ("line", "Quarter 2 2019/20"),
                ("table", SCORECARD_ROWS)]},
    {"name": "nearmiss-09-agenda", "kind": "agenda", "pdf": False,
     "reason": "agenda items with presenters and times: no due, update or status",
     "blocks": [("big", "Improvement Board Agenda"), ("line", "Date of meeting: 04/02/2020"),
                ("table", AGENDA_ROWS)]},
]  # fmt: skip


def expected_refusal(spec: dict) -> dict:
    """Return expected/<name>.json for a near-miss: it must be refused."""
    return {"refuse": True, "kind": spec["kind"], "reason": spec["reason"]}
