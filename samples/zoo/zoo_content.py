"""Word pools for the layout zoo: action texts, owners, update sentences, sections.

Plain data only; zoo_data.py draws each plan's records from these pools with a fixed seed.
"""

from __future__ import annotations

ACTIONS_EN = [
    "Review the recruitment pathway for newly qualified social workers and remove delays",
    "Launch a staff wellbeing survey and publish the results to all teams",
    "Introduce a single referral form for early help services across the county",
    "Agree a protocol with the police for joint strategy discussions out of hours",
    "Audit twenty case files each quarter against the practice standards",
    "Train all team managers in supervision using the reflective model",
    "Publish the carers' strategy in plain language and easy read formats",
    "Reduce agency staff spend by recruiting to permanent posts in the east team",
    "Develop a dashboard of waiting times for occupational therapy assessments",
    "Hold quarterly engagement events with tenants in each housing district",
    "Set up a falls prevention clinic in partnership with the community hospital",
    "Refresh the medicines management policy and circulate it to care homes",
    "Commission an independent review of the complaints process",
    "Roll out mobile working devices to the domiciliary care workforce",
    "Establish a young people's advisory panel to shape service design",
    "Map the discharge pathway from the acute wards and agree improvements",
    "Complete the data protection impact assessment for the new case system",
    "Increase the uptake of flu vaccination among frontline staff to 75%",
    "Agree a joint commissioning plan for learning disability services",
    "Deliver domestic abuse awareness sessions for all front door staff",
    "Implement the new rota system in the emergency department",
    "Review the eligibility criteria for the home adaptations grant",
    "Produce a communications plan for the library service changes",
    "Introduce exit interviews for all leavers and report themes to the board",
    "Extend the hospital volunteer scheme to weekends",
    "Carry out a skills audit of the finance team and agree a training plan",
    "Reduce the backlog of planning applications to fewer than 100",
    "Create a register of unpaid carers known to the GP practices",
    "Pilot a duty advice line for schools on safeguarding concerns",
    "Agree service level agreements with the three leisure trusts",
    "Replace the paper-based timesheets with an electronic system",
    "Embed the trauma-informed practice framework in children's homes",
    "Prepare the service for the regulator's focused inspection",
    "Undertake an equality impact assessment of the budget proposals",
    "Review the out of hours emergency duty team staffing model",
    "Introduce a quality assurance panel for transition plans at 16+",
    "Publish monthly performance reports on the intranet",
    "Consolidate the three contact centres into one customer hub",
    "Set targets for reducing sickness absence in each directorate",
    "Test the business continuity plan with a desktop exercise",
    "Agree the waste collection route changes with the depot staff",
    "Launch the apprenticeship scheme for care and support workers",
    "Review the use of bed and breakfast accommodation for families",
    "Introduce peer review of child protection conference minutes",
    "Develop a workforce plan for the mental health crisis team",
    "Streamline the blue badge application process online",
    "Evaluate the social prescribing pilot and report to the partnership",
    "Agree a schedule of health and safety inspections for all depots",
]

ACTIONS_CY = [
    "Adolygu'r polisi recriwtio i sicrhau bod swyddi'n cael eu hysbysebu'n ddwyieithog",
    "Hyfforddi rheolwyr tîm ar oruchwylio myfyriol",
    "Cyhoeddi'r strategaeth ofalwyr mewn iaith glir",
    "Sefydlu panel ymgynghorol pobl ifanc i lunio gwasanaethau",
    "Cynnal archwiliad o ffeiliau achos bob chwarter",
    "Cyflwyno ffurflen atgyfeirio sengl ar gyfer gwasanaethau cymorth cynnar",
    "Lleihau gwariant ar staff asiantaeth drwy recriwtio i swyddi parhaol",
    "Datblygu dangosfwrdd o amseroedd aros ar gyfer asesiadau",
]

UPDATES_CY = [
    "Mae'r gwaith wedi dechrau a chynhaliwyd y cyfarfod cyntaf.",
    "Drafft wedi'i rannu gyda'r tîm rheoli i gael sylwadau.",
    "Cwblhawyd yr hyfforddiant ar gyfer pob rheolwr.",
    "Oedi oherwydd prinder staff yn y tîm perfformiad.",
    "Cytunwyd ar y cynllun gan y bwrdd.",
    "Adroddiad cynnydd wedi'i gyflwyno i'r pwyllgor craffu.",
]

ACTIONS_FR = [
    "Réviser le parcours de recrutement des travailleurs sociaux",
    "Lancer une enquête sur le bien-être du personnel",
    "Mettre en place un formulaire unique de signalement",
    "Former tous les responsables d'équipe à la supervision",
    "Publier la stratégie en faveur des aidants",
    "Réduire le recours au personnel intérimaire",
    "Créer un tableau de bord des délais d'attente",
    "Organiser des réunions trimestrielles avec les locataires",
]

UPDATES_FR = [
    "Le groupe de travail s'est réuni et un calendrier a été validé.",
    "Projet de document transmis à la direction pour avis.",
    "Formation terminée pour l'ensemble des responsables.",
    "Retard dû à l'absence de plusieurs agents.",
    "Plan adopté par le comité de pilotage.",
    "Point d'étape présenté au conseil d'administration.",
]

