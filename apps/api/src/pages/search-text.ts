import type { StateMatch } from '@app/states';

/** The longest text searched; a longer one is cut. */
export const SEARCH_MAX_LENGTH = 200;
/**
 * Actions, contacts and organisations are searched for text anywhere in a name through trigram indexes, which need
 * three characters; a shorter text searches the states (codes and names) alone.
 */
export const WORD_SEARCH_MIN = 3;

/** The search box's text: spaces collapsed, trimmed, at most SEARCH_MAX_LENGTH characters. */
export function readSearch(q: unknown): string {
  if (typeof q !== 'string') return '';
  return q.replace(/\s+/g, ' ').trim().slice(0, SEARCH_MAX_LENGTH).trim();
}

/** Lower case without accents, as the states' search compares names ("Cote" finds Côte d'Ivoire). */
export const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const OTHER_NAMES = [
  ['commonName', 'also known as'],
  ['fr', 'French'],
  ['es', 'Spanish'],
  ['ar', 'Arabic'],
] as const;

/**
 * Which other name of a state the text was found in, when its English name does not hold it: the reader typed
 * "Allemagne" and sees Germany, with "French: Allemagne" to say why.
 */
export function matchedName(state: StateMatch, text: string): { label: string; name: string } | null {
  const wanted = fold(text);
  if (wanted === '' || fold(state.name).includes(wanted) || state.code.toLowerCase() === wanted) return null;
  for (const [key, label] of OTHER_NAMES) {
    const name = key === 'commonName' ? state.commonName : state.names[key];
    if (name && fold(name).includes(wanted)) return { label, name };
  }
  return null;
}
