import type { Address } from "../bindings/Address";
import type { Clearinghouse } from "../bindings/Clearinghouse";
import type { EligibilityCheck } from "../bindings/EligibilityCheck";
import type { Facility } from "../bindings/Facility";
import type { FeeEntry } from "../bindings/FeeEntry";
import type { Patient } from "../bindings/Patient";
import type { Payer } from "../bindings/Payer";
import type { Person } from "../bindings/Person";
import type { Policy } from "../bindings/Policy";
import type { Practice } from "../bindings/Practice";
import type { Provider } from "../bindings/Provider";
import { todayIso } from "./format";

export const blankAddress = (): Address => ({ line1: "", line2: "", city: "", state: "", zip: "" });

export const blankPerson = (): Person => ({
  id: null,
  last_name: "",
  first_name: "",
  middle_name: "",
  birth_date: null,
  sex: "U",
  address: blankAddress(),
  phone: "",
});

export const blankPolicy = (): Policy => ({
  id: null,
  payer_id: 0,
  payer_name: "",
  member_id: "",
  group_number: "",
  group_name: "",
  subscriber: { kind: "self" },
  relationship: "self",
  effective_from: null,
  effective_to: null,
  copay: "",
  eligibility: [],
  msp_type: "",
  limits: { visits_per_plan_year: null, plan_year_start: null, authorization_required: false, authorizations: [] },
});

export const blankPatient = (): Patient => ({
  id: null,
  account_number: "",
  last_name: "",
  first_name: "",
  middle_name: "",
  suffix: "",
  birth_date: null,
  sex: "U",
  address: blankAddress(),
  home_phone: "",
  cell_phone: "",
  email: "",
  guarantor: { kind: "self" },
  guarantor_relationship: "self",
  policies: [],
  active: true,
  inactive_reason: "",
});

export const blankEligibility = (): EligibilityCheck => ({
  id: null,
  checked_on: todayIso(),
  status: "active",
  note: "",
});

export const blankPractice = (): Practice => ({
  name: "",
  billing_entity: "group",
  npi: "",
  tax_id: "",
  tax_id_kind: "ein",
  taxonomy: "",
  address: blankAddress(),
  phone: "",
  contact_name: "",
  email: "",
});

export const blankProvider = (): Provider => ({
  id: null,
  last_name: "",
  first_name: "",
  middle_name: "",
  credentials: "",
  npi: "",
  taxonomy: "",
  license_number: "",
  is_rendering: true,
  is_referring: false,
  active: true,
});

export const blankFacility = (): Facility => ({
  id: null,
  name: "",
  npi: "",
  address: blankAddress(),
  place_of_service: "11",
  active: true,
});

export const blankPayer = (): Payer => ({
  id: null,
  name: "",
  kind: "commercial",
  payer_id: "",
  address: blankAddress(),
  phone: "",
  claim_filing_indicator: "CI",
  timely_filing_days: 365,
  accept_assignment: true,
  active: true,
  coba_id: "",
});

export const blankFee = (): FeeEntry => ({
  id: null,
  payer_id: null,
  schedule_name: "",
  code: "",
  modifier: "",
  description: "",
  amount: "",
  effective_from: null,
  effective_to: null,
});

export const blankClearinghouse = (): Clearinghouse => ({
  id: null,
  name: "",
  submitter_name: "",
  submitter_id: "",
  contact_name: "",
  contact_phone: "",
  receiver_name: "",
  receiver_id: "",
  sender_qualifier: "ZZ",
  sender_id: "",
  receiver_qualifier: "ZZ",
  interchange_receiver_id: "",
  production: false,
  is_default: false,
});
