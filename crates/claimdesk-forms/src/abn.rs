//! The Advance Beneficiary Notice of Non-coverage (ABN, form CMS-R-131), one US Letter page,
//! in the order and with the blanks of CMS's form: A notifier, B patient name, C identification
//! number, D the services, E why Medicare may not pay, F estimated cost, G the three options,
//! H additional information, I signature, J date. Source: the ABN form and its instructions
//! (CMS Beneficiary Notices Initiative; Pub. 100-04 ch. 30 §50). The form is public; its
//! wording is CMS's (a public-domain federal form), printed as the instructions require
//! ("the notice must not be modified" apart from the blanks). Per the instructions, blank C is
//! the practice's own number for the patient (the account number), never the Medicare number.

use crate::layout::{address_lines, date, money, phone, wrap, Draw, BOLD, ITALIC, MARGIN, REGULAR, RIGHT};
use crate::pdf::{self, PageOps};
use chrono::NaiveDate;
use claimdesk_core::chiro_care::{AbnOption, AbnService};
use claimdesk_core::Address;

/// The edition line at the foot of the form (bottom left) and its OMB number. CMS renews the
/// form every few years (the 2023 edition expires 01/2026; a revision with plain-language
/// headings was submitted in 11/2025, OMB ICR 202511-0938-004); change this line when the
/// Beneficiary Notices Initiative page posts a new edition.
pub const ABN_EDITION: &str = "Form CMS-R-131 (Exp. 01/2026)";
pub const ABN_OMB: &str = "OMB Approval No. 0938-0566";

/// The word the notifier writes in every blank D ("Items", "Services", "Laboratory tests").
pub const D_HEADER: &str = "Services";

/// What one printed ABN shows. Nothing is computed here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AbnData {
    /// A: the notifier.
    pub practice_name: String,
    pub practice_address: Address,
    pub practice_phone: String,
    /// B.
    pub patient_name: String,
    /// C: the practice's account number (not the Medicare number).
    pub identification_number: String,
    /// D and F.
    pub services: Vec<AbnService>,
    /// E.
    pub reason: String,
    /// G: the option checked, when the notice is printed again after signing.
    pub option: Option<AbnOption>,
    /// H.
    pub additional_info: String,
    /// J: the signing date, when signed.
    pub signed_on: Option<NaiveDate>,
}

const BODY: f32 = 10.0;
const LINE: f32 = 12.5;
const TABLE: f32 = 9.5;
const TABLE_LINE: f32 = 11.5;

/// Blank D's column and E's and F's (x from, x to).
const COL_D: (f32, f32) = (MARGIN, MARGIN + 210.0);
const COL_E: (f32, f32) = (MARGIN + 210.0, MARGIN + 440.0);
const COL_F: (f32, f32) = (MARGIN + 440.0, RIGHT);

fn paragraph(p: &mut PageOps, font: printpdf::BuiltinFont, size: f32, x: f32, y: &mut f32, width: f32, text: &str) {
    for line in wrap(font, size, width, text) {
        p.left(font, size, x, *y, &line);
        *y += size + 2.5;
    }
}

