"""The culture map: each core value with the standards, hiring criteria and KPIs that serve
it, the gaps (a value nothing serves), and what is linked to no value at all; per value,
what customers said of the standards that serve it (the compliments and complaints of the
last 12 months naming one of them); and the standards no one on the team has been trained
on (flagged, not counted as a gap)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cscoach.model import feedback_links, training_record
from cscoach.model.dates import add_months
from cscoach.model.workbook import Workbook

MEASURED_WITHIN_MONTHS = 12  # a KPI counts as measured with a value in the last year
FEEDBACK_WITHIN_MONTHS = feedback_links.VALUE_FEEDBACK_MONTHS  # feedback of the last year

GAP_STANDARD = "no standard"
GAP_CRITERION = "no hiring criterion"
GAP_KPI = "no measured KPI"


@dataclass(frozen=True)
class Link:
    id: int
    name: str
    measured: bool = True  # KPIs: a value within MEASURED_WITHIN_MONTHS
    category: str = ""  # standards: the name of their category (the order they come in)


@dataclass(frozen=True)
class ValueRow:
    id: int
    name: str
    meaning: str
    standards: tuple[Link, ...]
    criteria: tuple[Link, ...]
    kpis: tuple[Link, ...]
    # The compliments and complaints of the last FEEDBACK_WITHIN_MONTHS naming a standard
    # in ``standards`` (their ids; an item naming two of them counts once).
    praise: tuple[int, ...] = ()
    complaints: tuple[int, ...] = ()
    # Of ``standards``, those no one on the team has been trained on (their ids): flagged,
    # not a gap (training_record.untrained_standards).
    untrained: tuple[int, ...] = ()

    @property
    def gaps(self) -> tuple[str, ...]:
        gaps = []
        if not self.standards:
            gaps.append(GAP_STANDARD)
        if not self.criteria:
            gaps.append(GAP_CRITERION)
        if not any(k.measured for k in self.kpis):
            gaps.append(GAP_KPI)
        return tuple(gaps)


@dataclass(frozen=True)
class CultureMap:
    values: tuple[ValueRow, ...]
    unanchored_standards: tuple[Link, ...]  # active standards serving no value
    unanchored_criteria: tuple[Link, ...]  # active criteria serving no value
    untrained_standards: tuple[Link, ...] = ()  # active standards no one on the team trained on

    @property
    def gap_count(self) -> int:
        return sum(len(v.gaps) for v in self.values)


def culture_map(wb: Workbook, today: dt.date | None = None) -> CultureMap:
    """Every value with what serves it, through the links standards, criteria and KPIs carry
    (a standard's KPI also shows the values that standard serves). Only active standards,
    criteria and KPIs count."""
    today = today or dt.date.today()
    since = add_months(today.replace(day=1), -MEASURED_WITHIN_MONTHS).strftime("%Y-%m")
    values = wb.query("SELECT id, name, meaning FROM core_values ORDER BY position")
    standards = wb.query(
        """SELECT sv.value_id, s.id, s.title AS name, c.name AS category
           FROM standard_values sv
           JOIN standards s ON s.id = sv.standard_id AND s.active = 1
           JOIN standard_categories c ON c.id = s.category_id
           ORDER BY c.position, s.position"""
    )
    criteria = wb.query(
        """SELECT cv.value_id, c.id, c.quality AS name FROM criterion_values cv
           JOIN hiring_criteria c ON c.id = cv.criterion_id AND c.active = 1
           ORDER BY c.position"""
    )
    # A KPI serves a value directly, or through a standard that serves the value and names
    # the KPI that shows whether it is met.
    kpis = wb.query(
        """SELECT l.value_id, k.id, k.name,
                  EXISTS (SELECT 1 FROM kpi_entries e WHERE e.kpi_id = k.id AND e.month >= ?)
                      AS measured
           FROM (SELECT value_id, kpi_id FROM kpi_values
                 UNION
                 SELECT sv.value_id, s.kpi_id FROM standard_values sv
                 JOIN standards s ON s.id = sv.standard_id AND s.active = 1
                 WHERE s.kpi_id IS NOT NULL) l
           JOIN kpis k ON k.id = l.kpi_id AND k.active = 1
           ORDER BY k.position""",
        (since,),
    )

    def links(rows: list[dict[str, Any]], value_id: int) -> tuple[Link, ...]:
        return tuple(
            Link(r["id"], r["name"], bool(r.get("measured", True)), r.get("category") or "")
            for r in rows
            if r["value_id"] == value_id
        )

    said = feedback_links.feedback_by_value(wb, today=today) if values else {}
    nothing = feedback_links.ValueFeedback()
    untrained = training_record.untrained_standards(wb, today=today)
    untrained_ids = {u.id for u in untrained}
    rows = tuple(
        ValueRow(
            v["id"],
            v["name"],
            v["meaning"],
            links(standards, v["id"]),
            links(criteria, v["id"]),
            links(kpis, v["id"]),
            said.get(v["id"], nothing).praise,
            said.get(v["id"], nothing).complaints,
            tuple(
                r["id"] for r in standards if r["value_id"] == v["id"] and r["id"] in untrained_ids
            ),
        )
        for v in values
    )
    loose_standards = wb.query(
        """SELECT s.id, s.title AS name, c.name AS category FROM standards s
           JOIN standard_categories c ON c.id = s.category_id
           WHERE s.active = 1 AND NOT EXISTS
               (SELECT 1 FROM standard_values sv WHERE sv.standard_id = s.id)
           ORDER BY c.position, s.position"""
    )
    loose_criteria = wb.query(
        """SELECT c.id, c.quality AS name FROM hiring_criteria c
           WHERE c.active = 1 AND NOT EXISTS
               (SELECT 1 FROM criterion_values cv WHERE cv.criterion_id = c.id)
           ORDER BY c.position"""
    )
    return CultureMap(
        rows,
        tuple(Link(r["id"], r["name"], category=r["category"]) for r in loose_standards),
        tuple(Link(r["id"], r["name"]) for r in loose_criteria),
        tuple(Link(u.id, u.title) for u in untrained),
    )
