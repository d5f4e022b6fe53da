//! Dunning letters (RULES.md section 11): which level of letter an account is due, from
//! its oldest undisputed open charge, and whether one may go today.

use super::privacy::Contact;
use super::statement::StatementItem;
use super::{ChargeStatus, Money};
use chrono::NaiveDate;

super::spelled! {
    /// The four letters, mildest first; a higher level is a stronger letter.
    pub enum Level {
        /// 1–30 days past due.
        Reminder = 1,
        /// 31–60 days.
        PastDueNotice = 2,
        /// 61–90 days: deliveries are suspended (RULES 2.4).
        SuspendedDelivery = 3,
        /// Over 90 days: the last letter before the account is placed with an agency.
        FinalDemand = 4,
    }
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Reminder, Level::PastDueNotice, Level::SuspendedDelivery, Level::FinalDemand];

    /// 1 to 4, as stored and as the templates are numbered.
    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn from_number(n: i64) -> Option<Level> {
        Level::ALL.into_iter().find(|l| i64::from(l.number()) == n)
    }

    /// The letter's title, as printed.
    pub fn title(self) -> &'static str {
        match self {
            Level::Reminder => "Payment reminder",
            Level::PastDueNotice => "Past-due notice",
            Level::SuspendedDelivery => "Notice of suspended delivery",
            Level::FinalDemand => "Final demand before placement",
        }
    }

    /// The level of letter a charge this many days past due calls for (none when not
    /// yet past due): 1–30, 31–60, 61–90, over 90.
    pub fn for_days_past_due(days: i64) -> Option<Level> {
        match days {
            ..=0 => None,
            1..=30 => Some(Level::Reminder),
            31..=60 => Some(Level::PastDueNotice),
            61..=90 => Some(Level::SuspendedDelivery),
            _ => Some(Level::FinalDemand),
        }
    }
}

/// A letter of level L blocks letters of level L and below for this many days: the
/// day it went and the 13 days after it. So letters go at most fortnightly, and a
/// second run on the same day finds nothing due.
pub const LETTER_INTERVAL_DAYS: i64 = 14;

/// A letter already sent to the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentLetter {
    pub sent_on: NaiveDate,
    pub level: Level,
}

/// What dunning sees of an account as of a day: its undisputed open charges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DunningPosition<'a> {
    /// Days past due of the oldest undisputed open charge (none when nothing is open).
    pub oldest_days_past_due: Option<i64>,
    /// Outstanding of the undisputed charges past due.
    pub amount_past_due: Money,
    /// The undisputed charges past due, oldest first: the letter's table.
    pub items: Vec<&'a ChargeStatus>,
    /// Open charges left out because they are disputed.
    pub disputed: usize,
}

impl<'a> DunningPosition<'a> {
    /// Disputed charges (`disputed(doc_no)`) still age, but a letter leaves them out.
    pub fn of(
        charges: impl IntoIterator<Item = &'a ChargeStatus>,
        disputed: impl Fn(&str) -> bool,
        as_of: NaiveDate,
    ) -> DunningPosition<'a> {
        let mut p =
            DunningPosition { oldest_days_past_due: None, amount_past_due: Money::ZERO, items: vec![], disputed: 0 };
        for c in charges.into_iter().filter(|c| c.outstanding.is_positive()) {
            if disputed(&c.doc_no) {
                p.disputed += 1;
                continue;
            }
            let days = c.days_past_due(as_of);
            p.oldest_days_past_due = Some(p.oldest_days_past_due.map_or(days, |o| o.max(days)));
            if days > 0 {
                p.amount_past_due += c.outstanding;
                p.items.push(c);
            }
        }
        p.items.sort_by(|a, b| (a.due, a.date, a.doc_no.as_str()).cmp(&(b.due, b.date, b.doc_no.as_str())));
        p
    }
}

/// The letter due to an account as of `as_of`: the level its oldest undisputed open
/// charge calls for, unless the account is placed with an agency, or a letter of that
/// level or higher went to it within the last 14 days (the run's day included).
/// Letters dated after `as_of` are not yet sent as of that day. Whether the account
/// opted out of marketing does not matter: a letter is not marketing.
pub fn letter_due(
    oldest_days_past_due: Option<i64>,
    sent: &[SentLetter],
    placed_with_agency: bool,
    as_of: NaiveDate,
) -> Option<Level> {
    if placed_with_agency {
        return None;
    }
    let level = Level::for_days_past_due(oldest_days_past_due?)?;
    let recent = |s: &SentLetter| s.sent_on <= as_of && (as_of - s.sent_on).num_days() < LETTER_INTERVAL_DAYS;
    (!sent.iter().any(|s| s.level >= level && recent(s))).then_some(level)
}