pub fn abn_pdf(a: &AbnData) -> Vec<u8> {
    let mut p = PageOps::new();
    p.fill_color(pdf::BLACK);
    let d = D_HEADER;

    // A. Notifier, B. Patient Name, C. Identification Number.
    let mut y = 44.0;
    p.left(BOLD, 9.0, MARGIN, y, "A. Notifier:");
    p.left(BOLD, 10.0, MARGIN + 60.0, y, &a.practice_name);
    for line in address_lines(&a.practice_address).iter().chain([&phone(&a.practice_phone)]) {
        y += 11.0;
        p.left(REGULAR, 9.0, MARGIN + 60.0, y, line);
    }
    y += 16.0;
    p.left(BOLD, 9.0, MARGIN, y, "B. Patient Name:");
    p.left(REGULAR, 10.0, MARGIN + 80.0, y, &a.patient_name);
    p.left(BOLD, 9.0, MARGIN + 330.0, y, "C. Identification Number:");
    p.left(REGULAR, 10.0, MARGIN + 450.0, y, &a.identification_number);
    p.hline(MARGIN, RIGHT, y + 6.0, 1.0);

    y += 28.0;
    p.center(BOLD, 15.0, (MARGIN + RIGHT) / 2.0, y, "Advance Beneficiary Notice of Non-coverage (ABN)");
    y += 18.0;
    p.left(BOLD, BODY, MARGIN, y, &format!("NOTE: If Medicare doesn't pay for D. {d} below, you may have to pay."));
    y += LINE + 2.0;
    paragraph(
        &mut p,
        REGULAR,
        BODY,
        MARGIN,
        &mut y,
        RIGHT - MARGIN,
        &format!(
            "Medicare does not pay for everything, even some care that you or your health care provider have good \
             reason to think you need. We expect Medicare may not pay for the D. {d} below."
        ),
    );

    // The table: D, E, F.
    y += 4.0;
    let head = y;
    p.shade(MARGIN, head, RIGHT - MARGIN, 16.0);
    p.boxed(MARGIN, head, RIGHT - MARGIN, 16.0, 0.8);
    p.left(BOLD, 9.5, COL_D.0 + 4.0, head + 11.5, &format!("D. {d}"));
    p.left(BOLD, 9.5, COL_E.0 + 4.0, head + 11.5, "E. Reason Medicare May Not Pay:");
    p.left(BOLD, 9.5, COL_F.0 + 4.0, head + 11.5, "F. Estimated Cost");
    let mut row_y = head + 16.0 + 12.0;
    for s in &a.services {
        // The instructions allow 10-point type in the blanks when detail must fit.
        let mut yy = row_y;
        for line in wrap(REGULAR, TABLE, COL_D.1 - COL_D.0 - 8.0, &format!("{} ({})", s.description, s.code)) {
            p.left(REGULAR, TABLE, COL_D.0 + 4.0, yy, &line);
            yy += TABLE_LINE;
        }
        p.right(REGULAR, TABLE, COL_F.1 - 6.0, row_y, &money(s.estimated_cost));
        row_y = yy.max(row_y + TABLE_LINE) + 2.0;
    }
    let mut reason_y = head + 16.0 + 12.0;
    for line in wrap(REGULAR, TABLE, COL_E.1 - COL_E.0 - 8.0, &a.reason) {
        p.left(REGULAR, TABLE, COL_E.0 + 4.0, reason_y, &line);
        reason_y += TABLE_LINE;
    }
    let bottom = row_y.max(reason_y).max(head + 16.0 + 60.0);
    p.boxed(MARGIN, head + 16.0, RIGHT - MARGIN, bottom - head - 16.0, 0.8);
    for x in [COL_E.0, COL_F.0] {
        p.stroke(pdf::BLACK, 0.8);
        p.line((x, head), (x, bottom));
    }
    y = bottom + 16.0;

    // What you need to do now.
    p.left(BOLD, BODY, MARGIN, y, "WHAT YOU NEED TO DO NOW:");
    y += LINE;
    for bullet in [
        "Read this notice, so you can make an informed decision about your care.".to_string(),
        "Ask us any questions that you may have after you finish reading.".to_string(),
        format!("Choose an option below about whether to receive the D. {d} listed above."),
    ] {
        p.left(REGULAR, BODY, MARGIN + 8.0, y, "\u{2022}");
        paragraph(&mut p, REGULAR, BODY, MARGIN + 18.0, &mut y, RIGHT - MARGIN - 18.0, &bullet);
    }
    paragraph(
        &mut p,
        ITALIC,
        9.0,
        MARGIN + 18.0,
        &mut y,
        RIGHT - MARGIN - 18.0,
        "Note: If you choose Option 1 or 2, we may help you to use any other insurance that you might have, \
         but Medicare cannot require us to do this.",
    );

    // G. Options.
    y += 6.0;
    let options_top = y;
    p.shade(MARGIN, y, RIGHT - MARGIN, 15.0);
    p.left(BOLD, BODY, MARGIN + 4.0, y + 11.0, "G. OPTIONS:");
    p.left(BOLD, BODY, MARGIN + 90.0, y + 11.0, "Check only one box. We cannot choose a box for you.");
    y += 15.0 + 12.0;
    let options = [
        (
            AbnOption::BillMedicare,
            format!(
                "OPTION 1. I want the D. {d} listed above. You may ask to be paid now, but I also want Medicare \
                 billed for an official decision on payment, which is sent to me on a Medicare Summary Notice \
                 (MSN). I understand that if Medicare doesn't pay, I am responsible for payment, but I can appeal \
                 to Medicare by following the directions on the MSN. If Medicare does pay, you will refund any \
                 payments I made to you, less co-pays or deductibles."
            ),
        ),
        (
            AbnOption::DoNotBill,
            format!(
                "OPTION 2. I want the D. {d} listed above, but do not bill Medicare. You may ask to be paid now \
                 as I am responsible for payment. I cannot appeal if Medicare is not billed."
            ),
        ),
        (
            AbnOption::Declined,
            format!(
                "OPTION 3. I don't want the D. {d} listed above. I understand with this choice I am not \
                 responsible for payment, and I cannot appeal to see if Medicare would pay."
            ),
        ),
    ];
    for (option, text) in options {
        p.boxed(MARGIN + 6.0, y - 9.0, 10.0, 10.0, 0.8);
        if a.option == Some(option) {
            p.left(BOLD, 10.0, MARGIN + 7.8, y - 0.5, "X");
        }
        paragraph(&mut p, REGULAR, 9.5, MARGIN + 24.0, &mut y, RIGHT - MARGIN - 30.0, &text);
        y += 4.0;
    }
    p.boxed(MARGIN, options_top, RIGHT - MARGIN, y - options_top, 0.8);

    // H. Additional information.
    y += 14.0;
    p.left(BOLD, BODY, MARGIN, y, "H. Additional Information:");
    if !a.additional_info.trim().is_empty() {
        y += LINE;
        paragraph(&mut p, REGULAR, BODY, MARGIN + 8.0, &mut y, RIGHT - MARGIN - 8.0, &a.additional_info);
    } else {
        y += LINE;
    }
    paragraph(
        &mut p,
        REGULAR,
        9.5,
        MARGIN,
        &mut y,
        RIGHT - MARGIN,
        "This notice gives our opinion, not an official Medicare decision. If you have other questions on this \
         notice or Medicare billing, call 1-800-MEDICARE (1-800-633-4227/TTY: 1-877-486-2048).",
    );
    paragraph(
        &mut p,
        REGULAR,
        9.5,
        MARGIN,
        &mut y,
        RIGHT - MARGIN,
        "Signing below means that you have received and understand this notice. You also receive a copy.",
    );

    // I. Signature, J. Date.
    y += 26.0;
    let sig_x = MARGIN + 380.0;
    p.hline(MARGIN + 70.0, sig_x - 20.0, y, 0.8);
    p.left(BOLD, BODY, MARGIN, y, "I. Signature:");
    p.left(BOLD, BODY, sig_x, y, "J. Date:");
    p.hline(sig_x + 44.0, RIGHT, y, 0.8);
    if let Some(signed) = a.signed_on {
        p.left(REGULAR, BODY, sig_x + 50.0, y - 3.0, &date(signed));
    }

    // Foot: nondiscrimination, PRA statement, edition.
    let mut y = 700.0;
    paragraph(
        &mut p,
        REGULAR,
        7.0,
        MARGIN,
        &mut y,
        RIGHT - MARGIN,
        "CMS does not discriminate in its programs and activities. To request this publication in an alternative \
         format, please call: 1-800-MEDICARE or email: AltFormatRequest@cms.hhs.gov.",
    );
    paragraph(
        &mut p,
        REGULAR,
        7.0,
        MARGIN,
        &mut y,
        RIGHT - MARGIN,
        "According to the Paperwork Reduction Act of 1995, no persons are required to respond to a collection of \
         information unless it displays a valid OMB control number. The valid OMB control number for this \
         information collection is 0938-0566. The time required to complete this information collection is \
         estimated to average 7 minutes per response, including the time to review instructions, search existing \
         data resources, gather the data needed, and complete and review the information collection.",
    );
    p.left(BOLD, 8.0, MARGIN, 760.0, ABN_EDITION);
    p.right(BOLD, 8.0, RIGHT, 760.0, ABN_OMB);
    pdf::save("Advance Beneficiary Notice of Non-coverage", vec![p.into_page()])
}
