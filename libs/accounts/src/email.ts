/**
 * The one form of an email address that decides which account it names: NFKC-normalised (a fullwidth `ａ` is an
 * `a`), trimmed, then lower-cased one character at a time, as PostgreSQL's `lower()` does (libc's towlower, the
 * unique index on lower(email)). JavaScript's toLowerCase differs: it turns `İ` (U+0130) into two characters, `i̇`,
 * and a final `Σ` into `ς`, where the database has `i` and `σ`; a sign-in limit keyed on the one while accounts are
 * found by the other counted each such address twice. Every sign-in, limit, reset, invitation and lookup uses this.
 */
export function normalizeEmail(email: string): string {
  let out = '';
  for (const c of email.normalize('NFKC').trim()) out += simpleLowerCase(c);
  return out;
}

/** The lower case of one character as a single character (Unicode's simple mapping), as `lower()` gives it. */
function simpleLowerCase(c: string): string {
  const lower = c.toLowerCase();
  // Only U+0130 has a longer full mapping (i + U+0307); its simple mapping is the first character of that.
  return lower.length === c.length ? lower : String.fromCodePoint(lower.codePointAt(0)!);
}

/** An email as an account keeps it: in the case its owner typed, but NFKC-normalised and trimmed. */
export function storedEmail(email: string): string {
  return email.normalize('NFKC').trim();
}