UPDATES_EN = [
    "Working group met and agreed the terms of reference.",
    "Draft shared with the management team for comment.",
    "Training delivered to 14 of the 18 managers; remaining sessions planned.",
    "Delayed because of vacancies in the performance team.",
    "Plan agreed at the partnership board.",
    "Progress report presented to scrutiny committee, which asked for a further update.",
    "Consultation closed with 212 responses; analysis under way.",
    "Funding confirmed for twelve months from the transformation budget.",
    "First cohort of six apprentices started in the east team.",
    "Data cleansing of the records is 60% complete.",
    "Meeting with the police lead arranged; protocol being redrafted.",
    "Pilot running in two localities, early feedback positive.",
    "Audit found 17 of 20 files met the standard; learning shared at practice forum.",
    "Specification out to tender, closing date for bids agreed.",
    "Independent reviewer appointed and terms agreed with the chief executive.",
    "Devices issued to 80 staff; the remainder await network changes.",
    "Young people helped to interview candidates for the new post.",
    "Backlog reduced from 240 to 151 since the last review.",
    "Policy approved and circulated to all providers with a briefing note.",
    "Uptake currently 68% against the target, peer vaccinators in place.",
    "Rota agreed with staff side, go-live moved to next month.",
    "Sessions booked for {mention} with places for 40 staff.",
    "Report due at the board on {mention}; draft circulated.",
    "Workshop held and themes identified; follow up planned for {mention}.",
    "Contractor on site from {mention} to complete the works.",
    "No further progress this period owing to the election period.",
    "Action complete and now part of business as usual.",
    "Completed: final report signed off by the director.",
    "Evaluation framework agreed with the university partner.",
    "Job descriptions rewritten and graded; adverts go live shortly.",
]

# Long entries make rows taller than a page, so that a PDF splits them.
LONG_UPDATES_EN = [
    "The task and finish group met again and reviewed each of the recommendations from the "
    "external report in turn. Several require investment that has not yet been identified, "
    "and a paper setting out the options will go to the leadership team. In the meantime the "
    "service has begun the quick wins: the referral form has been simplified, duplicate data "
    "entry has been removed from the front door, and managers now review waiting lists weekly.",
    "Staff briefings took place in all four localities, attended by just over 300 people. "
    "Feedback was mostly positive, although staff in the rural teams raised concerns about "
    "travel time and the availability of pool cars. These have been logged and passed to the "
    "fleet manager, and a response will be reported at the next meeting of the group.",
    "Recruitment remains the main risk to delivery. Two of the three posts advertised attracted "
    "no suitable candidates and are being re-advertised with a market supplement. An agency "
    "worker is covering one of the vacancies until the end of the quarter, funded from the "
    "underspend on the training budget, with the agreement of the finance business partner.",
    "The new system went live as planned and the first month of data has been checked against "
    "the old reports. Most figures agree; where they do not, the differences come from cases "
    "recorded late in the old system. A reconciliation note has been prepared for the board, "
    "and the team will run both reports side by side for one more month before switching over.",
]

OWNERS_EN = [
    "Jane Hoey", "Cath Thomas", "Paul Harris", "Sue Rogers", "Amir Khan", "Bethan Jones",
    "Head of HR", "Service Manager", "Principal Social Worker", "Performance Team",
    "L&D Manager", "H&S Adviser", "A&E Matron", "Director of Nursing", "Gareth Price",
    "Housing Options Manager", "Chief Pharmacist", "Rachel Okafor", "Team Manager North",
    "Workforce Development Lead", "Head of L&D", "Sian Evans", "Mark Doyle", "Comms Team",
]  # fmt: skip

OWNERS_CY = ["Rheolwr Gwasanaeth", "Pennaeth AD", "Bethan Jones", "Sian Evans", "Tîm Perfformiad"]
OWNERS_FR = ["Directrice RH", "Chef de service", "Marie Dubois", "Jean Martin", "Équipe qualité"]

SECTIONS_EN = [
    "Workforce", "Quality and Practice", "Partnership Working", "Performance and Data",
    "Engagement", "Finance and Resources",
]  # fmt: skip
SECTIONS_CY = ["Gweithlu", "Ansawdd ac Ymarfer", "Partneriaeth"]
SECTIONS_FR = ["Ressources humaines", "Qualité", "Partenariats"]

EXTRA_VALUES = {
    "Measure of success": [
        "Vacancy rate below 10%", "90% of staff aware", "All files audited",
        "Waiting time < 4 weeks", "Positive feedback from users", "Target met for two quarters",
    ],
    "Resources": ["Existing budget", "£12,000 grant", "Officer time", "Agency cover", "None"],
    "Link to priority": ["Priority 1", "Priority 2", "Priority 3", "Corporate plan 2.4"],
    "Comments": ["", "See board paper", "Linked to audit", "Carried forward from 2018/19"],
    "Outcome": ["Safer services", "Stable workforce", "Better experience", "Value for money"],
    "Evidence": ["Audit report", "Survey results", "Board minutes", "Dashboard"],
}  # fmt: skip
