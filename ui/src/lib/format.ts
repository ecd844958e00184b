/** Display helpers. No money arithmetic here: amounts are shown exactly as the Rust side sent them. */

/** ISO `YYYY-MM-DD` -> `MM/DD/YYYY` (as on the CMS-1500). Anything else is shown unchanged. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[2]}/${m[3]}/${m[1]}` : iso;
}

/** 10 digits (or 11 starting with 1) -> `(512) 555-0134`; anything else unchanged. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  let digits = phone.replace(/\D/g, "");
  if (digits.length === 11 && digits.startsWith("1")) digits = digits.slice(1);
  if (digits.length !== 10) return phone;
  return `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
}

/** `LAST, FIRST M` as billers read names. */
export function formatName(last: string, first: string, middle?: string): string {
  const mi = middle ? ` ${middle.trim().charAt(0)}` : "";
  const l = last.trim().toUpperCase();
  const f = first.trim().toUpperCase();
  if (!l && !f) return "";
  return `${l}, ${f}${mi.toUpperCase()}`;
}

/** Today's date in local time as ISO `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** Empty text -> null, for optional dates. */
export function dateOrNull(v: string): string | null {
  return v.trim() === "" ? null : v;
}

/**
 * A Money string as dollars: "45.00" -> "$45.00", "-12.50" -> "-$12.50". Only the sign is
 * moved in front of the "$"; the digits are shown exactly as sent (no arithmetic).
 */
export function formatMoney(m: string | null | undefined): string {
  if (m === null || m === undefined || m === "") return "";
  const t = m.trim();
  return t.startsWith("-") ? `-$${t.slice(1)}` : `$${t}`;
}