/// A letter due: what it says about the account.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Letter {
    pub account_no: String,
    pub level: Level,
    pub date: NaiveDate,
    pub oldest_days_past_due: i64,
    pub amount_past_due: Money,
    /// The account's total (the aging total).
    pub balance: Money,
    /// The undisputed charges past due, oldest first.
    pub items: Vec<StatementItem>,
    #[serde(skip)]
    pub contact: Contact,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    const DAY: &str = "2026-06-30";

    fn sent(days_ago: u64, level: Level) -> SentLetter {
        SentLetter { sent_on: d(DAY) - chrono::Days::new(days_ago), level }
    }

    fn due(days: i64, letters: &[SentLetter]) -> Option<Level> {
        letter_due(Some(days), letters, false, d(DAY))
    }

    #[test]
    fn levels_change_at_1_31_61_and_91_days_past_due() {
        assert_eq!(due(0, &[]), None, "due today: not past due");
        assert_eq!(due(-5, &[]), None);
        assert_eq!(due(1, &[]), Some(Level::Reminder));
        assert_eq!(due(30, &[]), Some(Level::Reminder));
        assert_eq!(due(31, &[]), Some(Level::PastDueNotice));
        assert_eq!(due(60, &[]), Some(Level::PastDueNotice));
        assert_eq!(due(61, &[]), Some(Level::SuspendedDelivery));
        assert_eq!(due(90, &[]), Some(Level::SuspendedDelivery));
        assert_eq!(due(91, &[]), Some(Level::FinalDemand));
        assert_eq!(due(400, &[]), Some(Level::FinalDemand));
        assert_eq!(letter_due(None, &[], false, d(DAY)), None, "nothing open");
    }

    #[test]
    fn a_letter_of_the_same_level_blocks_for_14_days_counting_its_own_day() {
        assert_eq!(due(20, &[sent(0, Level::Reminder)]), None, "a second run the same day");
        assert_eq!(due(20, &[sent(13, Level::Reminder)]), None, "13 days since the last letter");
        assert_eq!(due(20, &[sent(14, Level::Reminder)]), Some(Level::Reminder), "14 days since");
        assert_eq!(due(20, &[sent(15, Level::Reminder)]), Some(Level::Reminder));
    }

    #[test]
    fn a_higher_letter_within_14_days_blocks_a_lower_one_but_a_lower_one_does_not_block_a_higher() {
        assert_eq!(due(20, &[sent(3, Level::PastDueNotice)]), None, "a higher level went 3 days ago");
        assert_eq!(due(20, &[sent(3, Level::FinalDemand)]), None);
        assert_eq!(due(35, &[sent(3, Level::Reminder)]), Some(Level::PastDueNotice), "escalates at once");
        assert_eq!(due(95, &[sent(0, Level::SuspendedDelivery)]), Some(Level::FinalDemand));
        assert_eq!(due(95, &[sent(0, Level::FinalDemand)]), None);
        assert_eq!(due(95, &[sent(14, Level::FinalDemand)]), Some(Level::FinalDemand));
    }

    #[test]
    fn a_letter_dated_after_the_day_is_not_yet_sent() {
        let later = SentLetter { sent_on: d("2026-07-01"), level: Level::Reminder };
        assert_eq!(due(20, &[later]), Some(Level::Reminder));
    }

    #[test]
    fn an_account_placed_with_an_agency_gets_no_letter() {
        assert_eq!(letter_due(Some(120), &[], true, d(DAY)), None);
        assert_eq!(letter_due(Some(120), &[], false, d(DAY)), Some(Level::FinalDemand));
    }

    #[test]
    fn levels_are_numbered_and_ordered_one_to_four() {
        assert_eq!(Level::ALL.map(Level::number), [1, 2, 3, 4]);
        assert!(Level::Reminder < Level::PastDueNotice && Level::SuspendedDelivery < Level::FinalDemand);
        for l in Level::ALL {
            assert_eq!(Level::from_number(i64::from(l.number())), Some(l));
        }
        assert_eq!(Level::from_number(0), None);
        assert_eq!(Level::from_number(5), None);
    }

    #[test]
    fn each_letter_is_titled_as_printed_mildest_to_strongest() {
        assert_eq!(
            Level::ALL.map(Level::title),
            ["Payment reminder", "Past-due notice", "Notice of suspended delivery", "Final demand before placement"]
        );
    }

    fn charge(doc: &str, due: &str, cents: i64) -> ChargeStatus {
        ChargeStatus::unpaid_invoice(doc, due, cents)
    }

    #[test]
    fn a_disputed_charge_is_left_out_so_the_oldest_undisputed_one_sets_the_level() {
        let mut paid = charge("PAID", "2026-01-01", 500);
        paid.outstanding = Money::ZERO;
        let charges = [
            charge("OLD", "2026-03-01", 1_000),   // 121 days, disputed
            charge("MID", "2026-05-20", 2_000),   // 41 days
            charge("NEW", "2026-06-29", 4_000),   // 1 day
            charge("LATER", "2026-07-15", 8_000), // not yet due
            paid,
        ];
        let p = DunningPosition::of(&charges, |doc| doc == "OLD", d(DAY));
        assert_eq!(p.oldest_days_past_due, Some(41));
        assert_eq!(p.amount_past_due, Money::from_cents(6_000), "past due only, undisputed only");
        assert_eq!(p.items.iter().map(|c| c.doc_no.as_str()).collect::<Vec<_>>(), ["MID", "NEW"]);
        assert_eq!(p.disputed, 1);
        let all = DunningPosition::of(&charges, |_| false, d(DAY));
        assert_eq!(all.oldest_days_past_due, Some(121));
        assert_eq!(all.amount_past_due, Money::from_cents(7_000));
    }

    #[test]
    fn only_charges_not_yet_due_give_no_amount_past_due() {
        let charges = [charge("A", "2026-06-30", 100), charge("B", "2026-07-30", 100)];
        let p = DunningPosition::of(&charges, |_| false, d(DAY));
        assert_eq!(p.oldest_days_past_due, Some(0));
        assert_eq!(p.amount_past_due, Money::ZERO);
        assert!(p.items.is_empty());
        assert_eq!(letter_due(p.oldest_days_past_due, &[], false, d(DAY)), None);
    }
}
