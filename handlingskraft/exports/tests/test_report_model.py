"""The report model of Botkyrka's completed demo round: what every renderer
reads, checked once here."""

from __future__ import annotations

from handlingskraft.exports.report.build import build_followup_report
from handlingskraft.followup.services import round_reopen

from .conftest import Botkyrka

# STATUS_CYCLE over Botkyrka's 18 activities (exports/demo.py).
EXPECTED_COUNTS = {
    "Genomförd": 6,
    "Pågår": 6,
    "Ej påbörjad": 2,
    "Försenad": 2,
    "Avbruten": 2,
    "Ingen status angiven": 0,
}


def test_the_summary_counts_activities_per_status(botkyrka: Botkyrka) -> None:
    report = build_followup_report(botkyrka.round)
    table = report.summary.status_table
    assert {row[0]: int(row[1]) for row in table.rows} == EXPECTED_COUNTS
    assert table.footer == [["Totalt", "18"]]
    assert report.summary.figure.alt.startswith("Stapeldiagram. Genomförd: 6; Pågår: 6;")


def test_each_goal_has_its_assessment_measures_and_activities_grouped_by_status(
    botkyrka: Botkyrka,
) -> None:
    report = build_followup_report(botkyrka.round)
    assert [goal.heading.split(":")[0] for goal in report.goals] == [
        "Målbild 1",
        "Målbild 2",
        "Målbild 3",
        "Målbild 4",
    ]
    first = report.goals[0]
    assert first.assessment == "Uppfyllt"
    assert first.analysis.startswith("Arbetet går framåt")
    assert [group.heading for group in first.groups] == ["Genomförda", "Pågående", "Ej påbörjade"]
    measure = first.measures[0]
    assert measure.figure is not None and measure.figure.table.header == ["Period", "Totalt"]
    assert ("Senaste värde", "", "42 (2025)") in measure.verdicts or measure.verdicts
    assert sum(len(g.activities) for goal in report.goals for g in goal.groups) == 18


def test_an_activity_several_actors_report_on_shows_the_consolidated_text(
    botkyrka: Botkyrka,
) -> None:
    report = build_followup_report(botkyrka.round)
    shared = [entry for entry in report.activities if len(entry.actors) > 1]
    assert shared and all(entry.text.startswith("Samlad bild") for entry in shared)


def test_the_missing_report_is_listed_and_the_approved_round_is_not_preliminary(
    botkyrka: Botkyrka,
) -> None:
    report = build_followup_report(botkyrka.round)
    assert not report.preliminary
    assert report.missing is not None and len(report.missing.rows) == 1
    assert report.missing_note.startswith("Omgången godkändes med rapporter som saknas")


def test_statistics_are_shown_after_disclosure_control(botkyrka: Botkyrka) -> None:
    report = build_followup_report(botkyrka.round)
    cells = [
        cell
        for section in report.statistics
        for table in section.tables
        for row in table.rows + table.footer
        for cell in row[1:]
    ]
    assert "<5" in cells
    assert "3" not in cells  # the 3s the demo reports never show as such


def test_an_open_round_gives_a_preliminary_report(botkyrka: Botkyrka) -> None:
    round = round_reopen(round=botkyrka.round, user=botkyrka.coordinator, reason="Rättelse")
    report = build_followup_report(round)
    assert report.preliminary
    assert ("Läge", report.facts[-1][1]) == report.facts[-1]
