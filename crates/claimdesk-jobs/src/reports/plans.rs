//! Payment plans: counts and balances by status, the delinquent and the running plans.

use super::*;

pub(super) fn run(store: &Store, _asked: &Asked) -> StoreResult<Report> {
    Ok(Report::Plans(store.report_plans()?))
}

pub(super) fn document(r: &PlansReport) -> Parts {
    let plan_rows = |list: &[claimdesk_store::PlanLine]| -> Vec<Vec<Cell>> {
        list.iter()
            .map(|p| {
                vec![
                    Cell::text(&p.plan_number),
                    Cell::text(&p.account_number),
                    Cell::text(&p.name),
                    money(p.remaining),
                    money(p.due_now),
                    p.next_due.map(Cell::Date).unwrap_or(Cell::Empty),
                    p.next_amount.map(Cell::Money).unwrap_or(Cell::Empty),
                    Cell::Count(p.days_late),
                ]
            })
            .collect()
    };
    let plan_columns = || {
        vec![
            Column::text("Plan", 0.9),
            Column::text("Account", 0.9),
            Column::text("Guarantor", 2.0),
            Column::number("Remaining", 1.0),
            Column::number("Due now", 1.0),
            Column::text("Next due", 1.0),
            Column::number("Next amount", 1.0),
            Column::number("Days late", 0.8),
        ]
    };
    (
        "Payment plans".to_string(),
        format!("As of {}", mdy(r.as_of)),
        vec![
            Section {
                heading: "By status".into(),
                columns: vec![
                    Column::text("Status", 2.0),
                    Column::number("Plans", 1.0),
                    Column::number("Remaining", 1.0),
                    Column::number("Due now", 1.0),
                ],
                rows: r
                    .by_status
                    .iter()
                    .map(|s| {
                        vec![
                            Cell::text(format!("{:?}", s.status)),
                            Cell::Count(s.plans),
                            money(s.remaining),
                            money(s.due_now),
                        ]
                    })
                    .collect(),
                totals: Some(vec![
                    Cell::text("Total"),
                    Cell::Count(r.by_status.iter().map(|s| s.plans).sum()),
                    money(r.by_status.iter().map(|s| s.remaining).sum()),
                    money(r.by_status.iter().map(|s| s.due_now).sum()),
                ]),
            },
            Section {
                heading: "Delinquent".into(),
                columns: plan_columns(),
                rows: plan_rows(&r.delinquent),
                totals: None,
            },
            Section {
                heading: "Running plans".into(),
                columns: plan_columns(),
                rows: plan_rows(&r.running),
                totals: None,
            },
        ],
    )
}
