//! Progress of a long job (printing claims, writing an 837P, statements), on stderr.
//!
//! A bar is drawn only when stderr is a terminal: someone is watching. Redirected into a log
//! or captured by a script, stderr gets nothing from here, so it holds only what went wrong.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// One job's progress. The bar is cleared when the job ends (or fails), before the result is
/// printed.
pub struct Progress {
    what: &'static str,
    shown: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// `what` names the items, e.g. "printing claims".
    pub fn new(what: &'static str) -> Progress {
        Progress::with_terminal(what, std::io::stderr().is_terminal())
    }

    fn with_terminal(what: &'static str, shown: bool) -> Progress {
        Progress { what, shown, bar: None }
    }

    /// The `progress(done, total)` callback the jobs take.
    pub fn update(&mut self, done: usize, total: usize) {
        if !self.shown {
            return;
        }
        let what = self.what;
        let bar = self.bar.get_or_insert_with(|| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}") {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(what);
            bar
        });
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_drawn_when_stderr_is_not_a_terminal() {
        let mut p = Progress::with_terminal("printing claims", false);
        for done in 1..=3 {
            p.update(done, 3);
        }
        assert!(p.bar.is_none());
    }

    #[test]
    fn a_terminal_gets_one_bar_following_the_job() {
        let mut p = Progress::with_terminal("printing claims", true);
        p.update(1, 3);
        p.update(2, 3);
        let bar = p.bar.as_ref().expect("a bar");
        assert_eq!((bar.position(), bar.length()), (2, Some(3)));
    }
}
