const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe to place in HTML or SVG, in element content or a quoted attribute: the same five entities the
 * Eta templates write, so a page or an email escapes a name the same way whichever built it.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms) and bidi controls. */
const CHANGES_DIRECTION =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Text someone typed (a name, a title, a note), set apart from the text around it in a plain-text email or a
 * subject: between FIRST STRONG ISOLATE (U+2068) and POP DIRECTIONAL ISOLATE (U+2069), so that its direction, and
 * any bidi override it holds, reach no further than itself (HTML has <bdi> for this). Isolate marks inside it are
 * dropped, so that it cannot close the isolate early. Text with nothing right-to-left and no bidi control in it is
 * left as it is: isolating it would change nothing on screen.
 */
export function isolate(text: string): string {
  if (!CHANGES_DIRECTION.test(text)) return text;
  return `\u2068${text.replace(/[\u2066-\u2069]/g, '')}\u2069`;
}

/** "1 action", "2 actions", "1,234 states parties": the count with thousands grouped, and the noun to match. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
