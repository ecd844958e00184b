/**
 * Query keys of the screens' data (TanStack Query, see `query.ts`). A key names what a screen
 * shows; a write invalidates the keys of what it changed. Everything about one patient's
 * account sits under `["account", id]`, so a posting invalidates `["account"]` (a payment on a
 * guarantor's account changes the family's balances; only the screens on view refetch).
 */
export const keys = {
  patient: (id: number) => ["patient", id] as const,
  /** Followed by the text, include-inactive and the limit. */
  patientSearch: ["patient-search"] as const,
  payers: ["payers"] as const,
  mspTypes: ["msp-types"] as const,
  /** Every account: invalidated by anything that posts money or changes statements. */
  accounts: ["account"] as const,
  account: (id: number) => ["account", id] as const,
  balance: (id: number) => ["account", id, "balance"] as const,
  familyBalance: (id: number) => ["account", id, "family-balance"] as const,
  ledger: (id: number) => ["account", id, "ledger"] as const,
  payments: (id: number) => ["account", id, "payments"] as const,
  patientPlans: (id: number) => ["account", id, "plans"] as const,
  statements: (id: number) => ["account", id, "statements"] as const,
  mailing: (id: number) => ["account", id, "mailing"] as const,
  visitBalances: (id: number) => ["account", id, "visit-balances"] as const,
  visits: (patientId: number) => ["visits", patientId] as const,
  /** A patient's prepaid care packages (under the account: a posting reads them again). */
  packages: (patientId: number) => ["account", patientId, "packages"] as const,
  promptPay: ["setup", "prompt-pay"] as const,
  /** A patient's injury cases, and one case's money (under the account: a posting reads them again). */
  injuryCases: (patientId: number) => ["account", patientId, "injury-cases"] as const,
  injuryCase: (caseId: number) => ["account", "injury-case", caseId] as const,
  careEpisodes: (patientId: number) => ["care", patientId, "episodes"] as const,
  abns: (patientId: number) => ["care", patientId, "abns"] as const,
  /** What a visit being entered uses of the patient's limits (under `visits`: a save reads it again). */
  visitAllowances: (patientId: number, visitId: number | null, date: string, codes: string) =>
    ["visits", patientId, "allowances", visitId, date, codes] as const,
  /** The worklist of patients near their visit limits. */
  nearLimit: ["visits", "near-limit"] as const,
  /** The practice-wide lists a posting or plan can change. */
  plans: ["plans"] as const,
  /** One plan with its versions (under `plans`, so a change to any plan reads it again). */
  plan: (id: number) => ["plans", "plan", id] as const,
  /** A plan's schedule worked out from typed terms (saves nothing), by what was asked. */
  planPreview: (asked: string) => ["plans", "preview", asked] as const,
  collections: ["collections"] as const,
  /** Followed by the previewed filter. */
  statementCandidates: ["statement-candidates"] as const,
  remittanceExceptions: ["remittance-exceptions"] as const,
  fees: ["fees"] as const,
  /** Payments not in a deposit yet. */
  undeposited: ["undeposited"] as const,
  /** A free practice file name for a practice name (the new-practice wizard). */
  suggestedPath: (name: string) => ["suggested-path", name] as const,
  setup: ["setup"] as const,
  providers: ["setup", "providers"] as const,
  postingRules: ["setup", "posting-rules"] as const,
  /** Followed by the payer id: that payer's claim settings (printer offsets and the like). */
  payerClaimSettings: ["setup", "payer-claim-settings"] as const,
  facilities: ["setup", "facilities"] as const,
  /** Who is logged in, their role's actions and the lock (the session gate). */
  session: ["session"] as const,
  /** The demo practice's invented logins (its login screen). */
  demoLogins: ["demo-logins"] as const,
  recoveryKey: ["recovery-key"] as const,
  users: ["users"] as const,
  /** Everything about backups: a backup, a restore or new settings read it all again. */
  backups: ["backups"] as const,
  backupStatus: ["backups", "status"] as const,
  backupSettings: ["backups", "settings"] as const,
  /** Followed by the folder listed. */
  backupList: ["backups", "list"] as const,
  roles: ["roles"] as const,
  /** Followed by the filter: pages of the audit trail. */
  audit: ["audit"] as const,
};
