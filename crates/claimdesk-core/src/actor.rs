//! Who does something, and from where. Every action of the app and the command line carries
//! an `Actor` through the one door (`claimdesk_jobs::door`): postings record its name, claim
//! histories its source, and the next steps (logins, roles, the audit trail) read both.

use crate::roles::Role;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// From where a change came: the desktop app, the command line, a file import, the demo
/// generator (which also stands for the system's own work, such as migrations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Source {
    App,
    Cli,
    Import,
    Demo,
}

impl Source {
    /// The word stored with a change (claim status history, postings).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::App => "app",
            Source::Cli => "cli",
            Source::Import => "import",
            Source::Demo => "demo",
        }
    }
}

/// Who is acting: a person (by the name they work under) or the system itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Who {
    /// A person, by their login. `user` is their user record and role once they have logged in
    /// to the practice file (None: a name only, as the store's own tests use).
    User(String),
    /// ClaimDesk itself: the demo generator, migrations, scheduled work.
    System,
}

/// A logged-in user of a practice file: their record and role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Login {
    pub user_id: i64,
    pub role: Role,
}

/// Who does an action and from where.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Actor {
    pub who: Who,
    pub source: Source,
    /// The user record and role behind a person who logged in; the one door admits only
    /// actors that have one (or the system).
    pub login: Option<Login>,
}

impl Actor {
    /// A person working from `source`. A blank name is kept blank (an unnamed operator),
    /// never replaced by a guess.
    pub fn user(name: &str, source: Source) -> Actor {
        Actor { who: Who::User(name.trim().to_string()), source, login: None }
    }

    /// A person who logged in to the practice file as `login` (their user record and role).
    pub fn logged_in(name: &str, login: Login, source: Source) -> Actor {
        Actor { who: Who::User(name.trim().to_string()), source, login: Some(login) }
    }

    /// The logged-in user's role (None for the system and for a bare name).
    pub fn role(&self) -> Option<Role> {
        self.login.map(|l| l.role)
    }

    /// The logged-in user's record (None for the system and for a bare name).
    pub fn user_id(&self) -> Option<i64> {
        self.login.map(|l| l.user_id)
    }

    /// ClaimDesk itself (the demo generator, migrations).
    pub fn system(source: Source) -> Actor {
        Actor { who: Who::System, source, login: None }
    }

    /// The name recorded with a posting: the person's; "demo" for the demo generator's
    /// invented history, "system" for ClaimDesk's other own work.
    pub fn name(&self) -> &str {
        match (&self.who, self.source) {
            (Who::User(name), _) => name,
            (Who::System, Source::Demo) => "demo",
            (Who::System, _) => "system",
        }
    }

    /// The same person or system acting from another place (an import run from the app).
    pub fn from_source(&self, source: Source) -> Actor {
        Actor { who: self.who.clone(), source, login: self.login }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_is_named_by_their_login_and_the_system_as_system() {
        let a = Actor::user("  front.desk ", Source::App);
        assert_eq!(a.name(), "front.desk");
        assert_eq!(a.source.as_str(), "app");
        assert_eq!(Actor::system(Source::Demo).name(), "demo");
        assert_eq!(Actor::system(Source::Cli).name(), "system");
        assert_eq!(a.from_source(Source::Import).who, a.who);
    }
}
