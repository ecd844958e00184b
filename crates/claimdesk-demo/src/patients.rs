//! Synthetic patients, generated a household at a time so families look like families:
//! children have a parent as guarantor and are insured on a parent's plan, spouses share
//! an address and phone and sometimes a policy, people over 65 are mostly on Medicare.

use crate::names;
use crate::setup::{CardStyle, DemoPayer};
use chrono::{Datelike, NaiveDate, TimeDelta};
use claimdesk_core::{
    Address, EligibilityCheck, EligibilityStatus, Money, Patient, PayerKind, Person, Policy, Relationship, Responsible,
    Sex,
};
use claimdesk_store::{Result, Tx};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// What was saved.
#[derive(Debug, Default)]
pub struct Registered {
    pub patients: usize,
    pub policies: usize,
    /// Everyone saved, in the order they were registered (with their ids and policies).
    pub saved: Vec<Patient>,
}

/// Where a household lives.
struct Home {
    last_name: &'static str,
    address: Address,
    /// Blank when the household has no landline.
    phone: String,
}

/// A parent or spouse who is not a patient here but guarantees an account or holds a policy.
struct Outsider {
    person: Person,
    /// Their employer plan, if they have one: (the policy as held by them).
    plan: Option<Policy>,
}

/// Who a dependent's guarantor and subscriber are.
enum Holder<'a> {
    Patient(&'a Patient),
    Outsider(&'a Outsider),
}

impl Holder<'_> {
    fn responsible(&self) -> Responsible {
        match self {
            Holder::Patient(p) => Responsible::Patient { patient_id: p.id.unwrap_or_default(), name: p.display_name() },
            Holder::Outsider(o) => Responsible::Person { person: o.person.clone() },
        }
    }

    /// The employer plan a dependent can be added to.
    fn employer_plan(&self, payers: &[DemoPayer]) -> Option<Policy> {
        let plans: Vec<&Policy> = match self {
            Holder::Patient(p) => p.policies.iter().collect(),
            Holder::Outsider(o) => o.plan.iter().collect(),
        };
        plans
            .into_iter()
            .filter(|pol| pol.relationship == Relationship::Itself)
            .find(|pol| payers.iter().any(|y| y.id == pol.payer_id && (y.has_groups || y.kind == PayerKind::Tricare)))
            .cloned()
    }
}

pub struct PatientMaker<'a> {
    rng: &'a mut ChaCha8Rng,
    payers: &'a [DemoPayer],
    today: NaiveDate,
    female: Vec<&'static str>,
    male: Vec<&'static str>,
    last: Vec<&'static str>,
    streets: Vec<&'static str>,
    made: Registered,
    wanted: usize,
}

const MEDICAID_ADULT_PERCENT: u32 = 7;
const UNINSURED_ADULT_PERCENT: u32 = 18;
const INACTIVE_PERCENT: u32 = 2;

impl<'a> PatientMaker<'a> {
    pub fn new(rng: &'a mut ChaCha8Rng, payers: &'a [DemoPayer], today: NaiveDate, wanted: usize) -> Self {
        PatientMaker {
            rng,
            payers,
            today,
            female: names::words(names::FEMALE_FIRST),
            male: names::words(names::MALE_FIRST),
            last: names::words(names::LAST),
            streets: names::words(names::STREETS),
            made: Registered::default(),
            wanted,
        }
    }

    /// Registers households until `wanted` patients are saved.
    pub fn register_all(mut self, tx: &Tx) -> Result<Registered> {
        while self.made.patients < self.wanted {
            self.household(tx)?;
        }
        Ok(self.made)
    }

    // ---- small random helpers ----

