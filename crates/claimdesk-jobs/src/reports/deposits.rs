//! Deposit reconciliation: bank deposits against the payments in them, and the payments not
//! deposited yet.

use super::*;

pub(super) fn run(store: &Store, asked: &Asked) -> StoreResult<Report> {
    Ok(Report::Deposits(store.report_deposits(&asked.range)?))
}

pub(super) fn document(r: &DepositReconciliation) -> Parts {
    let deposits = r
        .deposits
        .iter()
        .map(|d| {
            vec![
                Cell::Date(d.deposit_date),
                Cell::text(&d.bank_reference),
                Cell::Count(d.payments.len() as i64),
                money(d.slip_amount),
                money(d.payments_total),
                money(d.difference),
            ]
        })
        .collect();
    let payments = |list: &[claimdesk_store::DepositPayment]| -> Vec<Vec<Cell>> {
        list.iter()
            .map(|p| {
                vec![
                    Cell::Date(p.received_on),
                    Cell::text(match p.source {
                        claimdesk_store::PaymentSource::Patient => "Patient",
                        claimdesk_store::PaymentSource::Insurance => "Insurance",
                    }),
                    Cell::text(&p.from),
                    Cell::text(&p.method),
                    Cell::text(&p.reference),
                    money(p.amount),
                ]
            })
            .collect()
    };
    let payment_columns = vec![
        Column::text("Received", 1.1),
        Column::text("From", 0.9),
        Column::text("Payer / patient", 2.6),
        Column::text("Method", 0.9),
        Column::text("Reference", 1.4),
        Column::number("Amount", 1.0),
    ];
    let none = [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty];
    (
        "Deposit reconciliation".to_string(),
        range_words(&r.range),
        vec![
            Section {
                heading: "Deposits".into(),
                columns: vec![
                    Column::text("Date", 1.1),
                    Column::text("Bank reference", 1.8),
                    Column::number("Payments", 0.9),
                    Column::number("Slip", 1.0),
                    Column::number("Posted", 1.0),
                    Column::number("Difference", 1.0),
                ],
                rows: deposits,
                totals: Some(vec![
                    Cell::text("Total"),
                    Cell::Empty,
                    Cell::Count(r.deposits.iter().map(|d| d.payments.len() as i64).sum()),
                    money(r.slips_total),
                    money(r.deposited_total),
                    money(r.slips_total - r.deposited_total),
                ]),
            },
            Section {
                heading: "Not deposited yet".into(),
                columns: payment_columns,
                rows: payments(&r.undeposited),
                totals: Some(
                    [Cell::text("Total")].into_iter().chain(none).chain([money(r.undeposited_total)]).collect(),
                ),
            },
        ],
    )
}
