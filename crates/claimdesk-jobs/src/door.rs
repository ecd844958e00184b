//! The one door to a practice file. Every action of the desktop app (each Tauri command) and
//! of the command line (each subcommand) passes through `Door::act` (or `pass`, for the few
//! that touch no practice file) naming who does it (`Actor`) and what (`Action`). This is the
//! single place where the next steps ask "may this person do this?" (roles) and record what
//! was done (the audit trail); nothing else in the app or the CLI holds a `Store`.
//!
//! `tests/door.rs` reads the shell's command list and the CLI's subcommands and fails when
//! one of them does not come through here.

use claimdesk_core::{Action, Actor, Practice, Source};
use claimdesk_store::{os_user_name, Store, StoreError};
use std::path::{Path, PathBuf};

/// An open practice file, reachable only through [`Door::act`].
pub struct Door {
    store: Store,
}

impl Door {
    /// Opens an existing practice file (migrating it when it is from an older ClaimDesk).
    pub fn open(path: &Path, actor: &Actor) -> Result<Door, StoreError> {
        admit(actor, Action::PracticeOpen)?;
        Ok(Door { store: Store::open(path)? })
    }

    /// Creates a new practice file with its practice record.
    pub fn create(path: &Path, practice: &Practice, actor: &Actor) -> Result<Door, StoreError> {
        admit(actor, Action::PracticeCreate)?;
        let mut store = Store::create(path, practice)?;
        store.set_actor(actor);
        Ok(Door { store })
    }

    /// A practice file another part of ClaimDesk made (the demo generator) behind the door.
    pub fn from_store(store: Store) -> Door {
        Door { store }
    }

    /// Does `action` for `actor`: `f` gets the practice file, with every write it makes
    /// attributed to `actor` (postings name them, claim histories their source).
    pub fn act<T, E>(
        &mut self,
        actor: &Actor,
        action: Action,
        f: impl FnOnce(&mut Store, &Actor) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        admit(actor, action)?;
        self.store.set_actor(actor);
        f(&mut self.store, actor)
    }

    /// The file's path (None for an in-memory practice in tests).
    pub fn path(&self) -> Option<PathBuf> {
        self.store.path().map(Path::to_path_buf)
    }
}

/// Does an action that touches no practice file (the recent-files list, a suggested path, a
/// fixed code list, opening a PDF) through the same door.
pub fn pass<T, E>(actor: &Actor, action: Action, f: impl FnOnce() -> Result<T, E>) -> Result<T, E>
where
    E: From<StoreError>,
{
    admit(actor, action)?;
    f()
}

/// The person at this computer, working from `source`: the operating-system login until
/// ClaimDesk has logins of its own.
pub fn operator(source: Source) -> Actor {
    Actor::user(&os_user_name(), source)
}

/// Whether `actor` may do `action`. Everyone may do everything until logins and roles exist;
/// this is where they will refuse, and where the audit trail will record the action.
fn admit(actor: &Actor, action: Action) -> Result<(), StoreError> {
    let _ = (actor, action);
    Ok(())
}
