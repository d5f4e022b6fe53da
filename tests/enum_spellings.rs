//! Every enum's text form as the database, the CSV files, the reports and the user see
//! it: written, parsed back, padded in a table, and the same as its JSON form.

use creditdesk::domain::aging::Bucket;
use creditdesk::domain::credit::{ApplicationStatus, GovIdKind};
use creditdesk::domain::dealer::{DealerAction, VerificationOutcome};
use creditdesk::domain::nonstock::Disposition;
use creditdesk::domain::privacy::{RequestKind, RequestStatus, Urgency};
use creditdesk::domain::repairs::RepairStatus;
use creditdesk::domain::returns::{ClaimReason, ClaimRemedy, ItemClass};
use creditdesk::domain::{AccountStatus, ChargeKind, PaymentMethod, Terms};
use creditdesk::service::import::ImportKind;
use std::fmt::Display;
use std::str::FromStr;
use strum::VariantNames;

/// Written as `text` (also padded), parsed back from exactly `text`, and not from its lower
/// case; the list of spellings that error messages offer is these, in this order.
fn round_trip<T>(cases: &[(T, &str)], as_str: fn(T) -> &'static str)
where
    T: Display + FromStr + PartialEq + std::fmt::Debug + serde::Serialize + Copy + VariantNames,
{
    assert_eq!(T::VARIANTS, cases.iter().map(|(_, t)| *t).collect::<Vec<_>>());
    for (value, text) in cases {
        assert_eq!(value.to_string(), *text);
        assert_eq!(as_str(*value), *text, "as_str says the same");
        assert_eq!(format!("{value:<24}|"), format!("{text:<24}|"), "a table pads it");
        assert_eq!(serde_json::to_value(value).unwrap(), serde_json::Value::from(*text), "JSON says the same");
        assert_eq!(text.parse::<T>().ok(), Some(*value), "{text} parses back");
        assert!(text.to_lowercase().parse::<T>().is_err(), "{text} is case-sensitive");
    }
    assert!("".parse::<T>().is_err());
}

#[test]
fn terms_and_account_statuses_are_spelled_as_stored() {
    round_trip(&[(Terms::Prepay, "PREPAY"), (Terms::Net30, "NET30")], Terms::as_str);
    assert_eq!(Terms::Net30.as_str(), "NET30");
    round_trip(
        &[
            (AccountStatus::Applicant, "APPLICANT"),
            (AccountStatus::Verified, "VERIFIED"),
            (AccountStatus::Active, "ACTIVE"),
            (AccountStatus::Suspended, "SUSPENDED"),
            (AccountStatus::Closed, "CLOSED"),
        ],
        AccountStatus::as_str,
    );
    assert_eq!(AccountStatus::Suspended.as_str(), "SUSPENDED");
}

#[test]
fn charge_kinds_and_payment_methods_are_spelled_as_stored() {
    let kinds = [
        (ChargeKind::Invoice, "INVOICE"),
        (ChargeKind::Repair, "REPAIR"),
        (ChargeKind::Fee, "FEE"),
        (ChargeKind::CollectionCost, "COLLECTION_COST"),
        (ChargeKind::ReturnedCheckFee, "RETURNED_CHECK_FEE"),
        (ChargeKind::Interest, "INTEREST"),
        (ChargeKind::Refund, "REFUND"),
    ];
    round_trip(&kinds, ChargeKind::as_str);
    let methods = [
        (PaymentMethod::Wire, "WIRE"),
        (PaymentMethod::Cash, "CASH"),
        (PaymentMethod::Check, "CHECK"),
        (PaymentMethod::CertifiedCheck, "CERTIFIED_CHECK"),
        (PaymentMethod::MoneyOrder, "MONEY_ORDER"),
        (PaymentMethod::Card, "CARD"),
        (PaymentMethod::CreditMemo, "CREDIT_MEMO"),
        (PaymentMethod::WriteOff, "WRITE_OFF"),
    ];
    round_trip(&methods, PaymentMethod::as_str);
    assert_eq!(PaymentMethod::ALL.map(PaymentMethod::as_str), methods.map(|(_, t)| t));
}

#[test]
fn dealer_verification_and_credit_are_spelled_as_stored() {
    round_trip(
        &[(VerificationOutcome::Passed, "PASSED"), (VerificationOutcome::Failed, "FAILED")],
        VerificationOutcome::as_str,
    );
    assert_eq!(VerificationOutcome::Failed.as_str(), "FAILED");
    // An action is named in lower case inside a sentence ("cannot suspend an account …").
    for (action, text) in [
        (DealerAction::Verify, "verify"),
        (DealerAction::Activate, "activate"),
        (DealerAction::Suspend, "suspend"),
        (DealerAction::Close, "close"),
    ] {
        assert_eq!(action.as_str(), text);
    }
    round_trip(
        &[
            (ApplicationStatus::Pending, "PENDING"),
            (ApplicationStatus::Approved, "APPROVED"),
            (ApplicationStatus::Declined, "DECLINED"),
        ],
        ApplicationStatus::as_str,
    );
    for (kind, text) in [(GovIdKind::Ssn, "SSN"), (GovIdKind::Ein, "EIN"), (GovIdKind::Tin, "TIN")] {
        assert_eq!(kind.as_str(), text);
        assert_eq!(text.parse::<GovIdKind>().ok(), Some(kind));
    }
    assert_eq!(GovIdKind::VARIANTS, ["SSN", "EIN", "TIN"]);
}

#[test]
fn returns_repairs_and_privacy_are_spelled_as_stored() {
    round_trip(
        &[
            (ItemClass::Stock, "STOCK"),
            (ItemClass::Nonstock, "NONSTOCK"),
            (ItemClass::SpecialOrderNonstock, "SPECIAL_ORDER_NONSTOCK"),
        ],
        ItemClass::as_str,
    );
    for (reason, text) in [(ClaimReason::WrongProduct, "WRONG_PRODUCT"), (ClaimReason::Mislabeled, "MISLABELED")] {
        assert_eq!(reason.as_str(), text);
        assert_eq!(text.parse::<ClaimReason>().ok(), Some(reason));
    }
    assert_eq!(ClaimReason::VARIANTS, ["WRONG_PRODUCT", "MISLABELED"]);
    for (remedy, text) in [(ClaimRemedy::Replacement, "REPLACEMENT"), (ClaimRemedy::FullCredit, "FULL_CREDIT")] {
        assert_eq!(remedy.as_str(), text);
        assert_eq!(text.parse::<ClaimRemedy>().ok(), Some(remedy));
    }
    assert_eq!(ClaimRemedy::VARIANTS, ["REPLACEMENT", "FULL_CREDIT"]);
    round_trip(
        &[
            (RepairStatus::Received, "RECEIVED"),
            (RepairStatus::SentToManufacturer, "SENT_TO_MANUFACTURER"),
            (RepairStatus::BackFromManufacturer, "BACK_FROM_MANUFACTURER"),
            (RepairStatus::ShippedToCustomer, "SHIPPED_TO_CUSTOMER"),
            (RepairStatus::Closed, "CLOSED"),
            (RepairStatus::Cancelled, "CANCELLED"),
        ],
        RepairStatus::as_str,
    );
    round_trip(
        &[
            (RequestKind::Access, "ACCESS"),
            (RequestKind::Correction, "CORRECTION"),
            (RequestKind::Deletion, "DELETION"),
            (RequestKind::OptOutMarketing, "OPT_OUT_MARKETING"),
        ],
        RequestKind::as_str,
    );
    round_trip(
        &[
            (RequestStatus::Open, "OPEN"),
            (RequestStatus::Verified, "VERIFIED"),
            (RequestStatus::Completed, "COMPLETED"),
            (RequestStatus::Rejected, "REJECTED"),
        ],
        RequestStatus::as_str,
    );
    for (urgency, text) in [
        (Urgency::Overdue, "overdue"),
        (Urgency::DueSoon, "due_soon"),
        (Urgency::OnTime, "on_time"),
        (Urgency::Closed, "closed"),
    ] {
        assert_eq!(urgency.to_string(), text);
        assert_eq!(serde_json::to_value(urgency).unwrap(), serde_json::Value::from(text));
    }
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    for (d, text) in [
        (Disposition::Waiting { due_on: day, days_left: 3 }, "WAITING"),
        (Disposition::ReturnToVendor { since: day }, "RETURN_TO_VENDOR"),
        (Disposition::ManagerDecision { since: day }, "MANAGER_DECISION"),
    ] {
        assert_eq!(d.as_str(), text);
        assert_eq!(serde_json::to_value(d).unwrap()["disposition"], text);
    }
}

#[test]
fn aging_buckets_and_import_kinds_are_spelled_as_shown() {
    for (bucket, text) in [
        (Bucket::Current, "current"),
        (Bucket::Days1To30, "1-30"),
        (Bucket::Days31To60, "31-60"),
        (Bucket::Days61To90, "61-90"),
        (Bucket::Over90, "90+"),
    ] {
        assert_eq!(bucket.to_string(), text);
        assert_eq!(bucket.label(), text);
        assert_eq!(format!("{bucket:>7}|"), format!("{text:>7}|"));
        assert_eq!(serde_json::to_value(bucket).unwrap(), serde_json::Value::from(text));
    }
    for (kind, text) in [
        (ImportKind::Customers, "customers"),
        (ImportKind::Invoices, "invoices"),
        (ImportKind::Payments, "payments"),
        (ImportKind::ReturnedChecks, "returned-checks"),
    ] {
        assert_eq!(kind.entity(), text);
        assert_eq!(clap::ValueEnum::to_possible_value(&kind).unwrap().get_name(), text);
    }
}

#[test]
fn statuses_kinds_and_roles_are_spelled_as_stored() {
    use creditdesk::domain::nonstock::NonstockStatus;
    use creditdesk::domain::notes::NoteKind;
    use creditdesk::domain::promise::PromiseStatus;
    use creditdesk::domain::returns::{ClaimStatus, RmaStatus};
    use creditdesk::domain::role::Role;
    let spelled = [
        (RmaStatus::Issued.as_str(), "ISSUED"),
        (RmaStatus::Received.as_str(), "RECEIVED"),
        (ClaimStatus::Open.as_str(), "OPEN"),
        (ClaimStatus::Resolved.as_str(), "RESOLVED"),
        (NonstockStatus::AwaitingPickup.as_str(), "AWAITING_PICKUP"),
        (NonstockStatus::ChargedToCustomer.as_str(), "CHARGED_TO_CUSTOMER"),
        (Role::Clerk.as_str(), "CLERK"),
        (Role::Manager.as_str(), "MANAGER"),
        (PromiseStatus::Pending.as_str(), "pending"),
        (PromiseStatus::Broken.as_str(), "broken"),
        (NoteKind::Call.as_str(), "CALL"),
        (NoteKind::Letter.as_str(), "LETTER"),
    ];
    for (written, text) in spelled {
        assert_eq!(written, text);
    }
}
