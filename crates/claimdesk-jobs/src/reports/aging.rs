//! AR aging: the open balance of every service line by age (from the date of service), by
//! payer (what insurance owes) or by guarantor (what patients owe).

use super::*;

pub(super) fn run(store: &Store, asked: &Asked) -> StoreResult<Report> {
    Ok(Report::Aging(store.report_aging(&AgingFilter { as_of: asked.as_of, by: asked.by })?))
}

pub(super) fn document(r: &AgingReport) -> Parts {
    let (by, who) = match r.by {
        AgingBy::Payer => ("by payer", "Payer"),
        AgingBy::Guarantor => ("by guarantor", "Guarantor"),
    };
    let rows = r
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![Cell::text(&row.name), Cell::text(&row.account_number)];
            cells.extend(aging_cells(&row.aging));
            cells
        })
        .collect();
    let mut totals = vec![Cell::text("Total"), Cell::Empty];
    totals.extend(aging_cells(&r.totals));
    (
        format!("AR aging {by}"),
        format!("As of {} (age from the date of service)", mdy(r.as_of)),
        vec![Section {
            heading: String::new(),
            columns: aging_columns(vec![Column::text(who, 3.0), Column::text("Account", 1.2)]),
            rows,
            totals: Some(totals),
        }],
    )
}

pub(super) fn chart(r: &AgingReport) -> Option<ReportChart> {
    let t = &r.totals;
    Some(ReportChart {
        title: format!("Balance by age as of {}", mdy(r.as_of)),
        bars: AgeBucket::ALL
            .iter()
            .map(|b| ChartBar {
                label: match b {
                    AgeBucket::Current => "Current".to_string(),
                    _ => format!("{} days", b.label()),
                },
                value: ReportCell::Money(t.get(*b)),
            })
            .collect(),
    })
}
