//! The day sheet: charges, payments (insurance and patient, by method), adjustments and
//! refunds per day, with who posted them.

use super::*;

pub(super) fn run(store: &Store, asked: &Asked) -> StoreResult<Report> {
    Ok(Report::DaySheet(store.report_day_sheet(&asked.range)?))
}

pub(super) fn document(r: &DaySheet) -> Parts {
    let days = r
        .days
        .iter()
        .map(|d| {
            let mut cells = vec![Cell::Date(d.date)];
            cells.extend(day_cells(&d.amounts));
            cells
        })
        .collect();
    let mut totals = vec![Cell::text("Total")];
    totals.extend(day_cells(&r.totals));
    let users = r
        .by_user
        .iter()
        .map(|u| {
            let mut cells = vec![Cell::text(if u.user.is_empty() { "(not recorded)" } else { &u.user })];
            cells.extend(day_cells(&u.amounts));
            cells
        })
        .collect();
    let methods =
        r.by_method.iter().map(|m| vec![Cell::text(&m.method), Cell::Count(m.payments), money(m.amount)]).collect();
    (
        "Day sheet".to_string(),
        range_words(&r.range),
        vec![
            Section {
                heading: "By day".into(),
                columns: day_columns(Column::text("Date", 1.1)),
                rows: days,
                totals: Some(totals.clone()),
            },
            Section {
                heading: "By user".into(),
                columns: day_columns(Column::text("User", 1.1)),
                rows: users,
                totals: Some(totals),
            },
            Section {
                heading: "Payments by method".into(),
                columns: vec![
                    Column::text("Method", 2.0),
                    Column::number("Payments", 1.0),
                    Column::number("Amount", 1.0),
                ],
                rows: methods,
                totals: Some(vec![
                    Cell::text("Total"),
                    Cell::Count(r.by_method.iter().map(|m| m.payments).sum()),
                    money(r.by_method.iter().map(|m| m.amount).sum()),
                ]),
            },
        ],
    )
}
