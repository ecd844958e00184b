//! Denials: denied claims and lines by reason code (CARC) and by payer.

use super::*;

pub(super) fn run(store: &Store, asked: &Asked) -> StoreResult<Report> {
    Ok(Report::Denials(store.report_denials(&asked.range)?))
}

pub(super) fn document(r: &DenialReport) -> Parts {
    (
        "Denials".to_string(),
        range_words(&r.range),
        vec![
            Section {
                heading: "By reason".into(),
                columns: vec![
                    Column::text("Group", 0.6),
                    Column::text("Reason", 0.7),
                    Column::text("Description", 4.0),
                    Column::number("Count", 0.8),
                    Column::number("Amount", 1.1),
                ],
                rows: r
                    .by_reason
                    .iter()
                    .map(|d| {
                        vec![
                            Cell::text(&d.group_code),
                            Cell::text(&d.reason_code),
                            Cell::text(&d.description),
                            Cell::Count(d.count),
                            money(d.amount),
                        ]
                    })
                    .collect(),
                totals: None,
            },
            Section {
                heading: "By payer".into(),
                columns: vec![
                    Column::text("Payer", 3.0),
                    Column::number("Claims", 0.8),
                    Column::number("Lines", 0.8),
                    Column::number("Denied charges", 1.2),
                ],
                rows: r
                    .by_payer
                    .iter()
                    .map(|p| vec![Cell::text(&p.payer), Cell::Count(p.claims), Cell::Count(p.lines), money(p.amount)])
                    .collect(),
                totals: Some(vec![Cell::text("Total"), Cell::Count(r.claims), Cell::Count(r.lines), money(r.amount)]),
            },
        ],
    )
}

pub(super) fn chart(r: &DenialReport) -> Option<ReportChart> {
    Some(ReportChart {
        title: "Denials by reason (count)".into(),
        bars: r
            .by_reason
            .iter()
            .take(10)
            .map(|d| ChartBar {
                label: format!("{}-{}", d.group_code, d.reason_code),
                value: ReportCell::Count(d.count),
            })
            .collect(),
    })
}
