//! Deterministic synthetic practices for ClaimDesk: the app's first start, the CLI `demo`
//! command, tests and benchmarks.
//!
//! Everything is drawn from a ChaCha8 generator seeded with `DemoOptions::seed`, so the
//! same seed and options always give the same practice (apart from save timestamps).
//! Every person, payer and ID is invented; phone numbers use the fictional 555-01xx block,
//! e-mail addresses example.com.

mod fees;
mod names;
mod patients;
mod setup;

use chrono::NaiveDate;
use claimdesk_core::Practice;
use claimdesk_store::{Result, Store};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use std::path::Path;

/// Which kind of office to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Specialty {
    /// A family-medicine group ("Riverside Family Medicine").
    Physician,
    /// A chiropractic office ("Spine & Wellness Chiropractic").
    Chiro,
}

impl Specialty {
    pub fn as_str(self) -> &'static str {
        match self {
            Specialty::Physician => "physician",
            Specialty::Chiro => "chiro",
        }
    }

    pub fn parse(text: &str) -> Option<Specialty> {
        match text.trim().to_ascii_lowercase().as_str() {
            "physician" | "medical" => Some(Specialty::Physician),
            "chiro" | "chiropractic" => Some(Specialty::Chiro),
            _ => None,
        }
    }
}

/// How many patients the demo practice has unless asked otherwise.
pub const DEFAULT_PATIENTS: usize = 200;
/// The seed the demo uses unless asked otherwise.
pub const DEFAULT_SEED: u64 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub specialty: Specialty,
    pub patients: usize,
    pub seed: u64,
    /// Birth dates, coverage and fee years are placed relative to this day. It must not be
    /// after the store's own "today" (`Store::today`), or the store refuses dates as future.
    pub today: NaiveDate,
}

impl Default for DemoOptions {
    /// A 200-patient family-medicine practice, seed 1, dated today.
    fn default() -> Self {
        DemoOptions {
            specialty: Specialty::Physician,
            patients: DEFAULT_PATIENTS,
            seed: DEFAULT_SEED,
            today: chrono::Local::now().date_naive(),
        }
    }
}

/// What a demo practice was filled with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub providers: usize,
    pub facilities: usize,
    pub payers: usize,
    pub patients: usize,
    pub policies: usize,
    /// Fee schedule entries: standard and payer allowed amounts, both fee years.
    pub fees: usize,
}

/// The demo practice record (box 33) for a specialty.
pub fn demo_practice(specialty: Specialty) -> Practice {
    setup::practice(specialty)
}

/// Creates a new practice file at `path` filled with a demo practice. Refuses an existing
/// file. If filling fails the new file is removed again, so no half-made demo is left behind.
pub fn create_demo(path: &Path, options: &DemoOptions) -> Result<(Store, DemoSummary)> {
    let mut store = Store::create(path, &demo_practice(options.specialty))?;
    match populate(&mut store, options) {
        Ok(summary) => Ok((store, summary)),
        Err(e) => {
            drop(store);
            for leftover in [path.to_path_buf(), sibling(path, "-wal"), sibling(path, "-shm")] {
                let _ = std::fs::remove_file(leftover);
            }
            Err(e)
        }
    }
}