    fn percent(&mut self, p: u32) -> bool {
        self.rng.gen_range(0..100) < p
    }

    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.rng.gen_range(0..list.len())]
    }

    /// A random day between `min` and `max` days before today.
    fn days_ago(&mut self, min: i64, max: i64) -> NaiveDate {
        let days = self.rng.gen_range(min..max);
        self.today - TimeDelta::days(days)
    }

    fn birth_date(&mut self, age: u32) -> NaiveDate {
        let age = i64::from(age);
        let days = age * 365 + age / 4 + self.rng.gen_range(0..365);
        self.today - TimeDelta::days(days)
    }

    fn adult_age(&mut self) -> u32 {
        // Bands weighted like a family practice's panel.
        match self.rng.gen_range(0..100) {
            0..=14 => self.rng.gen_range(18..30),
            15..=36 => self.rng.gen_range(30..45),
            37..=69 => self.rng.gen_range(45..65),
            70..=91 => self.rng.gen_range(65..80),
            _ => self.rng.gen_range(80..=95),
        }
    }

    /// Phone numbers in the 555-01xx block, which is reserved for fiction.
    fn phone(&mut self) -> String {
        let area = self.pick(&[512, 512, 737, 254]);
        format!("{area}-555-01{:02}", self.rng.gen_range(0..100))
    }

    fn first_name(&mut self, sex: Sex) -> &'static str {
        match sex {
            Sex::F => self.female[self.rng.gen_range(0..self.female.len())],
            Sex::M => self.male[self.rng.gen_range(0..self.male.len())],
            Sex::U => {
                let female = self.percent(50);
                self.first_name(if female { Sex::F } else { Sex::M })
            }
        }
    }

    fn sex(&mut self) -> Sex {
        match self.rng.gen_range(0..1000) {
            0..=2 => Sex::U,
            3..=510 => Sex::F,
            _ => Sex::M,
        }
    }

    fn middle_name(&mut self) -> String {
        match self.rng.gen_range(0..100) {
            0..=29 => self.first_name(Sex::U)[..1].to_string(),
            30..=44 => self.first_name(Sex::U).to_string(),
            _ => String::new(),
        }
    }

    fn email(&mut self, first: &str, last: &str) -> String {
        let clean = |s: &str| s.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
        format!("{}.{}{}@example.com", clean(first), clean(last), self.rng.gen_range(1..100))
    }

    fn home(&mut self) -> Home {
        let last_name = self.last[self.rng.gen_range(0..self.last.len())];
        let street = names::street_name(self.streets[self.rng.gen_range(0..self.streets.len())]);
        let kind = self.pick(&names::STREET_KINDS);
        let (city, zip) = self.pick(&names::CITIES);
        let line2 = if self.percent(12) { format!("Apt {}", self.rng.gen_range(100..440)) } else { String::new() };
        let phone = if self.percent(50) { self.phone() } else { String::new() };
        Home {
            last_name,
            address: Address {
                line1: format!("{} {street} {kind}", self.rng.gen_range(100..9900)),
                line2,
                city: city.into(),
                state: "TX".into(),
                zip: zip.into(),
            },
            phone,
        }
    }

    // ---- insurance ----

    fn payer(&self, kind: PayerKind) -> Option<&'a DemoPayer> {
        self.payers.iter().find(|p| p.kind == kind)
    }

    fn employer_payer(&mut self) -> Option<&'a DemoPayer> {
        let payers = self.payers;
        let choices: Vec<&'a DemoPayer> = payers.iter().filter(|p| p.has_groups).collect();
        if choices.is_empty() {
            None
        } else {
            Some(choices[self.rng.gen_range(0..choices.len())])
        }
    }

    fn letters(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n).map(|_| char::from(alphabet[self.rng.gen_range(0..alphabet.len())])).collect()
    }

    fn digits(&mut self, n: usize) -> String {
        self.letters(b"0123456789", n)
    }

    /// A member ID as printed on the payer's cards.
    fn member_id(&mut self, card: CardStyle) -> String {
        match card {
            CardStyle::Mbi => {
                // Medicare Beneficiary Identifier: no S, L, O, I, B or Z, so it never looks like a digit.
                const ALPHA: &[u8] = b"ACDEFGHJKMNPQRTUVWXY";
                const ALNUM: &[u8] = b"ACDEFGHJKMNPQRTUVWXY0123456789";
                format!(
                    "{}{}{}{}{}{}{}{}{}",
                    self.letters(b"123456789", 1),
                    self.letters(ALPHA, 1),
                    self.letters(ALNUM, 1),
                    self.digits(1),
                    self.letters(ALPHA, 1),
                    self.letters(ALNUM, 1),
                    self.digits(1),
                    self.letters(ALPHA, 2),
                    self.digits(2),
                )
            }
            CardStyle::Medicaid => format!("5{}", self.digits(8)),
            CardStyle::Prefixed(prefix) => format!("{prefix}{}", self.digits(9)),
            CardStyle::Tricare => self.digits(11),
            CardStyle::Claim(prefix) => {
                format!("{prefix}-{}-{}", self.today.year() - self.rng.gen_range(0..2), self.digits(6))
            }
        }
    }

    fn first_of_month(d: NaiveDate) -> NaiveDate {
        d.with_day(1).unwrap_or(d)
    }

    /// A policy the person holds themself.
    fn own_policy(&mut self, payer: &DemoPayer, birth: NaiveDate) -> Policy {
        let started = Self::first_of_month(self.days_ago(30, 3000));
        let effective_from = match payer.kind {
            // Medicare starts the month a person turns 65.
            PayerKind::Medicare => NaiveDate::from_ymd_opt(birth.year() + 65, birth.month(), 1)
                .filter(|d| *d <= self.today)
                .unwrap_or(started),
            _ => started.max(birth),
        };
        let (group_number, group_name) = if payer.has_groups {
            let employer = self.rng.gen_range(0..names::EMPLOYERS.len());
            (format!("G{}{:04}", payer.id, 1200 + employer * 37), names::EMPLOYERS[employer].to_string())
        } else {
            (String::new(), String::new())
        };
        let copay_dollars = match payer.kind {
            PayerKind::Bcbs | PayerKind::Commercial => self.pick(&[0, 20, 25, 25, 30, 30, 40]),
            PayerKind::Tricare => self.pick(&[0, 20]),
            _ => 0,
        };
        let mut policy = Policy {
            id: None,
            payer_id: payer.id,
            payer_name: String::new(),
            member_id: self.member_id(payer.card),
            group_number,
            group_name,
            subscriber: Responsible::Itself,
            relationship: Relationship::Itself,
            effective_from: Some(effective_from),
            effective_to: None,
            copay: Money::from_cents(copay_dollars * 100),
            eligibility: Vec::new(),
            msp_type: String::new(),
            limits: Default::default(),
        };
        self.maybe_verified(&mut policy);
        policy
    }

    /// The holder's plan extended to a dependent: same payer and group, the family's member
    /// number with the dependent's two-digit suffix.
    fn dependent_policy(
        &mut self,
        plan: &Policy,
        holder: &Holder,
        relationship: Relationship,
        suffix: usize,
        birth: NaiveDate,
    ) -> Policy {
        let prefixed = self.payers.iter().any(|p| p.id == plan.payer_id && matches!(p.card, CardStyle::Prefixed(_)));
        let member_id = if prefixed {
            format!("{}{:02}", plan.member_id, suffix)
        } else {
            let card = self.payers.iter().find(|p| p.id == plan.payer_id).map(|p| p.card).unwrap_or(CardStyle::Tricare);
            self.member_id(card)
        };
        let mut policy = Policy {
            id: None,
            member_id,
            subscriber: holder.responsible(),
            relationship,
            effective_from: plan.effective_from.map(|d| d.max(birth)),
            eligibility: Vec::new(),
            ..plan.clone()
        };
        self.maybe_verified(&mut policy);
        policy
    }

    /// About a third of policies carry a recent eligibility verification note.
    fn maybe_verified(&mut self, policy: &mut Policy) {
        if !self.percent(35) {
            return;
        }
        let checked_on = self.days_ago(0, 90).max(policy.effective_from.unwrap_or(self.today));
        let (status, note) = match self.rng.gen_range(0..100) {
            0..=4 => (EligibilityStatus::Inactive, "Portal: coverage ended, ask patient for new card".to_string()),
            5..=9 => (EligibilityStatus::Unknown, "Payer line on hold 40 min; recheck before visit".to_string()),
            10..=44 => (
                EligibilityStatus::Active,
                format!("Portal: active, copay ${}, deductible ${} met", policy.copay, self.pick(&[0, 250, 500, 1000])),
            ),
            45..=74 => (
                EligibilityStatus::Active,
                format!("Called payer, ref #{}: active, no referral needed", self.digits(7)),
            ),
            _ => (EligibilityStatus::Active, "270/271: active coverage".to_string()),
        };
        policy.eligibility.push(EligibilityCheck { id: None, checked_on: Some(checked_on), status, note });
    }

    /// An adult's policies, in billing order. A second plan may be a spouse's (the spouse is
    /// then on file as a person, not a patient).
    fn adult_policies(&mut self, age: u32, birth: NaiveDate, last_name: &'static str) -> Vec<Policy> {
        let mut list = Vec::new();
        if age >= 65 {
            let medicare = self.payer(PayerKind::Medicare);
            if let (Some(medicare), true) = (medicare, self.percent(85)) {
                list.push(self.own_policy(medicare, birth));
                if self.percent(42) {
                    // A supplement, secondary: most buy a Medigap policy; some keep a former
                    // employer's retiree plan (not a Medigap: Medicare's item 9 leaves it out).
                    let medigap = self.payer(PayerKind::Medigap).filter(|_| self.percent(65));
                    if let Some(plan) = medigap.or_else(|| self.employer_payer()) {
                        let mut supplement = self.own_policy(plan, birth);
                        supplement.group_number.clear();
                        supplement.group_name.clear();
                        supplement.copay = Money::ZERO;
                        list.push(supplement);
                    }
                }
                if let (Some(medicaid), true) = (self.payer(PayerKind::Medicaid), self.percent(6)) {
                    // Dual eligible: Medicaid always pays last.
                    list.push(self.own_policy(medicaid, birth));
                }
            } else if let Some(plan) = self.employer_payer() {
                // Still working: the employer plan pays first, Medicare second (Medicare
                // secondary payer type 12, working aged).
                list.push(self.own_policy(plan, birth));
                if let Some(medicare) = medicare {
                    let mut second = self.own_policy(medicare, birth);
                    second.msp_type = "12".into();
                    list.push(second);
                }
            }
            return list;
        }
        let roll = self.rng.gen_range(0..100);
        if roll < UNINSURED_ADULT_PERCENT {
            return list;
        }
        let mut primary_kind = None;
        if roll < UNINSURED_ADULT_PERCENT + MEDICAID_ADULT_PERCENT {
            primary_kind = Some(PayerKind::Medicaid);
        } else if roll < UNINSURED_ADULT_PERCENT + MEDICAID_ADULT_PERCENT + 4 {
            primary_kind = Some(PayerKind::Tricare);
        } else if roll < UNINSURED_ADULT_PERCENT + MEDICAID_ADULT_PERCENT + 6 {
            primary_kind = Some(PayerKind::WorkersComp);
        } else if roll < UNINSURED_ADULT_PERCENT + MEDICAID_ADULT_PERCENT + 8 {
            primary_kind = Some(PayerKind::Auto);
        }
        let primary = match primary_kind.and_then(|k| self.payer(k)) {
            Some(p) => Some(p),
            None => self.employer_payer(),
        };
        let Some(primary) = primary else { return list };
        list.push(self.own_policy(primary, birth));
        let injury = matches!(primary.kind, PayerKind::WorkersComp | PayerKind::Auto);
        // Injury claims bill the health plan second; some people are also on a spouse's plan.
        if (injury && self.percent(60)) || (primary.has_groups && self.percent(10)) {
            if let Some(second) = self.employer_payer() {
                if injury {
                    list.push(self.own_policy(second, birth));
                } else {
                    let spouse = self.outsider(last_name, age, true);
                    if let Some(plan) = spouse.plan.clone() {
                        let policy =
                            self.dependent_policy(&plan, &Holder::Outsider(&spouse), Relationship::Spouse, 2, birth);
                        if policy.payer_id != list[0].payer_id || policy.member_id != list[0].member_id {
                            list.push(policy);
                        }
                    }
                }
            }
        }
        list
    }

    /// Someone who is not a patient: a parent of a child seen here, or a spouse.
    fn outsider(&mut self, last_name: &'static str, age: u32, insured: bool) -> Outsider {
        let sex = if self.percent(50) { Sex::F } else { Sex::M };
        let birth = self.birth_date(age.clamp(18, 90));
        let plan = match (insured, self.employer_payer()) {
            (true, Some(payer)) => Some(self.own_policy(payer, birth)),
            _ => None,
        };
        let phone = self.phone();
        Outsider {
            person: Person {
                id: None,
                last_name: last_name.into(),
                first_name: self.first_name(sex).into(),
                middle_name: String::new(),
                birth_date: Some(birth),
                sex,
                // Blank: same address as the patient.
                address: Address::default(),
                phone,
            },
            plan: plan.map(|mut p| {
                p.eligibility.clear();
                p
            }),
        }
    }

    // ---- people ----

    fn person_record(&mut self, home: &Home, sex: Sex, age: u32) -> Patient {
        let first = self.first_name(sex);
        let adult = age >= 18;
        let birth_date = self.birth_date(age);
        let suffix = if adult && sex == Sex::M && self.percent(2) { self.pick(&["Jr", "Sr", "III"]) } else { "" };
        let cell_phone = if adult && self.percent(80) { self.phone() } else { String::new() };
        let email = if adult && self.percent(60) { self.email(first, home.last_name) } else { String::new() };
        let active = !self.percent(INACTIVE_PERCENT);
        Patient {
            id: None,
            account_number: String::new(),
            last_name: home.last_name.into(),
            first_name: first.into(),
            middle_name: self.middle_name(),
            suffix: suffix.into(),
            birth_date: Some(birth_date),
            sex,
            address: home.address.clone(),
            home_phone: home.phone.clone(),
            cell_phone,
            email,
            guarantor: Responsible::Itself,
            guarantor_relationship: Relationship::Itself,
            policies: Vec::new(),
            active,
            inactive_reason: if active { String::new() } else { "Moved away".into() },
        }
    }

    fn full(&self) -> bool {
        self.made.patients >= self.wanted
    }

    fn save(&mut self, tx: &Tx, patient: &Patient) -> Result<Patient> {
        let saved = tx.save_patient(patient)?;
        self.made.patients += 1;
        self.made.policies += saved.policies.len();
        self.made.saved.push(saved.clone());
        Ok(saved)
    }

    fn adult(&mut self, tx: &Tx, home: &Home, sex: Sex, age: u32) -> Result<Patient> {
        let mut p = self.person_record(home, sex, age);
        let birth = p.birth_date.unwrap_or(self.today);
        p.policies = self.adult_policies(age, birth, home.last_name);
        self.save(tx, &p)
    }

    /// A second adult of the household: sometimes on the first one's employer plan.
    fn spouse(&mut self, tx: &Tx, home: &Home, partner: &Patient, age: u32) -> Result<Patient> {
        let sex = match partner.sex {
            Sex::F if self.percent(90) => Sex::M,
            Sex::M if self.percent(90) => Sex::F,
            _ => self.sex(),
        };
        let mut p = self.person_record(home, sex, age);
        let birth = p.birth_date.unwrap_or(self.today);
        let holder = Holder::Patient(partner);
        match holder.employer_plan(self.payers) {
            Some(plan) if age < 65 && self.percent(45) => {
                p.policies = vec![self.dependent_policy(&plan, &holder, Relationship::Spouse, 2, birth)];
            }
            _ => p.policies = self.adult_policies(age, birth, home.last_name),
        }
        self.save(tx, &p)
    }

    /// A child: the parent guarantees the account and usually covers the child on their
    /// plan; otherwise the child is often on Medicaid/CHIP in their own name.
    fn child(&mut self, tx: &Tx, home: &Home, parents: &[Holder], max_age: u32, number: usize) -> Result<Patient> {
        let sex = if self.percent(50) { Sex::F } else { Sex::M };
        let age = self.rng.gen_range(0..=max_age.min(17));
        let mut p = self.person_record(home, sex, age);
        let birth = p.birth_date.unwrap_or(self.today);
        p.active = true;
        p.inactive_reason.clear();
        if p.home_phone.is_empty() {
            p.home_phone = match &parents[0] {
                Holder::Patient(parent) => parent.cell_phone.clone(),
                Holder::Outsider(o) => o.person.phone.clone(),
            };
        }
        p.guarantor = parents[0].responsible();
        p.guarantor_relationship = Relationship::Child;
        let suffix = number + 3;
        let plans: Vec<(usize, Policy)> = parents
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.employer_plan(self.payers).map(|plan| (i, plan)))
            .collect();
        if let Some((i, plan)) = plans.first().filter(|_| self.percent(85)) {
            p.policies.push(self.dependent_policy(plan, &parents[*i], Relationship::Child, suffix, birth));
            if let Some((j, second)) = plans.get(1).filter(|_| self.percent(50)) {
                let policy = self.dependent_policy(second, &parents[*j], Relationship::Child, suffix, birth);
                if policy.payer_id != p.policies[0].payer_id || policy.member_id != p.policies[0].member_id {
                    p.policies.push(policy);
                }
            }
        } else if let (Some(medicaid), true) = (self.payer(PayerKind::Medicaid), self.percent(80)) {
            p.policies.push(self.own_policy(medicaid, birth));
        }
        self.save(tx, &p)
    }

    fn household(&mut self, tx: &Tx) -> Result<()> {
        let home = self.home();
        match self.rng.gen_range(0..100) {
            // One adult.
            0..=37 => {
                let (sex, age) = (self.sex(), self.adult_age());
                self.adult(tx, &home, sex, age)?;
            }
            // A couple.
            38..=61 => {
                let (sex, age) = (self.sex(), self.adult_age());
                let first = self.adult(tx, &home, sex, age)?;
                if !self.full() {
                    let spouse_age = (age as i32 + self.rng.gen_range(-6..=6)).clamp(18, 95) as u32;
                    self.spouse(tx, &home, &first, spouse_age)?;
                }
            }
            // Parents and children who are all patients here.
            62..=81 => {
                let age = self.rng.gen_range(24..52);
                let sex = if self.percent(55) { Sex::F } else { Sex::M };
                let parent = self.adult(tx, &home, sex, age)?;
                let other = if !self.full() && self.percent(60) {
                    let other_age = (age + self.rng.gen_range(0..5)).min(64);
                    Some(self.spouse(tx, &home, &parent, other_age)?)
                } else {
                    None
                };
                let mut parents = vec![Holder::Patient(&parent)];
                if let Some(other) = &other {
                    parents.push(Holder::Patient(other));
                }
                let kids = self.rng.gen_range(1..=3);
                for n in 0..kids {
                    if self.full() {
                        break;
                    }
                    self.child(tx, &home, &parents, age - 18, n)?;
                }
            }
            // Children seen here whose parent is not a patient: the parent is on file as a person.
            _ => {
                let age = self.rng.gen_range(24..52);
                let insured = self.percent(70);
                let parent = self.outsider(home.last_name, age, insured);
                let parents = [Holder::Outsider(&parent)];
                let kids = self.rng.gen_range(1..=2);
                for n in 0..kids {
                    if self.full() {
                        break;
                    }
                    self.child(tx, &home, &parents, age - 18, n)?;
                }
            }
        }
        Ok(())
    }
}
