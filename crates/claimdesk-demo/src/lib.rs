//! Deterministic synthetic practices for ClaimDesk: the app's first start, the CLI `demo`
//! command, tests and benchmarks.
//!
//! Everything is drawn from a ChaCha8 generator seeded with `DemoOptions::seed`, so the
//! same seed and options always give the same practice (apart from save timestamps).
//! Every person, payer and ID is invented; phone numbers use the fictional 555-01xx block,
//! e-mail addresses example.com.

mod accounts;
pub mod bulk;
mod claims;
mod fees;
pub mod injury_cases;
mod medicare_care;
mod names;
mod packages;
mod patients;
mod remits;
mod sample;
mod setup;
pub mod users;
mod visit_limits;

pub use accounts::{AccountsSummary, DEMO_AGENCY};
pub use sample::{sample_835, sample_835_for, write_sample_835, UNKNOWN_CONTROL_NUMBER};

use chrono::NaiveDate;
use claimdesk_core::{Actor, Practice, Source};
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
/// How many visits the demo practice has unless asked otherwise.
pub const DEFAULT_VISITS: usize = 300;

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

/// How much billing history the demo holds: visits over the last 120 days before
/// `DemoOptions::today`, most of them billed, with claims in every status.
///
/// Kept apart from `DemoOptions` so code that spells out every option keeps compiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoActivity {
    /// Visits to enter (0 = none, and so no claims either). The newest ~1 in 15 stay
    /// unbilled; the rest get a primary claim.
    pub visits: usize,
}

