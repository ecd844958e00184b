//! Provider productivity: charges, payments and adjustments by rendering provider and
//! procedure code.

use super::*;

pub(super) fn run(store: &Store, asked: &Asked) -> StoreResult<Report> {
    Ok(Report::Productivity(store.report_productivity(&asked.range)?))
}

pub(super) fn document(r: &ProductivityReport) -> Parts {
    let columns = |first: &str| {
        vec![
            Column::text(first, 2.4),
            Column::text("Code", 0.8),
            Column::number("Services", 0.8),
            Column::number("Units", 0.7),
            Column::number("Charges", 1.1),
            Column::number("Insurance paid", 1.1),
            Column::number("Patient paid", 1.1),
            Column::number("Adjustments", 1.1),
        ]
    };
    let row = |p: &claimdesk_store::ProductivityRow| {
        let mut cells = vec![Cell::text(&p.provider), Cell::text(&p.code)];
        cells.extend(productivity_cells(&p.amounts));
        cells
    };
    let mut totals = vec![Cell::text("Total"), Cell::Empty];
    totals.extend(productivity_cells(&r.totals));
    (
        "Provider productivity".to_string(),
        format!(
            "{} (posted in the range; patient payments not applied to a service: {})",
            range_words(&r.range),
            claimdesk_forms::Cell::Money(r.unapplied_payments).printed()
        ),
        vec![
            Section {
                heading: "By provider".into(),
                columns: columns("Provider"),
                rows: r.providers.iter().map(row).collect(),
                totals: Some(totals.clone()),
            },
            Section {
                heading: "By provider and code".into(),
                columns: columns("Provider"),
                rows: r.rows.iter().map(row).collect(),
                totals: Some(totals),
            },
        ],
    )
}

pub(super) fn chart(r: &ProductivityReport) -> Option<ReportChart> {
    Some(ReportChart {
        title: "Charges by provider".into(),
        bars: r
            .providers
            .iter()
            .map(|p| ChartBar { label: p.provider.clone(), value: ReportCell::Money(p.amounts.charges) })
            .collect(),
    })
}
