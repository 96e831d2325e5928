"""The layout zoo's one data source: every plan's true records and its layout choices.

`plan_specs()` returns one dict per plan: the document's metadata, its actions (ref, action,
owners, due, RAG, dated entries, section, extras) and how make_zoo.py lays it out.
`near_miss_specs()` returns the documents that are not action plans.
Records are drawn from zoo_content.py with a seed per plan, so every run gives the same data.

RAG truth is a colour of the contract (Red, Amber, Yellow, Green, Blue): what the cell means,
whether it is written as a word, a letter, the plan's own key word or a shading.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import zlib

import zoo_content as C
from zoo_layouts import PLANS
from zoo_prose import adjust_actions

LANG_POOLS = {
    "en": (C.ACTIONS_EN, C.UPDATES_EN, C.OWNERS_EN, C.SECTIONS_EN),
    "cy": (C.ACTIONS_CY, C.UPDATES_CY, C.OWNERS_CY, C.SECTIONS_CY),
    "fr": (C.ACTIONS_FR, C.UPDATES_FR, C.OWNERS_FR, C.SECTIONS_FR),
}
SECTION_WORD = {"en": "Priority {k}: {name}", "cy": "Blaenoriaeth {k}: {name}",
                "fr": "Priorité {k} – {name}"}  # fmt: skip
ONGOING_WORD = {"en": "Ongoing", "cy": "Parhaus", "fr": "En continu"}
RAG_WEIGHTS = [("Green", 40), ("Blue", 25), ("Amber", 20), ("Red", 15)]


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: dt.date, n: int, day: int | None = None) -> dt.date:
    """Return the date n months after d (day clamped to 28 unless given)."""
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(day or d.day, 28))


def fy_start(d: dt.date) -> int:
    """Return the first calendar year of the public-sector (April) year holding d."""
    return d.year if d.month >= 4 else d.year - 1


def make_due(
    form: str, review: dt.date, rng: random.Random, lang: str
) -> tuple[str, dt.date | None]:
    """Return a due cell's text and the date it means, for one due form."""
    d = add_months(review, rng.randint(1, 9), rng.randint(1, 28))
    if form == "dmy":
        return f"{d:%d/%m/%Y}", d
    if form == "dmy2":
        return f"{d:%d/%m/%y}", d
    if form == "dots":
        return f"{d:%d.%m.%y}", d
    if form == "long":
        return f"{d.day} {d:%B %Y}", d
    if form == "mon":
        return f"{d:%b %Y}", month_end(d.year, d.month)
    if form == "month":
        return f"{d:%B %Y}", month_end(d.year, d.month)
    if form == "endof":
        return f"End of {d:%B %Y}", month_end(d.year, d.month)
    if form == "mid":
        return f"Mid-{d:%B %Y}", dt.date(d.year, d.month, 15)
    if form == "quarter":
        q = (d.month - 4) % 12 // 3 + 1
        fy = fy_start(d)
        end_month = 3 + 3 * q
        y = fy if end_month <= 12 else fy + 1
        return f"Q{q} {fy}/{(fy + 1) % 100:02d}", month_end(y, (end_month - 1) % 12 + 1)
    if form == "years":
        fy = fy_start(d)
        return f"{fy}-{fy + 1}", dt.date(fy + 1, 3, 31)
    if form == "fy":
        fy = fy_start(d)
        return f"{fy}/{(fy + 1) % 100:02d}", dt.date(fy + 1, 3, 31)
    if form == "ongoing":
        return ONGOING_WORD[lang], None
    if form == "tbc":
        return "TBC", None
    if form in ("wc", "wc_num"):
        # "w/c 4 March" has no year: the week must fall in the review's year.
        d = review + dt.timedelta(days=rng.randint(7, 40))
        if d.year != review.year:
            d = review - dt.timedelta(days=rng.randint(7, 40))
        monday = d - dt.timedelta(days=d.weekday())
        if form == "wc":
            return f"w/c {monday.day} {monday:%B}", monday
        return f"w/c {monday:%d/%m/%y}", monday
    raise ValueError(form)


def entry_dates(review: dt.date, count: int, rng: random.Random, month_only: bool) -> list[dt.date]:
    """Return `count` rising entry dates, one per month, before the review date."""
    out = []
    for j in range(count):
        d = add_months(review, j - count, 1 if month_only else rng.randint(1, 28))
        out.append(d)
    return out


