//! The recovery sheet: one page the administrator prints when the practice file is encrypted
//! and keeps in the office safe. It holds the recovery key, the only way into the file when
//! every administrator password is forgotten, and says so plainly.

use crate::layout::{fit, Draw, BOLD, MARGIN, REGULAR, RIGHT};
use crate::pdf::{self, PageOps};

/// What the sheet names: the practice, its file, the key, and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoverySheet {
    pub practice_name: String,
    /// The practice file's name (not its folder: the sheet may outlive a move).
    pub file_name: String,
    /// As typed back: eight groups of four letters and digits.
    pub recovery_key: String,
    /// "2026-12-02 14:05".
    pub made_at: String,
}

pub fn recovery_sheet_pdf(sheet: &RecoverySheet) -> Vec<u8> {
    let mut page = PageOps::new();
    let p = &mut page;
    p.fill_color(pdf::BLACK);
    p.left(BOLD, 18.0, MARGIN, 60.0, "ClaimDesk recovery sheet");
    p.left(
        REGULAR,
        11.0,
        MARGIN,
        84.0,
        &fit(REGULAR, 11.0, RIGHT - MARGIN, &format!("Practice: {}", sheet.practice_name)),
    );
    p.left(
        REGULAR,
        11.0,
        MARGIN,
        100.0,
        &fit(REGULAR, 11.0, RIGHT - MARGIN, &format!("Practice file: {}", sheet.file_name)),
    );
    p.left(REGULAR, 11.0, MARGIN, 116.0, &format!("Made: {}", sheet.made_at));
    p.hline(MARGIN, RIGHT, 130.0, 1.0);

    p.left(BOLD, 11.0, MARGIN, 160.0, "Recovery key");
    p.shade(MARGIN, 170.0, RIGHT - MARGIN, 44.0);
    p.boxed(MARGIN, 170.0, RIGHT - MARGIN, 44.0, 1.0);
    p.left(BOLD, 17.0, MARGIN + 14.0, 199.0, &sheet.recovery_key);

    let text = [
        "The practice file is encrypted. Each user's password opens it; this key opens it when every",
        "administrator password has been forgotten. ClaimDesk keeps no other copy and cannot make a new one",
        "for a file without a password that still works: without this sheet, forgetting every administrator",
        "password loses the practice and everything in it.",
        "",
        "Keep this sheet in the office safe, away from the computer. Do not photograph it, e-mail it or",
        "store it with the backups: anyone with this key and a copy of the practice file can read it.",
        "",
        "To use it: in ClaimDesk, on the login screen choose \"Forgot every password? Use the recovery key\",",
        "type the key (dashes and capitals do not matter), an administrator's login and a new password.",
        "From the command line: claimdesk --db FILE recover --login LOGIN.",
    ];
    let mut y = 246.0;
    for line in text {
        p.left(REGULAR, 10.0, MARGIN, y, line);
        y += 14.0;
    }
    p.hline(MARGIN, RIGHT, y + 30.0, 0.5);
    p.left(REGULAR, 9.0, MARGIN, y + 46.0, "Put away by: ____________________________   Date: ______________");
    pdf::save("Recovery sheet", vec![page.into_page()])
}
