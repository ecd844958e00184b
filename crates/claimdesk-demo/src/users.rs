//! The demo practice's users: one per role, with passwords printed by `claimdesk demo` and
//! written in the README (invented, like everything in a demo file; never for a real office).

use claimdesk_core::{Role, Source};
use claimdesk_store::{NewUser, Result, Store};

/// Login, full name, role and password of each demo user; the administrator first.
pub const DEMO_USERS: &[(&str, &str, Role, &str)] = &[
    ("admin", "Dana Admin", Role::Administrator, "demo-office-2026"),
    ("biller", "Blake Biller", Role::Biller, "demo-billing-2026"),
    ("frontdesk", "Frankie Desk", Role::FrontDesk, "demo-front-2026"),
    ("auditor", "Avery Auditor", Role::ReadOnly, "demo-reading-2026"),
];

/// The demo administrator's login and password (what the app's login screen shows beside the
/// form on the demo practice).
pub fn demo_administrator() -> (&'static str, &'static str) {
    (DEMO_USERS[0].0, DEMO_USERS[0].3)
}

fn new_user(&(login, name, role, password): &(&str, &str, Role, &str)) -> NewUser {
    NewUser { login: login.into(), full_name: name.into(), role, password: password.into() }
}

/// Creates the demo users in a new demo file: the administrator as the file's first user, then
/// the others (with passwords they are not asked to change: they are shared demo logins).
pub fn add_demo_users(store: &mut Store) -> Result<()> {
    store.create_first_administrator(&new_user(&DEMO_USERS[0]), Source::Demo)?;
    store.with_tx(|tx| {
        tx.mark_demo()?;
        for user in &DEMO_USERS[1..] {
            tx.create_user(&new_user(user))?;
        }
        Ok(())
    })
}

/// Encrypts a closed demo file with every demo user's password wrapped (their logins are
/// printed and shown on the login screen). The recovery key is thrown away: a demo file is
/// made again, never recovered.
pub fn encrypt_demo_file(path: &std::path::Path) -> Result<()> {
    let passwords: Vec<(&str, &str)> = DEMO_USERS.iter().map(|&(login, _, _, password)| (login, password)).collect();
    claimdesk_store::encrypt_practice(path, &passwords, true)?;
    Ok(())
}