def _mention(review: dt.date, rng: random.Random) -> str:
    # A date mentioned after "for"/"on"/"from" is not an entry's own date.
    return f"{review + dt.timedelta(days=rng.randint(10, 60)):%d/%m/%Y}"


def _pick_rag(rng: random.Random, colours: list[str]) -> str:
    pool = [(c, w) for c, w in RAG_WEIGHTS if c in colours] or [(colours[0], 1)]
    total = sum(w for _, w in pool)
    x = rng.uniform(0, total)
    for c, w in pool:
        x -= w
        if x <= 0:
            return c
    return pool[-1][0]


def _owners(rng: random.Random, pool: list[str], spec: dict) -> list[str]:
    k = rng.choices([1, 2, 3], weights=[45, 40, 15])[0]
    owners = rng.sample(pool, k)
    must = spec.get("owners_include")
    if must and rng.random() < 0.6 and must not in owners:
        owners[-1] = must
    return owners


def _sections(spec: dict, n: int, lang: str) -> list[tuple[int, str] | None]:
    if spec["sections"] is None:
        return [None] * n
    names = LANG_POOLS[lang][3]
    groups = spec.get("n_sections", 3 if n >= 7 else 2)
    out: list[tuple[int, str] | None] = []
    for i in range(n):
        k = i * groups // n
        out.append((k + 1, names[(k + spec["index"]) % len(names)]))
    return out


def section_text(spec: dict, sec: tuple[int, str] | None) -> str | None:
    """Return the section as the document writes it (a row, a heading or a column value)."""
    if sec is None:
        return None
    k, name = sec
    if spec["sections"] == "column":
        return name
    return SECTION_WORD[spec["lang"]].format(k=k, name=name)


def _ref(spec: dict, i: int, sec: tuple[int, str] | None, within: int) -> str | None:
    style = spec["ref_style"]
    if style == "none":
        return None
    if style == "dotted":
        return f"{sec[0] if sec else 1}.{within}"
    if style == "letter":
        return f"{'ABCDEF'[(sec[0] if sec else 1) - 1]}{within}"
    if style == "prefixed":
        return f"AP{i + 1:02d}"
    return str(i + 1)


def build_actions(spec: dict) -> list[dict]:
    """Return the true action records of one plan spec."""
    rng = random.Random(zlib.crc32(spec["name"].encode()))
    lang = spec["lang"]
    actions_pool, updates_pool, owners_pool, _ = LANG_POOLS[lang]
    if spec["form"] == "minutes":
        # Minutes name people by their initials: roles ("Head of HR") have none.
        owners_pool = [o for o in owners_pool if len(o.split()) == 2 and o.istitle()]
    review = spec["review_date"]
    n = spec["n"]
    sections = _sections(spec, n, lang)
    texts = rng.sample(actions_pool, min(n, len(actions_pool)))
    texts += rng.choices(actions_pool, k=n - len(texts))
    month_only = spec["entry"] == "month_dash"
    forms = spec["due_forms"]
    out = []
    within = 0
    for i in range(n):
        sec = sections[i]
        within = 1 if i == 0 or sec != sections[i - 1] else within + 1
        owners = _owners(rng, owners_pool, spec)
        due_text, due_date = make_due(forms[(i + spec["index"]) % len(forms)], review, rng, lang)
        rag = _pick_rag(rng, spec["rag_colours"])
        long_row = i in spec["long_rows"]
        count = rng.randint(6, 8) if long_row else rng.randint(1, 3)
        dates = entry_dates(review, count, rng, month_only)
        updates = []
        for j, d in enumerate(dates):
            if long_row and j % 2 == 0:
                text = C.LONG_UPDATES_EN[(i + j) % len(C.LONG_UPDATES_EN)]
            else:
                text = rng.choice(updates_pool)
            if j == count - 1 and rag == "Blue" and lang == "en":
                text = rng.choice(
                    ["Action complete and now part of business as usual.",
                     "Completed: final report signed off by the director."])  # fmt: skip
            text = text.replace("{mention}", _mention(review, rng))
            updates.append({"date": d.isoformat(), "text": text})
        if spec["entry_order"] == "desc":
            updates.reverse()
        extra = {h: rng.choice(C.EXTRA_VALUES[h]) for h in spec["extras"]}
        out.append(
            {
                "ref": _ref(spec, i, sec, within),
                "action": texts[i],
                "owners": owners,
                "due_text": due_text,
                "due_date": due_date.isoformat() if due_date else None,
                "rag": rag,
                "updates": updates,
                "section": section_text(spec, sec),
                "extra": extra,
            }
        )
    return out


