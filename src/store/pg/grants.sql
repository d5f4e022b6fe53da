-- The rights of the two group roles. Run by `creditdesk server init` after the
-- migrations (again on every upgrade). A clerk reads everything and records the day's
-- work; only a manager changes operators, settings, rate caps, placements and hold
-- overrides, or updates the ledger (voids, waivers) and personal data (erasure).
-- Nobody may change or delete the audit log, nor delete from the ledger.
-- Everything is granted afresh, so a right taken out of this file is gone on upgrade
-- (revoking a table's right revokes it on each of its columns too).
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, creditdesk_clerk, creditdesk_manager;
GRANT USAGE ON SCHEMA public TO creditdesk_clerk, creditdesk_manager;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO creditdesk_clerk;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO creditdesk_clerk;
GRANT INSERT ON audit_log, accounts, charges, payments, returned_checks, claims, credit_applications,
    dealer_verifications, disputes, dunning_letters, nonstock_items, notes, privacy_requests, promises,
    repair_tickets, rmas, rma_lines, tax_exemptions
    TO creditdesk_clerk;
-- A clerk activates an account, verifies a dealer, keeps its details and carries out
-- a privacy request's opt-out or correction; terms, limits, caps and closing are a
-- manager's.
GRANT UPDATE (status, status_since, marketing_opt_out, name, contact_name, phone, email, address, state)
    ON accounts TO creditdesk_clerk;
GRANT UPDATE (oversized, handling_fee_cents, status, freight_in_cents, freight_out_cents, insurance_cents,
              manufacturer_charge_cents, closed_on, charge_doc_no, cancelled_by, cancel_reason)
    ON repair_tickets TO creditdesk_clerk;
GRANT UPDATE ON claims, disputes, nonstock_items, privacy_requests, rmas, rma_lines, tax_exemptions
    TO creditdesk_clerk;
GRANT creditdesk_clerk TO creditdesk_manager;
GRANT INSERT, UPDATE, DELETE ON operators, settings, state_rate_caps, agency_placements, hold_overrides
    TO creditdesk_manager;
GRANT UPDATE ON accounts, charges, payments, returned_checks, credit_applications, dealer_verifications,
    notes, repair_tickets
    TO creditdesk_manager;
