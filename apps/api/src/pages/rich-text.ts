import type { MessageValues, Translator } from '@app/i18n';
import { escapeHtml } from '@app/platform';

/** Stands for an HTML placeholder while the message is formatted; private-use characters no message holds. */
const mark = (i: number) => `\uE000${i}\uE001`;

/**
 * Messages whose placeholders hold markup (a link, a name in `<bdi>`), for the sentences of a page that wrap
 * around them: the message's own words are escaped, the markup goes in as given. Templates print it with `<%~`.
 */
export interface RichText {
  /** The message `key` in the page's language, `html` placeholders put in as HTML and `values` as text. */
  t(key: string, html: Readonly<Record<string, string>>, values?: MessageValues): string;
  /** Text a person wrote, isolated from the sentence's direction. */
  bdi(text: string): string;
  /** A link whose text is escaped. */
  link(href: string, text: string): string;
  /** Items of markup as one list in the page's language: "a, b and c", "a, b et c", "a، وb وc". */
  list(items: readonly string[]): string;
}

export function richText(tr: Translator): RichText {
  return {
    t(key, html, values = {}) {
      const names = Object.keys(html);
      const marked = Object.fromEntries(names.map((name, i) => [name, mark(i)]));
      let text = escapeHtml(tr.t(key, { ...values, ...marked }));
      names.forEach((name, i) => (text = text.split(mark(i)).join(html[name])));
      return text;
    },
    bdi: (text) => `<bdi>${escapeHtml(text)}</bdi>`,
    link: (href, text) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`,
    list: (items) => {
      // Intl joins plain strings only: it joins the marks, which then become the items.
      const joined = escapeHtml(tr.list(items.map((_, i) => mark(i))));
      return items.reduce((text, item, i) => text.split(mark(i)).join(item), joined);
    },
  };
}