DEFAULTS: dict = {
    "lang": "en",
    "n": 6,
    "headings": {"ref": "Ref", "action": "Action", "owner": "Lead", "due": "Due",
                 "update": "Update", "rag": "RAG", "section": "Theme"},
    "order": ["ref", "action", "owner", "due", "update", "rag"],
    "groups": [],
    "sections": None,
    "rag": {"style": "text", "words": {"Red": "Red", "Amber": "Amber", "Green": "Green",
                                        "Blue": "Complete"}, "key": None},
    "entry": "dmy_colon",
    "entry_layout": "paras",
    "entry_order": "asc",
    "owner_sep": ", ",
    "borders": "grid",
    "tables": "one",
    "repeat_header": True,
    "landscape": True,
    "due_forms": ["dmy", "month", "quarter", "ongoing"],
    "ref_style": "num",
    "extras": [],
    "long_rows": [],
    "pdf": False,
    "version": None,
    # "table", or a plan with no action table (zoo_prose.py): "minutes", "boxes", "headings".
    "form": "table",
}  # fmt: skip


def plan_specs() -> list[dict]:
    """Return every zoo plan: layout choices merged over the defaults, with its actions."""
    specs = []
    for index, layout in enumerate(PLANS):
        spec = {**DEFAULTS, **layout, "index": index}
        spec["headings"] = {**DEFAULTS["headings"], **layout.get("headings", {})}
        if "section" not in spec["order"] and spec["sections"] == "column":
            spec["order"] = ["section", *spec["order"]]
        spec["order"] = [*spec["order"], *(f"extra:{h}" for h in spec["extras"])]
        spec["order"] = layout.get("full_order", spec["order"])
        rag = spec["rag"]
        spec["rag_colours"] = list(rag.get("words") or rag.get("fills") or {})
        spec["actions"] = adjust_actions(spec, build_actions(spec))
        specs.append(spec)
    return specs


def expected_record(spec: dict) -> dict:
    """Return the true records of a plan in expected/<name>.json's shape."""
    return {
        "title": spec["title"],
        "review_date": spec["review_date"].isoformat(),
        "version": spec["version"],
        "actions": [
            {
                k: a[k]
                for k in (
                    "ref",
                    "action",
                    "owners",
                    "due_text",
                    "due_date",
                    "rag",
                    "updates",
                    "section",
                    "extra",
                )
            }
            for a in spec["actions"]
        ],
        "layout": layout_summary(spec),
    }


def heading_of(spec: dict, role: str) -> str:
    """Return a column's heading as the plan writes it (an extra column's is its name)."""
    return spec["headings"].get(role, role.split(":", 1)[-1])


def layout_summary(spec: dict) -> dict:
    """Return the layout choices of a plan, for the README table and the score's grouping."""
    prose = spec["form"] != "table"
    return {
        "lang": spec["lang"],
        "headings": [] if prose else [heading_of(spec, r) for r in spec["order"]],
        "two_row": [g[0] for g in spec["groups"]],
        "sections": spec["sections"],
        "rag": spec["rag"]["style"] + (f"+{spec['rag']['key']}" if spec["rag"].get("key") else ""),
        "entry": spec["entry"],
        "entry_layout": f"{spec['entry_layout']}/{spec['entry_order']}",
        "due_forms": spec["due_forms"],
        "owner_sep": spec["owner_sep"],
        "meta": [place for place, _ in spec["meta"]],
        "borders": spec["borders"],
        "tables": spec["tables"],
        "repeat_header": spec["repeat_header"],
        "long_rows": bool(spec["long_rows"]),
        "pdf": spec["pdf"],
        # Only a plan written without an action table says how it is written instead.
        **({"form": spec["form"]} if prose else {}),
    }
