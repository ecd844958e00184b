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
 * A Money string as dollars with thousands separators: "845439.10" -> "$845,439.10",
 * "-1250.00" -> "-$1,250.00". Only text is moved: the sign goes in front of the "$" and a comma
 * goes between each group of three whole-dollar digits; the digits are shown exactly as sent
 * (never parsed into a JS number, so no rounding and no arithmetic). Text that is not a plain
 * decimal amount is shown with only the "$" added.
 */
export function formatMoney(m: string | null | undefined): string {
  if (m === null || m === undefined || m === "") return "";
  const t = m.trim();
  const negative = t.startsWith("-");
  const body = negative || t.startsWith("+") ? t.slice(1) : t;
  return `${negative ? "-" : ""}$${groupThousands(body)}`;
}

/** "1234567.89" -> "1,234,567.89" by string manipulation; anything else unchanged. */
export function groupThousands(amount: string): string {
  const m = /^(\d+)(\.\d+)?$/.exec(amount);
  if (!m) return amount;
  const whole = m[1]!;
  const groups: string[] = [];
  for (let end = whole.length; end > 0; end -= 3) groups.unshift(whole.slice(Math.max(0, end - 3), end));
  return groups.join(",") + (m[2] ?? "");
}
