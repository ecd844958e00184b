//! Underpaid lines: lines paid below the payer's contracted allowed amount.

use super::*;

pub(super) fn run(store: &Store, asked: &Asked) -> StoreResult<Report> {
    Ok(Report::Underpaid(store.report_underpaid(&asked.range)?))
}

pub(super) fn document(r: &UnderpaidReport) -> Parts {
    (
        "Underpaid lines".to_string(),
        range_words(&r.range),
        vec![
            Section {
                heading: "By payer".into(),
                columns: vec![
                    Column::text("Payer", 3.0),
                    Column::number("Lines", 1.0),
                    Column::number("Underpaid", 1.0),
                ],
                rows: r
                    .by_payer
                    .iter()
                    .map(|p| vec![Cell::text(&p.payer), Cell::Count(p.lines), money(p.underpaid)])
                    .collect(),
                totals: Some(vec![Cell::text("Total"), Cell::Count(r.lines.len() as i64), money(r.total)]),
            },
            Section {
                heading: "Lines".into(),
                columns: vec![
                    Column::text("Payer", 1.6),
                    Column::text("Paid on", 1.0),
                    Column::text("Claim", 1.0),
                    Column::text("Patient", 1.6),
                    Column::text("Service", 1.0),
                    Column::text("Code", 0.7),
                    Column::number("Paid", 0.9),
                    Column::number("Patient resp.", 0.9),
                    Column::number("Expected", 0.9),
                    Column::number("Underpaid", 0.9),
                ],
                rows: r
                    .lines
                    .iter()
                    .map(|l| {
                        vec![
                            Cell::text(&l.payer),
                            Cell::Date(l.paid_date),
                            Cell::text(&l.control_number),
                            Cell::text(format!("{} {}", l.account_number, l.patient)),
                            Cell::Date(l.service_date),
                            Cell::text(&l.code),
                            money(l.paid),
                            money(l.patient_responsibility),
                            money(l.expected),
                            money(l.underpaid),
                        ]
                    })
                    .collect(),
                totals: None,
            },
        ],
    )
}
