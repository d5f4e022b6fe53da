//! Realistic, deterministic demo data: dealers of security equipment with a year and a
//! half of invoices and the ways dealers really pay them. The same seed and end date
//! always give the same data (the generator is a fixed SplitMix64, not a crate whose
//! sequence may change between versions).

use crate::domain::charge::due_date;
use crate::domain::dates::add_days;
use crate::domain::{AccountStatus, Charge, ChargeKind, Money, Payment, PaymentMethod, Terms};
use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    pub accounts: u32,
    pub invoices: u32,
    pub seed: u64,
    /// The last day of the history (the demo's "today").
    pub end: NaiveDate,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct DemoCounts {
    pub accounts: u64,
    pub charges: u64,
    pub payments: u64,
    pub returned_checks: u64,
}

impl DemoCounts {
    pub fn rows(&self) -> u64 {
        self.accounts + self.charges + self.payments + self.returned_checks
    }
}

pub struct DemoAccount {
    pub account_no: String,
    pub name: String,
    pub state: &'static str,
    pub status: AccountStatus,
    pub terms: Terms,
    pub credit_limit: Money,
    pub rate_cap_pct: Option<Decimal>,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub charges: Vec<Charge>,
    pub payments: Vec<Payment>,
    /// (payment reference, returned date, fee waived)
    pub returns: Vec<(String, NaiveDate, bool)>,
}

/// SplitMix64: small, fast, and fixed forever.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1).max(1) as u64) as i64
    }
    /// True with probability `pct` percent.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Allied",
    "Beacon",
    "Cardinal",
    "Delta",
    "Eagle",
    "Falcon",
    "Guardian",
    "Harbor",
    "Ironclad",
    "Keystone",
    "Liberty",
    "Metro",
    "Northstar",
    "Omega",
    "Patriot",
    "Quantum",
    "Redline",
    "Sentinel",
    "Titan",
    "Vanguard",
    "Summit",
    "Pioneer",
    "Shield",
    "Lakeshore",
    "Prairie",
    "Midwest",
    "Ozark",
    "Gateway",
    "Heartland",
    "River City",
    "Blue Valley",
    "Frontier",
    "Citadel",
    "Lighthouse",
    "Bluestem",
    "Cornerstone",
    "Arrow",
    "Granite",
    "Silverline",
    "Trinity",
];
const CORE: &[&str] = &[
    "Alarm",
    "Security",
    "Locksmiths",
    "Door Controls",
    "Video",
    "Fire & Alarm",
    "Access Systems",
    "Surveillance",
    "Integration",
    "Protection",
    "Low Voltage",
    "Communications",
    "Safe & Lock",
    "Monitoring",
    "Gate & Access",
];
const SUFFIX: &[&str] = &["Co", "LLC", "Inc", "Group", "Services", "& Sons", "Corp", "Systems LLC"];
const STATES: &[&str] =
    &["MO", "MO", "MO", "KS", "KS", "IL", "IL", "TX", "TX", "OK", "AR", "IA", "NE", "CO", "TN", "KY", "IN", "WI"];
const GIVEN: &[&str] = &[
    "James", "Maria", "Robert", "Linda", "Michael", "Patricia", "David", "Jennifer", "Carlos", "Angela", "Kevin",
    "Denise", "Brian", "Tamika", "Steven", "Rachel", "Luis", "Megan", "Darnell", "Heather",
];
const FAMILY: &[&str] = &[
    "Miller", "Johnson", "Garcia", "Brown", "Davis", "Wilson", "Moore", "Taylor", "Anderson", "Thomas", "Jackson",
    "White", "Harris", "Martin", "Nguyen", "Lopez", "Clark", "Lewis", "Walker", "Hall",
];
const STREETS: &[&str] = &["Main St", "Industrial Dr", "Commerce Pkwy", "Oak Ave", "Route 66", "Market St", "Elm St"];
const CITIES: &[&str] = &["Springfield", "Kansas City", "Wichita", "Joplin", "Tulsa", "Peoria", "Omaha", "Columbia"];

