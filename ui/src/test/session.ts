import type { Action } from "../bindings/Action";
import type { SessionInfo } from "../bindings/SessionInfo";
import type { User } from "../bindings/User";

export function testUser(patch: Partial<User> = {}): User {
  return {
    id: 1,
    login: "admin",
    full_name: "Dana Admin",
    role: "administrator",
    role_label: "Administrator",
    active: true,
    must_change_password: false,
    created_at: "2026-01-01T00:00:00Z",
    password_changed_at: "2026-01-01T00:00:00Z",
    ...patch,
  };
}

/** A logged-in session allowed `allowed` (every action of the tests by default). */
export function testSession(patch: Partial<SessionInfo> = {}, allowed?: Action[]): SessionInfo {
  return {
    needs_administrator: false,
    user: testUser(),
    locked: false,
    must_change_password: false,
    allowed: allowed ?? ALL_ACTIONS,
    lock_after_minutes: 10,
    demo: false,
    encrypted: true,
    recovery_sheet_pending: false,
    users_without_key: [],
    ...patch,
  };
}

export const ALL_ACTIONS: Action[] = [
  "patients_search", "patient_get", "patient_save", "claims_list", "era_post", "remittance_exceptions", "statements_run", "collections_worklist",
  "plans_list", "report_run", "fee_save", "fees_list", "practice_update", "provider_save", "payer_save", "printer_save", "posting_rules_save",
  "clearinghouse_save", "users_list", "audit_list", "posting_reverse", "credit_refund", "user_create", "user_reset_password", "user_set_active",
  "security_settings_save", "audit_export",
];