/// SQLite's companion files are named after the database file: `practice.claimdesk-wal`.
fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Fills an open practice file (or `Store::open_in_memory`) with providers, facilities,
/// payers, the fee schedule and `options.patients` patients, all in one transaction: the
/// store ends up with all of it or none of it.
pub fn populate(store: &mut Store, options: &DemoOptions) -> Result<DemoSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    store.with_tx(|tx| {
        let providers = setup::save_providers(tx, &mut rng, options.specialty)?;
        let facilities = setup::save_facilities(tx, options.specialty)?;
        let payers = setup::save_payers(tx, options.specialty)?;
        let fees = fees::save_fee_schedule(tx, &mut rng, options.specialty, &payers, options.today)?;
        let registered =
            patients::PatientMaker::new(&mut rng, &payers, options.today, options.patients).register_all(tx)?;
        Ok(DemoSummary {
            providers,
            facilities,
            payers: payers.len(),
            patients: registered.patients,
            policies: registered.policies,
            fees,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimdesk_core::{PayerKind, Relationship, Responsible};
    use claimdesk_store::{FeeFilter, SearchOptions};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")
    }

    fn options(specialty: Specialty, patients: usize, seed: u64) -> DemoOptions {
        DemoOptions { specialty, patients, seed, today: today() }
    }

    fn demo_in_memory(options: &DemoOptions) -> (Store, DemoSummary) {
        let mut store = Store::open_in_memory(&demo_practice(options.specialty)).unwrap();
        store.set_today(options.today);
        let summary = populate(&mut store, options).unwrap();
        (store, summary)
    }

    fn all_patients(store: &Store) -> Vec<claimdesk_core::Patient> {
        let everyone = SearchOptions { limit: 500, include_inactive: true };
        let list = store.search_patients("", &everyone).unwrap();
        list.iter().map(|s| store.get_patient(s.id).unwrap()).collect()
    }

    #[test]
    fn same_seed_same_practice() {
        let (a, sa) = demo_in_memory(&options(Specialty::Physician, 150, 7));
        let (b, sb) = demo_in_memory(&options(Specialty::Physician, 150, 7));
        assert_eq!(sa, sb);
        assert_eq!(all_patients(&a), all_patients(&b));
        assert_eq!(a.list_providers().unwrap(), b.list_providers().unwrap());
        assert_eq!(a.list_payers().unwrap(), b.list_payers().unwrap());
        assert_eq!(a.list_fees(&FeeFilter::default()).unwrap(), b.list_fees(&FeeFilter::default()).unwrap());

        let (c, _) = demo_in_memory(&options(Specialty::Physician, 150, 8));
        assert_ne!(all_patients(&a), all_patients(&c), "another seed, other people");
    }

    #[test]
    fn counts_match_what_was_asked_and_saved() {
        let (store, summary) = demo_in_memory(&options(Specialty::Physician, 400, 3));
        assert_eq!(summary.patients, 400);
        assert_eq!(store.count_patients().unwrap(), 400);
        assert!((3..=5).contains(&store.list_providers().unwrap().iter().filter(|p| p.is_rendering).count()));
        assert!(store.list_providers().unwrap().iter().any(|p| !p.is_rendering && p.is_referring));
        assert_eq!(store.list_providers().unwrap().len(), summary.providers);
        assert_eq!(store.list_facilities().unwrap().len(), summary.facilities);
        assert_eq!(store.list_payers().unwrap().len(), summary.payers);
        assert!((6..=8).contains(&summary.payers));
        assert_eq!(store.list_fees(&FeeFilter::default()).unwrap().len(), summary.fees);

        let patients = all_patients(&store);
        let policies: usize = patients.iter().map(|p| p.policies.len()).sum();
        assert_eq!(policies, summary.policies);
        let share = |n: usize| n * 100 / patients.len();
        let insured = share(patients.iter().filter(|p| !p.policies.is_empty()).count());
        let secondary = share(patients.iter().filter(|p| p.policies.len() >= 2).count());
        assert!((75..=95).contains(&insured), "{insured}% insured");
        assert!((10..=30).contains(&secondary), "{secondary}% with a secondary");
        assert!(patients.iter().any(|p| !p.active && p.inactive_reason == "Moved away"));
        assert!(patients.iter().any(|p| p.policies.iter().any(|pol| !pol.eligibility.is_empty())));
        assert!(patients.iter().any(|p| p.policies.iter().any(|pol| pol.relationship == Relationship::Spouse)));
    }

    #[test]
    fn children_have_a_parent_as_guarantor() {
        let (store, _) = demo_in_memory(&options(Specialty::Physician, 300, 11));
        let children: Vec<_> = all_patients(&store)
            .into_iter()
            .filter(|p| p.birth_date.is_some_and(|b| b > today() - chrono::TimeDelta::days(18 * 365)))
            .collect();
        assert!(!children.is_empty());
        for child in &children {
            assert_eq!(child.guarantor_relationship, Relationship::Child, "{}", child.display_name());
            assert!(!matches!(child.guarantor, Responsible::Itself));
        }
        assert!(children.iter().any(|c| matches!(c.guarantor, Responsible::Patient { .. })));
        assert!(children.iter().any(|c| c.policies.iter().any(|p| p.relationship == Relationship::Child)));
    }

    #[test]
    fn medicare_patients_are_mostly_over_65_and_have_mbi_shaped_ids() {
        let (store, _) = demo_in_memory(&options(Specialty::Physician, 300, 5));
        let medicare = store.list_payers().unwrap().into_iter().find(|p| p.kind == PayerKind::Medicare).unwrap();
        let on_medicare: Vec<_> = all_patients(&store)
            .into_iter()
            .filter_map(|p| {
                let policy = p.policies.iter().find(|pol| pol.payer_id == medicare.id.unwrap())?.clone();
                Some((p, policy))
            })
            .collect();
        assert!(!on_medicare.is_empty());
        for (p, policy) in &on_medicare {
            assert!(p.birth_date.unwrap() < today() - chrono::TimeDelta::days(64 * 365));
            let id = policy.member_id.as_bytes();
            assert_eq!(id.len(), 11);
            assert!(id[0].is_ascii_digit() && id[1].is_ascii_uppercase() && id[3].is_ascii_digit());
        }
    }

    #[test]
    fn chiro_demo_is_a_chiropractic_office() {
        let (store, summary) = demo_in_memory(&options(Specialty::Chiro, 50, 1));
        let practice = store.practice().unwrap();
        assert_eq!(practice.name, "Spine & Wellness Chiropractic");
        assert_eq!(practice.taxonomy, "111N00000X");
        assert!(store.list_payers().unwrap().iter().any(|p| p.kind == PayerKind::Medicare));
        assert!(store.list_providers().unwrap().iter().filter(|p| p.is_rendering).all(|p| p.credentials == "DC"));
        let fees = store.list_fees(&FeeFilter::default()).unwrap();
        assert!(fees.iter().any(|f| f.code == "98941" && f.payer_id.is_none()));
        assert_eq!(summary.patients, 50);
    }

    #[test]
    fn new_fee_year_closes_last_year() {
        let (store, _) = demo_in_memory(&options(Specialty::Physician, 0, 1));
        let last_year = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let old = store.fee_for(None, "99213", "", last_year).unwrap().unwrap();
        let new = store.fee_for(None, "99213", "", today()).unwrap().unwrap();
        assert_eq!(old.effective_to, NaiveDate::from_ymd_opt(2025, 12, 31));
        assert!(new.amount > old.amount);
        let payer = store.list_payers().unwrap()[0].id;
        let allowed = store.fee_for(payer, "99213", "", today()).unwrap().unwrap();
        assert!(allowed.amount < new.amount);
    }

    #[test]
    fn create_demo_makes_a_file_and_refuses_an_existing_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.claimdesk");
        let opts = DemoOptions { today: chrono::Local::now().date_naive(), ..options(Specialty::Physician, 25, 2) };
        let (store, summary) = create_demo(&path, &opts).unwrap();
        assert_eq!(store.count_patients().unwrap(), 25);
        assert_eq!(summary.patients, 25);
        drop(store);
        let before = std::fs::read(&path).unwrap();
        assert!(matches!(create_demo(&path, &opts), Err(claimdesk_store::StoreError::AlreadyExists(_))));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_demo_that_cannot_be_filled_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.claimdesk");
        // Dated far after the store's today: birth dates would be in the future and are refused.
        let far = NaiveDate::from_ymd_opt(2990, 1, 1).unwrap();
        let opts = DemoOptions { today: far, ..options(Specialty::Physician, 25, 2) };
        assert!(matches!(create_demo(&path, &opts), Err(claimdesk_store::StoreError::Invalid(_))));
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no companion files either");
    }
}