/// How a dealer pays, which decides where its account ends up in the aging.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Habit {
    Prompt,
    Slow,
    Partial,
    Delinquent,
    Overpayer,
}

fn amount(rng: &mut Rng) -> Money {
    // Mostly a few hundred dollars, sometimes a whole project's worth.
    let band = rng.below(100);
    let dollars = match band {
        0..=49 => rng.range(25, 600),
        50..=84 => rng.range(600, 3_000),
        85..=97 => rng.range(3_000, 12_000),
        _ => rng.range(12_000, 40_000),
    };
    Money::from_cents(dollars * 100 + rng.range(0, 99))
}

const METHODS: &[PaymentMethod] = &[
    PaymentMethod::Check,
    PaymentMethod::Check,
    PaymentMethod::Check,
    PaymentMethod::Wire,
    PaymentMethod::Wire,
    PaymentMethod::Card,
    PaymentMethod::CertifiedCheck,
    PaymentMethod::MoneyOrder,
    PaymentMethod::Cash,
];

/// Generates the accounts one at a time, handing each to `sink`.
pub fn generate<E>(spec: &DemoSpec, mut sink: impl FnMut(DemoAccount) -> Result<(), E>) -> Result<DemoCounts, E> {
    let mut rng = Rng::new(spec.seed);
    let mut counts = DemoCounts::default();
    let n = u64::from(spec.accounts.max(1));
    let history_days = 540i64;
    let start = spec.end - chrono::Duration::days(history_days);
    let mut invoices_left = u64::from(spec.invoices);
    for i in 0..n {
        let name = format!("{} {} {}", rng.pick(FIRST), rng.pick(CORE), rng.pick(SUFFIX));
        // Letters rise with the sequence, so numbers sort (and index) in creation order.
        let letter = char::from(b'A' + (i * 26 / n) as u8);
        let account_no = format!("{letter}{:05}", 10_000 + i);
        let roll = rng.below(100);
        let status = match roll {
            0..=1 => AccountStatus::Applicant,
            2..=3 => AccountStatus::Verified,
            4..=5 => AccountStatus::Suspended,
            6 => AccountStatus::Closed,
            _ => AccountStatus::Active,
        };
        let terms = if rng.chance(60) { Terms::Net30 } else { Terms::Prepay };
        let credit_limit = match terms {
            Terms::Net30 => Money::from_cents(rng.range(5, 100) * 50_000),
            Terms::Prepay => Money::ZERO,
        };
        let rate_cap_pct = rng.chance(6).then(|| Decimal::from(rng.pick(&[10i64, 12, 15, 0])));
        let given = rng.pick(GIVEN);
        let family = rng.pick(FAMILY);
        let mut account = DemoAccount {
            contact_name: format!("{given} {family}"),
            phone: format!("({}) 555-{:04}", rng.range(200, 989), rng.range(0, 9999)),
            email: format!(
                "{}.{}@{}.example",
                given.to_lowercase(),
                family.to_lowercase(),
                name.split(' ').next().unwrap_or("dealer").to_lowercase()
            ),
            address: format!("{} {}, {}", rng.range(100, 9899), rng.pick(STREETS), rng.pick(CITIES)),
            account_no,
            name,
            state: rng.pick(STATES),
            status,
            terms,
            credit_limit,
            rate_cap_pct,
            charges: Vec::new(),
            payments: Vec::new(),
            returns: Vec::new(),
        };
        // Share the invoices out: an even share, varied ±75%, the last account takes the rest.
        let remaining_accounts = n - i;
        let share = invoices_left / remaining_accounts;
        let mut count = if remaining_accounts == 1 {
            invoices_left
        } else {
            (share * rng.range(25, 175) as u64 / 100).min(invoices_left)
        };
        if matches!(status, AccountStatus::Applicant | AccountStatus::Verified) {
            count = 0;
        }
        invoices_left -= count;
        let habit = match rng.below(100) {
            0..=54 => Habit::Prompt,
            55..=74 => Habit::Slow,
            75..=86 => Habit::Partial,
            87..=94 => Habit::Delinquent,
            _ => Habit::Overpayer,
        };
        // A delinquent dealer stops paying somewhere in the last eight months.
        let stops_paying = add_days(start, rng.range(history_days - 240, history_days - 70) as u64);
        let mut dates: Vec<NaiveDate> =
            (0..count).map(|_| add_days(start, rng.range(0, history_days) as u64)).collect();
        dates.sort_unstable();
        for (k, date) in dates.into_iter().enumerate() {
            let kind = match rng.below(100) {
                0..=5 => ChargeKind::Repair,
                6..=7 => ChargeKind::Fee,
                _ => ChargeKind::Invoice,
            };
            let prefix = match kind {
                ChargeKind::Repair => "REP",
                ChargeKind::Fee => "FEE",
                _ => "INV",
            };
            let doc_no = format!("{prefix}-{}-{:04}", account.account_no, k + 1);
            let amount =
                if kind == ChargeKind::Fee { Money::from_cents(rng.range(15, 75) * 100) } else { amount(&mut rng) };
            let due = due_date(kind, date, terms, None);
            account.charges.push(Charge { doc_no: doc_no.clone(), kind, date, due, amount });
            // How (and whether) this charge gets paid: (days after due, amount, meant for it).
            let late_interest = |days: i64| Money::from_cents(amount.cents() * 18 * days.max(0) / 36_500 * 3 / 2 + 100);
            let mut plan: Vec<(i64, Money, bool)> = Vec::with_capacity(2);
            match habit {
                Habit::Prompt => plan.push((rng.range(-5, 0), amount, rng.chance(90))),
                Habit::Slow => {
                    let delay = rng.range(10, 75);
                    // A slow payer pays the statement: the invoice and what interest it ran up.
                    plan.push((delay, amount + late_interest(delay), false));
                }
                Habit::Partial => {
                    let pct = rng.pick(&[40i64, 50, 60, 75]);
                    let first = Money::from_cents(amount.cents() * pct / 100);
                    let delay = rng.range(0, 30);
                    plan.push((delay, first, true));
                    let rest_delay = delay + rng.range(20, 70);
                    plan.push((rest_delay, amount - first + late_interest(rest_delay), false));
                }
                Habit::Delinquent if date >= stops_paying => continue,
                Habit::Delinquent => {
                    let delay = rng.range(5, 60);
                    plan.push((delay, amount + late_interest(delay), false));
                }
                Habit::Overpayer => {
                    plan.push((rng.range(-3, 0), amount + Money::from_cents(rng.range(1, 200) * 100), rng.chance(50)))
                }
            }
            for (n, (delay, paid, meant)) in plan.into_iter().enumerate() {
                let pay_date =
                    if delay < 0 { due - chrono::Duration::days(-delay) } else { add_days(due, delay as u64) };
                let pay_date = pay_date.max(date);
                if pay_date > spec.end || !paid.is_positive() {
                    continue;
                }
                let method = rng.pick(METHODS);
                let reference = format!("P-{}-{:04}{}", account.account_no, k + 1, ["", "B"][n.min(1)]);
                account.payments.push(Payment {
                    reference: reference.clone(),
                    date: pay_date,
                    method,
                    amount: paid,
                    apply_to: meant.then(|| doc_no.clone()),
                });
                if method.can_be_returned() && rng.chance(3) {
                    let returned = add_days(pay_date, rng.range(2, 9) as u64);
                    if returned <= spec.end {
                        account.returns.push((reference.clone(), returned, rng.chance(30)));
                        // Most dealers make good with a wire a week or two later.
                        let redeposit = add_days(returned, rng.range(3, 14) as u64);
                        if redeposit <= spec.end && rng.chance(80) {
                            account.payments.push(Payment {
                                reference: format!("{reference}-R"),
                                date: redeposit,
                                method: PaymentMethod::Wire,
                                amount: paid + Money::from_cents(2500),
                                apply_to: None,
                            });
                        }
                    }
                }
            }
        }
        counts.accounts += 1;
        counts.charges += account.charges.len() as u64;
        counts.payments += account.payments.len() as u64;
        counts.returned_checks += account.returns.len() as u64;
        sink(account)?;
    }
    Ok(counts)
}
