//! What a change found in the change feed (the audit log: `store::audit::since`) makes a
//! reader read again. Every change writes one entry naming its entity and, when it has
//! one, its account; the console re-evaluates only what they name.

/// What one entry of the audit log touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Touches {
    /// Its account's row, ledger and flags (the entry names the account).
    pub account: bool,
    pub returned_checks: bool,
    pub tickets: bool,
    pub rmas: bool,
    pub privacy: bool,
    pub placements: bool,
    /// Today's other lines: promises and notes (payments keep promises), tax
    /// certificates, nonstock items, credit applications (privacy: `privacy`).
    pub promises: bool,
    pub certificates: bool,
    pub nonstock: bool,
    pub applications: bool,
    /// Every figure: nothing narrower is right (a setting such as a rate cap, an import,
    /// demo data, or a change this build does not know).
    pub everything: bool,
}

impl Touches {
    /// Both: what either touches.
    pub fn or(self, o: Touches) -> Touches {
        Touches {
            account: self.account || o.account,
            returned_checks: self.returned_checks || o.returned_checks,
            tickets: self.tickets || o.tickets,
            rmas: self.rmas || o.rmas,
            privacy: self.privacy || o.privacy,
            placements: self.placements || o.placements,
            promises: self.promises || o.promises,
            certificates: self.certificates || o.certificates,
            nonstock: self.nonstock || o.nonstock,
            applications: self.applications || o.applications,
            everything: self.everything || o.everything,
        }
    }
}

/// What an entry about `entity` touches; `account` says whether it names an account.
pub fn touches(entity: &str, account: bool) -> Touches {
    let mut t = Touches { account, ..Touches::default() };
    match entity {
        "payment" | "note" | "promise" => t.promises = true,
        "tax_exemption" => t.certificates = true,
        "nonstock_item" => t.nonstock = true,
        "credit_application" => t.applications = true,
        _ => {}
    }
    match entity {
        // A receipt posts a credit memo, a close a REPAIR charge: the account covers them.
        "returned_check" => {
            t.returned_checks = true;
            // A check returned takes back what it paid: a promise may be kept no more.
            t.promises = true;
        }
        "repair_ticket" => t.tickets = true,
        "rma" => t.rmas = true,
        // A completed deletion erases the account's name: the account covers it too.
        "privacy_request" => t.privacy = true,
        "agency_placement" => t.placements = true,
        // Operators change no figure.
        "operator" => {}
        // The ledger and the account itself, and what hangs on it alone.
        // (Today's other lines, promises and notes among them, are read again with every change.)
        "payment" | "charge" | "account" | "credit_application" | "tax_exemption" | "claim" | "nonstock_item"
        | "dunning_letter" | "note" | "promise" | "dispute"
            if account => {}
        // Settings (rate caps move every account's interest), imports, demo data, and
        // whatever this build does not know: everything again.
        _ => t.everything = true,
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payment_touches_its_account_and_the_promises_only() {
        assert_eq!(touches("payment", true), Touches { account: true, promises: true, ..Touches::default() });
        assert_eq!(touches("charge", true), Touches { account: true, ..Touches::default() });
    }

    #[test]
    fn a_note_a_promise_a_dispute_and_a_letter_touch_their_account_and_todays_lines_of_them() {
        for entity in ["note", "promise"] {
            assert_eq!(
                touches(entity, true),
                Touches { account: true, promises: true, ..Touches::default() },
                "{entity}"
            );
        }
        for entity in ["dispute", "dunning_letter"] {
            assert_eq!(touches(entity, true), Touches { account: true, ..Touches::default() }, "{entity}");
        }
        for entity in ["note", "promise", "dispute", "dunning_letter"] {
            assert!(touches(entity, false).everything, "{entity} without an account");
        }
    }

    #[test]
    fn certificates_nonstock_items_and_applications_touch_their_lines_of_today() {
        let t = touches("tax_exemption", true);
        assert!(t.account && t.certificates && !t.nonstock && !t.applications && !t.promises);
        let t = touches("nonstock_item", true);
        assert!(t.account && t.nonstock && !t.certificates && !t.applications);
        let t = touches("credit_application", true);
        assert!(t.account && t.applications && !t.nonstock && !t.privacy);
        let t = touches("returned_check", true);
        assert!(t.returned_checks && t.promises && !t.applications);
    }

    #[test]
    fn a_change_with_a_list_of_its_own_touches_the_list_and_the_account() {
        let t = touches("returned_check", true);
        assert!(t.account && t.returned_checks && !t.tickets && !t.everything);
        let t = touches("repair_ticket", true);
        assert!(t.account && t.tickets && !t.rmas);
        let t = touches("rma", true);
        assert!(t.account && t.rmas && !t.privacy);
        let t = touches("privacy_request", true);
        assert!(t.account && t.privacy && !t.placements);
        let t = touches("agency_placement", true);
        assert!(t.account && t.placements && !t.returned_checks);
    }

    #[test]
    fn settings_imports_demo_data_and_unknown_changes_touch_everything() {
        for entity in ["setting", "database", "customers", "invoices", "payments", "returned-checks", "new_thing"] {
            assert!(touches(entity, false).everything, "{entity}");
        }
        assert!(touches("new_thing", true).everything, "an unknown entity, even with an account");
    }

    #[test]
    fn a_ledger_entity_without_an_account_touches_everything_and_an_operator_nothing() {
        assert!(touches("payment", false).everything);
        assert_eq!(touches("operator", false), Touches::default());
    }

    #[test]
    fn or_joins_what_two_entries_touch() {
        let t = touches("payment", true).or(touches("rma", true));
        assert!(t.account && t.rmas && !t.tickets && !t.everything);
        assert!(Touches::default().or(touches("setting", false)).everything);
        let all = Touches {
            account: true,
            returned_checks: true,
            tickets: true,
            rmas: true,
            privacy: true,
            placements: true,
            promises: true,
            certificates: true,
            nonstock: true,
            applications: true,
            everything: true,
        };
        assert_eq!(Touches::default().or(all), all);
        assert_eq!(all.or(Touches::default()), all);
    }
}
