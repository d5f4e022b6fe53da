//! The pure rules of RULES.md: data and an as-of date in, data out.
//! No SQL, no terminal, no clock in here.

/// An ordered list of values spelled one way everywhere (SCREAMING_SNAKE_CASE, or
/// `lowercase:` first): `Display`, `FromStr`, `as_str` (`IntoStaticStr`), JSON and the list
/// of names (`VARIANTS`).
macro_rules! spelled {
    (lowercase: $($enum:tt)*) => {
        $crate::domain::spelled!(@ "lowercase" $($enum)*);
    };
    (@ $case:tt $(#[$attr:meta])* pub enum $name:ident $body:tt) => {
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            serde::Serialize,
            strum::Display,
            strum::EnumString,
            strum::IntoStaticStr,
            strum::VariantNames,
        )]
        #[serde(rename_all = $case)]
        #[strum(serialize_all = $case)]
        $(#[$attr])*
        pub enum $name $body
    };
    ($($enum:tt)*) => {
        $crate::domain::spelled!(@ "SCREAMING_SNAKE_CASE" $($enum)*);
    };
}
pub(crate) use spelled;

pub mod account;
pub mod aging;
pub mod charge;
pub mod collections;
pub mod corrections;
pub mod credit;
pub mod dates;
pub mod dealer;
pub mod dispute;
pub mod dunning;
pub mod exemption;
pub mod explain;
pub mod hold;
pub mod interest;
pub mod journal;
pub mod ledger;
pub mod money;
pub mod nonstock;
pub mod notes;
pub mod payment;
pub mod privacy;
pub mod promise;
pub mod repairs;
pub mod returns;
pub mod role;
pub mod settings;
pub mod statement;
pub mod surcharge;
pub mod text;
pub mod trend;

pub use account::{AccountStatus, Terms};
pub use aging::{AgingRow, Bucket};
pub use charge::{Charge, ChargeKind};
pub use ledger::{evaluate, evaluate_traced, AccountLedger, AccountPosition, ChargeStatus, InterestRun};
pub use money::Money;
pub use payment::{Payment, PaymentMethod, ReturnedCheck};