impl Default for DemoActivity {
    fn default() -> Self {
        DemoActivity { visits: DEFAULT_VISITS }
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
    pub visits: usize,
    /// Claims built: primary claims, one corrected claim and some secondary claims.
    pub claims: usize,
    /// Visits left without a claim (the unbilled queue).
    pub unbilled: usize,
    /// The accounts' history (zero unless [`settle_accounts`] ran).
    pub accounts: AccountsSummary,
}

/// The demo practice record (box 33) for a specialty.
pub fn demo_practice(specialty: Specialty) -> Practice {
    setup::practice(specialty)
}

/// Creates a new practice file at `path` filled with a demo practice (with the default
/// activity: `DEFAULT_VISITS` visits and their claims) and its accounts' history (see
/// [`settle_accounts`]). Refuses an existing file. If filling fails the new file is removed
/// again, so no half-made demo is left behind.
pub fn create_demo(path: &Path, options: &DemoOptions) -> Result<(Store, DemoSummary)> {
    create_demo_full(path, options, &DemoActivity::default())
}

/// `create_demo` with a chosen amount of billing history, and the accounts' history on top
/// of it (payments, statement runs, plans, collections).
pub fn create_demo_full(path: &Path, options: &DemoOptions, activity: &DemoActivity) -> Result<(Store, DemoSummary)> {
    create_and_fill(path, options, |store| {
        let mut summary = populate_with(store, options, activity)?;
        summary.accounts = settle_accounts(store, options)?;
        Ok(summary)
    })
}

/// A new practice file with billing history only (visits, claims, remittances): what the
/// benchmarks and job tests measure, without patient payments or statements.
pub fn create_demo_with(path: &Path, options: &DemoOptions, activity: &DemoActivity) -> Result<(Store, DemoSummary)> {
    create_and_fill(path, options, |store| populate_with(store, options, activity))
}

fn create_and_fill(
    path: &Path,
    options: &DemoOptions,
    fill: impl FnOnce(&mut Store) -> Result<DemoSummary>,
) -> Result<(Store, DemoSummary)> {
    let mut store = Store::create(path, &demo_practice(options.specialty))?;
    match users::add_demo_users(&mut store).and_then(|()| fill(&mut store)) {
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

/// Adds what happened on the guarantors' accounts to a practice filled by [`populate_with`]:
/// copays at check-in, patient payments in full and in part, two past statement runs (60 and
/// 30 days before `options.today`), payment plans in every state, accounts sent to a
/// collection agency (one with an agency payment) and a statement hold. Each event is its own
/// transaction, dated its own day; on a failure `create_demo` removes the file.
pub fn settle_accounts(store: &mut Store, options: &DemoOptions) -> Result<AccountsSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed ^ 0xACC0_0000);
    as_demo_user(store, |store| accounts::settle(store, &mut rng, options.today))
}

/// Who makes the demo's invented history: ClaimDesk itself (postings say "demo"), not
/// whoever ran the generator.
pub fn demo_actor() -> Actor {
    Actor::system(Source::Demo)
}

/// Runs `f` with postings recorded as made by the demo, then puts the store's own actor back.
fn as_demo_user<T>(store: &mut Store, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
    let who = store.actor().clone();
    store.set_actor(&demo_actor());
    let value = f(store);
    store.set_actor(&who);
    value
}

/// SQLite's companion files are named after the database file: `practice.claimdesk-wal`.
fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Fills an open practice file (or `Store::open_in_memory`) with providers, facilities,
/// payers, a (test-mode) clearinghouse, the fee schedule, `options.patients` patients and
/// the default activity (visits and claims), all in one transaction: the store ends up with
/// all of it or none of it.
pub fn populate(store: &mut Store, options: &DemoOptions) -> Result<DemoSummary> {
    populate_with(store, options, &DemoActivity::default())
}

/// `populate` with a chosen amount of billing history.
///
/// Everything is dated relative to `options.today`, which must not be after the store's own
/// today (`Store::today`). The transaction runs "as of" `options.today`
/// (`Store::with_tx_as_of`), so scrubbing and filing limits agree with the generated dates;
/// the store's own date is left as it was.
pub fn populate_with(store: &mut Store, options: &DemoOptions, activity: &DemoActivity) -> Result<DemoSummary> {
    if options.today > store.today() {
        return Err(claimdesk_store::StoreError::invalid(
            "today",
            format!("The demo cannot be dated {} (after today, {})", options.today, store.today()),
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    as_demo_user(store, |store| {
        store.with_tx_as_of(options.today, |tx| {
            let (providers, rendering) = setup::save_providers(tx, &mut rng, options.specialty)?;
            let facilities = setup::save_facilities(tx, options.specialty)?;
            let payers = setup::save_payers(tx, options.specialty)?;
            setup::save_clearinghouse(tx, options.specialty)?;
            let fees = fees::save_fee_schedule(tx, &mut rng, options.specialty, &payers, options.today)?;
            let registered =
                patients::PatientMaker::new(&mut rng, &payers, options.today, options.patients).register_all(tx)?;
            // Billing has its own generator, so more or fewer visits never change the patients.
            let mut billing_rng = ChaCha8Rng::seed_from_u64(options.seed ^ 0xB111_0000);
            let billed = claims::Biller::new(
                &mut billing_rng,
                options.specialty,
                options.today,
                &payers,
                &registered.saved,
                &rendering,
            )
            .run(tx, activity.visits)?;
            // What chiropractic offices track beyond the claim (issue 15's showcase): demo
            // patients without visits become a patient near the plan's limit, one under an
            // authorization and one on a prepaid package.
            if let (Specialty::Chiro, Some(&doctor)) = (options.specialty, rendering.first()) {
                let taken = visit_limits::add(tx, options.today, &registered.saved, &payers, doctor)?;
                packages::add(tx, options.today, &registered.saved, &taken, doctor)?;
            }
            // Medicare active and maintenance care (episodes, an ABN, AT/GA/GZ): medicare_care.rs.
            if options.specialty == Specialty::Chiro && activity.visits > 0 {
                medicare_care::add(tx, &payers, &registered.saved, &rendering, options.today)?;
            }
            if options.specialty == Specialty::Chiro && activity.visits > 0 {
                injury_cases::add(tx, options.today, &payers, &registered.saved, &rendering)?;
            }
            Ok(DemoSummary {
                providers,
                facilities,
                payers: payers.len(),
                patients: registered.patients,
                policies: registered.policies,
                fees,
                visits: billed.visits,
                claims: billed.claims,
                unbilled: billed.unbilled,
                accounts: AccountsSummary::default(),
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimdesk_core::claims::ClaimStatus;
    use claimdesk_core::{PayerKind, Relationship, Responsible};
    use claimdesk_store::{ClaimQueue, FeeFilter, SearchOptions};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a valid date")
    }

    fn options(specialty: Specialty, patients: usize, seed: u64) -> DemoOptions {
        DemoOptions { specialty, patients, seed, today: today() }
    }

    fn demo_with(options: &DemoOptions, visits: usize) -> (Store, DemoSummary) {
        let mut store = Store::open_in_memory(&demo_practice(options.specialty)).unwrap();
        store.set_today(options.today);
        let summary = populate_with(&mut store, options, &DemoActivity { visits }).unwrap();
        (store, summary)
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
        assert!((7..=9).contains(&summary.payers));
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
    fn the_chiro_demo_has_a_patient_near_the_plan_limit_and_one_under_an_authorization() {
        let (store, _) = demo_in_memory(&options(Specialty::Chiro, 50, 1));
        let find = |name: &str| {
            store.search_patients(name, &SearchOptions { limit: 5, include_inactive: false }).unwrap()[0].id
        };
        let ask = |patient_id| {
            let q = claimdesk_store::VisitInQuestion {
                patient_id,
                visit_id: None,
                service_date: today(),
                codes: vec!["98940".into()],
                injury_case_id: None,
            };
            store.visit_allowances(&q).unwrap()
        };
        let near = ask(find("Harlow"));
        assert_eq!(
            near[0].message,
            format!("1 of 12 visits left this plan year (ends {})", claimdesk_core::validation::us_date(near[0].ends))
        );
        assert!(near[0].warning);
        let authorized = ask(find("Ellery"));
        assert!(authorized[0].message.starts_with("Authorization AUTH-88213 3 of 6 used, ends "), "{authorized:?}");
        let worklist = store.near_limit_worklist(today(), claimdesk_store::PageRequest::new(0, 50)).unwrap();
        assert!(worklist.rows.iter().any(|r| r.patient_name.starts_with("HARLOW")), "{:?}", worklist.rows);
        // Their claims went out clean: box 23 carries the authorization by itself.
        let visits = store.list_visits_for_patient(find("Ellery")).unwrap();
        assert!(visits.iter().all(|v| store.get_visit(v.id).unwrap().prior_authorization == "AUTH-88213"));
        // A self-pay patient on a prepaid package, four visits drawn; the practice's prompt-pay discount.
        let packages = store.packages_for_patient(find("Packard")).unwrap();
        assert_eq!(packages[0].message, "4 of 12 visits used, 8 left");
        assert_eq!(store.patient_balance(find("Packard")).unwrap().patient_due, -packages[0].value_left);
        assert_eq!(store.prompt_pay_policy().unwrap().percent, 10);
    }

    #[test]
    fn the_demo_sends_to_a_test_mode_clearinghouse() {
        for (specialty, submitter, id) in [
            (Specialty::Physician, "RIVERSIDE FAMILY MEDICINE", "RFM0001"),
            (Specialty::Chiro, "SPINE WELLNESS CHIROPRACTIC", "SWC0001"),
        ] {
            let (store, _) = demo_with(&options(specialty, 0, 1), 0);
            let list = store.list_clearinghouses().unwrap();
            assert_eq!(list.len(), 1);
            let ch = store.clearinghouse(None).unwrap();
            assert_eq!(ch, list[0]);
            assert_eq!(ch.name, "Demo Clearinghouse");
            assert_eq!(
                (ch.submitter_name.as_str(), ch.submitter_id.as_str(), ch.sender_id.as_str()),
                (submitter, id, id)
            );
            assert_eq!((ch.receiver_id.as_str(), ch.interchange_receiver_id.as_str()), ("DEMOCH", "DEMOCH"));
            assert!(!ch.production, "the demo never sends production files");
            assert!(ch.is_default);
        }
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

    #[test]
    fn demo_diagnoses_are_billable_codes() {
        let codes = claimdesk_core::icd10::CodeSet::bundled();
        for code in claims::DIAGNOSES {
            let found = codes.get(code).unwrap_or_else(|| panic!("{code} is not in the code set"));
            assert!(found.billable, "{code} is a header, not a billable code");
        }
    }

    fn claims_without_timestamps(store: &Store) -> Vec<claimdesk_store::ClaimSummary> {
        let mut list = store.list_claims(&ClaimQueue::All).unwrap();
        for c in &mut list {
            c.submitted_at = None; // the clock time of the demo run
        }
        list
    }

    #[test]
    fn the_physician_demo_has_claims_in_every_status_and_every_queue() {
        let (store, summary) = demo_with(&options(Specialty::Physician, 200, 1), 300);
        assert_eq!(summary.visits, 300);
        let all = store.list_claims(&ClaimQueue::All).unwrap();
        assert_eq!(all.len(), summary.claims);
        for status in ClaimStatus::ALL {
            assert!(all.iter().any(|c| c.status == status), "no {status:?} claim");
        }
        let unbilled = store.list_unbilled_visits().unwrap();
        assert_eq!(unbilled.len(), summary.unbilled);
        assert!((15..=25).contains(&unbilled.len()), "{} unbilled", unbilled.len());
        let errors = store.list_claims(&ClaimQueue::ScrubberErrors).unwrap();
        assert!(errors.len() >= 2, "the errors queue shows the spoiled visits");
        assert!(!store.list_claims(&ClaimQueue::Ready).unwrap().is_empty());
        assert!(all.iter().any(|c| c.frequency == claimdesk_core::claims::Frequency::Replacement));
        assert!(all.iter().any(|c| c.payer_rank == 2), "secondary claims too");
        // Mistakes the scrubber reports with the field to fix.
        let mut rules = std::collections::BTreeSet::new();
        let mut store = store;
        for c in &errors {
            for f in store.scrub_claim(c.id, &demo_actor()).unwrap().findings {
                rules.insert(f.rule);
            }
        }
        assert!(rules.contains("POINTER_BEYOND_DIAGNOSES") || rules.contains("DIAGNOSIS_NOT_BILLABLE"), "{rules:?}");
        // Paper and electronic batches both went out.
        let notes: Vec<String> = all
            .iter()
            .filter(|c| c.submitted_at.is_some())
            .flat_map(|c| store.claim_history(c.id).unwrap())
            .map(|h| h.note)
            .collect();
        assert!(notes.iter().any(|n| n.contains("(paper)")));
        assert!(notes.iter().any(|n| n.contains("(electronic)")));
        // Every visit is dated inside the history and none in the future.
        for v in store.list_unbilled_visits().unwrap() {
            assert!(v.service_date < today() && v.service_date >= today() - chrono::TimeDelta::days(120));
        }
    }

    #[test]
    fn chiro_medicare_claims_carry_at_and_a_subluxation() {
        use claimdesk_core::chiro_care::CarePhase;
        let (store, _) = demo_with(&options(Specialty::Chiro, 200, 1), 300);
        let errors: Vec<i64> =
            store.list_claims(&ClaimQueue::ScrubberErrors).unwrap().into_iter().map(|c| c.id).collect();
        let mut medicare_claims = 0;
        let mut missing_at = 0;
        let mut xray_gy = false;
        for c in store.list_claims(&ClaimQueue::All).unwrap() {
            let data = store.claim_data(c.id).unwrap();
            if data.payer.kind != PayerKind::Medicare {
                continue;
            }
            medicare_claims += 1;
            assert!(data.visit.diagnoses[0].starts_with("M99.0"), "{:?}", data.visit.diagnoses);
            assert!(data.visit.initial_treatment_date.is_some());
            for l in &data.visit.lines {
                // Maintenance care (the Medicare care patients of medicare_care.rs) carries GA/GZ.
                let day = l.service_from.or(data.visit.service_date).unwrap();
                let active = data.care.as_ref().is_none_or(|care| care.phase_on(day) == CarePhase::Active);
                if l.code.starts_with("9894") && active && !l.modifiers.iter().any(|m| m == "AT") {
                    missing_at += 1;
                    assert!(errors.contains(&c.id), "a claim missing AT is in the errors queue");
                }
                xray_gy |= l.code == "72100" && l.modifiers.iter().any(|m| m == "GY");
            }
        }
        assert!(medicare_claims >= 20, "{medicare_claims} Medicare claims");
        // A few claims are spoiled on purpose (for the errors queue): some, never most.
        assert!(
            missing_at >= 1 && missing_at * 4 <= medicare_claims,
            "a few break the AT rule: {missing_at} of {medicare_claims}"
        );
        assert!(xray_gy, "a Medicare x-ray carries GY");
        assert!(!errors.is_empty());
    }

    #[test]
    fn the_chiro_demo_has_medicare_active_and_maintenance_care() {
        use claimdesk_core::chiro_care::CarePhase;
        let (store, _) = demo_with(&options(Specialty::Chiro, 200, 1), 300);
        let mut seen = std::collections::BTreeSet::new();
        let mut patients = std::collections::BTreeSet::new();
        for c in store.list_claims(&ClaimQueue::All).unwrap() {
            let data = store.claim_data(c.id).unwrap();
            let Some(care) = &data.care else { continue };
            patients.insert(data.patient.id);
            assert_eq!(c.status, ClaimStatus::Ready, "an episode's claim scrubs clean");
            assert_eq!(data.visit.initial_treatment_date, care.initiation_date, "box 14 from the episode");
            let day = data.visit.service_date.unwrap();
            let l = &data.visit.lines[0];
            let modifier = l.modifiers.join(":");
            match care.phase_on(day) {
                CarePhase::Active => assert_eq!(modifier, "AT"),
                CarePhase::Maintenance => {
                    assert!(modifier == "GA" || modifier == "GZ", "{modifier}");
                    assert_eq!(modifier == "GA", care.abn_for(&l.code, day).is_ok());
                    assert_eq!(data.visit.abn_on_file, modifier == "GA");
                }
            }
            seen.insert(modifier);
        }
        assert_eq!(seen.into_iter().collect::<Vec<_>>(), ["AT", "GA", "GZ"]);
        assert_eq!(patients.len(), 3);
        let with_abn: Vec<_> =
            patients.iter().flat_map(|p| store.abns_for_patient(p.unwrap(), today()).unwrap()).collect();
        assert_eq!(with_abn.len(), 1);
        assert!(with_abn[0].status_label.starts_with("valid until"), "{}", with_abn[0].status_label);
    }

    /// The scrubber's coding edits (CMT level, age bands, sex-specific codes).
    const CODING_EDITS: [&str; 8] = [
        "CMT_REGIONS_NOT_SUPPORTED",
        "CMT_REGIONS_UNDERCODED",
        "CMT_EXTRASPINAL_DIAGNOSIS",
        "PREVENTIVE_AGE_BAND",
        "MEDICARE_ROUTINE_PHYSICAL",
        "IMMUNIZATION_COUNSELING_AGE",
        "PROCEDURE_SEX",
        "DIAGNOSIS_SEX",
    ];

    /// Every claim of a demo practice with the coding edits it breaks.
    fn coding_edit_findings(store: &Store) -> Vec<(i64, String, String)> {
        use claimdesk_core::scrubber::{self, Context};
        let codes = claimdesk_core::icd10::CodeSet::bundled();
        let ctx = Context { today: today(), codes, timely_filing_warning_days: 14 };
        let mut found = Vec::new();
        for c in store.list_claims(&ClaimQueue::All).unwrap() {
            let data = store.claim_data(c.id).unwrap();
            for f in scrubber::scrub(&data, &ctx, &[]) {
                if CODING_EDITS.contains(&f.rule.as_str()) {
                    found.push((c.id, f.rule, f.message));
                }
            }
        }
        found
    }

    #[test]
    fn the_demo_bills_spinal_manipulation_by_the_regions_diagnosed() {
        use claimdesk_core::coding;
        let (store, _) = demo_with(&options(Specialty::Chiro, 200, 1), 300);
        let mut levels = std::collections::BTreeSet::new();
        for c in store.list_claims(&ClaimQueue::All).unwrap() {
            let data = store.claim_data(c.id).unwrap();
            let regions = coding::spinal_regions(&data.visit.diagnoses);
            for l in data.visit.lines.iter().filter(|l| coding::cmt_regions(&l.code).is_some()) {
                assert_eq!(Some(l.code.as_str()), coding::cmt_code_for_regions(regions), "{:?}", data.visit.diagnoses);
                levels.insert(l.code.clone());
            }
        }
        assert!(levels.contains("98940") && levels.contains("98941"), "{levels:?}");
        assert_eq!(coding_edit_findings(&store), vec![]);
    }

    #[test]
    fn the_physician_demo_passes_the_coding_edits() {
        // Seed 2 has infants, teenagers and a patient with Medicare behind an employer plan.
        let (store, _) = demo_with(&options(Specialty::Physician, 300, 2), 500);
        assert_eq!(coding_edit_findings(&store), vec![]);
    }

    #[test]
    fn same_seed_same_claims() {
        let (a, sa) = demo_with(&options(Specialty::Physician, 120, 9), 150);
        let (b, sb) = demo_with(&options(Specialty::Physician, 120, 9), 150);
        assert_eq!(sa, sb);
        assert_eq!(claims_without_timestamps(&a), claims_without_timestamps(&b));
        assert_eq!(a.list_unbilled_visits().unwrap(), b.list_unbilled_visits().unwrap());
        let (c, _) = demo_with(&options(Specialty::Physician, 120, 10), 150);
        assert_ne!(claims_without_timestamps(&a), claims_without_timestamps(&c));
    }

    #[test]
    fn no_visits_means_no_claims_and_the_same_patients() {
        let (with, _) = demo_with(&options(Specialty::Physician, 80, 4), 100);
        let (without, summary) = demo_with(&options(Specialty::Physician, 80, 4), 0);
        assert_eq!((summary.visits, summary.claims, summary.unbilled), (0, 0, 0));
        assert!(without.list_claims(&ClaimQueue::All).unwrap().is_empty());
        assert_eq!(all_patients(&with), all_patients(&without), "billing never changes the patients");
    }

    #[test]
    fn the_demo_accounts_have_payments_statements_plans_and_collections() {
        use claimdesk_core::posting::EntryKind;
        use claimdesk_core::Money;
        use claimdesk_store::{PlanFilter, PlanRecordStatus, StatementFilter};
        let options = options(Specialty::Physician, 200, 1);
        let (mut store, _) = demo_with(&options, 300);
        let summary = settle_accounts(&mut store, &options).unwrap();
        assert_eq!(store.today(), options.today, "the store's own date is put back");
        assert_eq!(summary.statement_runs, 2);
        assert!(summary.statements > 10, "{summary:?}");
        assert!(summary.patient_payments > 15, "{summary:?}");
        assert_eq!(summary.sent_to_collections, 2);
        // Deposits: every payment older than a few days is in one; one slip is $20.00 short.
        assert!(summary.deposits >= 4, "{summary:?}");
        let deposits = store.list_deposits(options.today - chrono::Days::new(400), options.today).unwrap();
        assert_eq!(deposits.len(), summary.deposits);
        let short: Vec<_> = deposits.iter().filter(|d| !d.difference.is_zero()).collect();
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].difference.cents().abs(), 2000);
        let waiting = store.list_undeposited_payments(None).unwrap();
        assert!(waiting.iter().all(|p| p.received_on > options.today - chrono::Days::new(4)), "{waiting:?}");

        // Plans in every state, one amended (its first version replaced).
        let plans = store.list_plans(PlanFilter::All).unwrap();
        let statuses: std::collections::BTreeSet<String> = plans.iter().map(|p| format!("{:?}", p.status)).collect();
        for status in [
            PlanRecordStatus::Active,
            PlanRecordStatus::Delinquent,
            PlanRecordStatus::Completed,
            PlanRecordStatus::Cancelled,
            PlanRecordStatus::Defaulted,
            PlanRecordStatus::Replaced,
        ] {
            assert!(statuses.contains(&format!("{status:?}")), "{status:?} missing: {statuses:?}");
        }
        assert!(plans.iter().any(|p| p.version == 2), "the amended plan has a second version");

        // Every account still balances, payments of each kind are on the ledger, and the
        // collections accounts keep their balance.
        let mut methods = 0;
        for p in all_patients(&store) {
            let id = p.id.unwrap();
            let balance = store.patient_balance(id).unwrap();
            let entries = store.ledger_for_patient(id).unwrap();
            assert_eq!(entries.iter().map(|e| e.amount).sum::<Money>(), balance.total);
            methods += entries.iter().filter(|e| e.kind == EntryKind::PatientPayment).count();
        }
        assert!(methods > 15);
        let all = StatementFilter {
            statement_date: options.today,
            min_balance: Money::ZERO,
            days_since_last: 0,
            include_holds: true,
            include_collections: true,
            final_notice_only: false,
        };
        let candidates = store.statement_candidates(&all).unwrap();
        assert_eq!(candidates.iter().filter(|c| c.in_collections).count(), 2, "both keep a balance");
        assert_eq!(candidates.iter().filter(|c| c.hold).count(), 1);
        assert!(candidates.iter().any(|c| c.last_statement.is_some()), "past runs are on file");

        // Balances of every age on today's statements.
        let contact = claimdesk_store::PracticeContact::from_practice(&store.practice().unwrap());
        let mut aging = claimdesk_store::StatementAging::default();
        for c in &candidates {
            let s = store.statement_data(c.account, options.today, &contact).unwrap();
            aging.current = aging.current + s.aging.current;
            aging.days_31_60 = aging.days_31_60 + s.aging.days_31_60;
            aging.days_61_90 = aging.days_61_90 + s.aging.days_61_90;
            aging.over_90 = aging.over_90 + s.aging.over_90;
        }
        for (bucket, amount) in [
            ("current", aging.current),
            ("31-60", aging.days_31_60),
            ("61-90", aging.days_61_90),
            ("over 90", aging.over_90),
        ] {
            assert!(amount > Money::ZERO, "{bucket}: {aging:?}");
        }
    }

    /// Whatever day the demo is made, its plans are in every state (the e2e test and a new
    /// user's first look rely on it).
    #[test]
    fn plans_in_every_state_whatever_the_day() {
        use claimdesk_store::PlanFilter;
        for (y, m, d) in [(2026, 11, 25), (2027, 1, 2), (2027, 3, 1), (2027, 6, 30)] {
            let options = DemoOptions {
                today: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                ..options(Specialty::Physician, 200, 1)
            };
            let (mut store, _) = demo_with(&options, 300);
            settle_accounts(&mut store, &options).unwrap();
            let statuses: std::collections::BTreeSet<String> =
                store.list_plans(PlanFilter::All).unwrap().iter().map(|p| format!("{:?}", p.status)).collect();
            assert_eq!(statuses.len(), 6, "{options:?}: {statuses:?}");
        }
    }

    #[test]
    fn same_seed_same_accounts() {
        let options = options(Specialty::Chiro, 120, 5);
        let run = || {
            let (mut store, _) = demo_with(&options, 200);
            let summary = settle_accounts(&mut store, &options).unwrap();
            let plans: Vec<_> = store
                .list_plans(claimdesk_store::PlanFilter::All)
                .unwrap()
                .into_iter()
                .map(|p| (p.plan_number, p.version, p.status, p.terms, p.state))
                .collect();
            (summary, plans)
        };
        assert_eq!(run(), run());
    }

    #[test]
    fn the_demo_posts_remittances_and_the_ledger_balances() {
        use claimdesk_core::posting::EntryKind;
        use claimdesk_core::Money;
        let (store, _) = demo_with(&options(Specialty::Physician, 200, 1), 300);
        let (mut charges, mut payments, mut adjustments, mut transfers, mut all_entries) =
            (Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO);
        let mut visit_charges = Money::ZERO;
        let mut responsibilities = std::collections::BTreeSet::new();
        for p in all_patients(&store) {
            let id = p.id.unwrap();
            let balance = store.patient_balance(id).unwrap();
            assert_eq!(balance.total, balance.insurance_pending + balance.patient_due);
            let entries = store.ledger_for_patient(id).unwrap();
            assert_eq!(entries.iter().map(|e| e.amount).sum::<Money>(), balance.total, "{}", p.display_name());
            for e in &entries {
                all_entries = all_entries + e.amount;
                match e.kind {
                    EntryKind::Charge => charges = charges + e.amount,
                    EntryKind::InsurancePayment | EntryKind::PatientPayment => payments = payments - e.amount,
                    EntryKind::Adjustment => adjustments = adjustments - e.amount,
                    EntryKind::Transfer => {
                        transfers = transfers + e.amount;
                        responsibilities.insert(e.responsibility.clone());
                    }
                    EntryKind::Refund => panic!("the demo refunds nothing"),
                }
            }
            visit_charges =
                visit_charges + store.list_visits_for_patient(id).unwrap().iter().map(|v| v.total_charge).sum();
        }
        assert_eq!(transfers, Money::ZERO, "patient responsibility only moves between buckets");
        assert_eq!(all_entries, charges - payments - adjustments);
        assert_eq!(charges, visit_charges, "every visit's charges are on the ledger");
        assert!(payments > Money::ZERO && adjustments > Money::ZERO);
        for why in ["deductible", "coinsurance", "copay"] {
            assert!(responsibilities.contains(why), "{why}: {responsibilities:?}");
        }

        // Claims answered by remittances posted through the engine, in each answer.
        let all = store.list_claims(&ClaimQueue::All).unwrap();
        let mut by_remittance = std::collections::HashMap::<ClaimStatus, usize>::new();
        let mut paid_by_claims = Money::ZERO;
        for c in &all {
            if let Some(h) = store.claim_history(c.id).unwrap().iter().find(|h| h.note.starts_with("payer status")) {
                *by_remittance.entry(h.to_status).or_default() += 1;
                paid_by_claims = paid_by_claims + store.claim_money(c.id).unwrap().insurance_paid;
            }
        }
        assert_eq!(paid_by_claims, payments, "every payment belongs to a posted claim");
        assert!(by_remittance.get(&ClaimStatus::Paid).is_some_and(|n| *n > 50), "{by_remittance:?}");
        assert!(by_remittance.contains_key(&ClaimStatus::PartiallyPaid), "{by_remittance:?}");
        assert!(by_remittance.contains_key(&ClaimStatus::Denied), "{by_remittance:?}");
        assert!(store.list_remittance_exceptions().unwrap().is_empty(), "every demo remittance posted whole");
        // Posting a primary with patient responsibility for a patient with a second policy
        // built the secondary claim.
        let secondary = all.iter().find(|c| c.payer_rank == 2).expect("a secondary claim");
        let history = store.claim_history(secondary.id).unwrap();
        assert!(!history.is_empty());
    }

    #[test]
    fn the_sample_835_pays_the_waiting_claims() {
        let (store, _) = demo_with(&options(Specialty::Physician, 120, 5), 150);
        let text = sample_835(&store).unwrap();
        let remittances = claimdesk_x12::parse_835(&text).unwrap();
        let waiting: Vec<String> = store
            .list_claims(&ClaimQueue::All)
            .unwrap()
            .into_iter()
            .filter(|c| matches!(c.status, ClaimStatus::Submitted | ClaimStatus::Accepted))
            .map(|c| c.control_number)
            .collect();
        let mut paid: Vec<String> =
            remittances.iter().flat_map(|r| r.claims.iter().map(|c| c.adjudication.control_number.clone())).collect();
        assert!(paid.contains(&UNKNOWN_CONTROL_NUMBER.to_string()));
        paid.retain(|c| c != UNKNOWN_CONTROL_NUMBER);
        paid.sort();
        let mut expected = waiting.clone();
        expected.sort();
        assert_eq!(paid, expected);
        for r in &remittances {
            assert!(claimdesk_x12::balance_problems(r).is_empty(), "{:?}", claimdesk_x12::balance_problems(r));
        }
        let statuses: Vec<&str> =
            remittances.iter().flat_map(|r| r.claims.iter().map(|c| c.adjudication.status_code.as_str())).collect();
        assert!(statuses.contains(&"4"), "one denial");
        // The same claims get the same amounts; only the trace numbers and dates are new.
        let again = claimdesk_x12::parse_835(&sample_835(&store).unwrap()).unwrap();
        let amounts = |rs: &[claimdesk_x12::Remittance]| -> Vec<_> {
            rs.iter()
                .flat_map(|r| {
                    r.claims.iter().map(|c| {
                        (c.adjudication.control_number.clone(), c.adjudication.paid, c.adjudication.lines.clone())
                    })
                })
                .collect()
        };
        assert_eq!(amounts(&remittances), amounts(&again));
    }
}
