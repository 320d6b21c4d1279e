import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@formatjs/icu-messageformat-parser';
import { AREAS, CATALOGUES } from './catalogue';
import { LOCALES } from './locales';

const ROOT = join(__dirname, '..', '..', '..');

/** The product's own code and templates, where a message key is written out whole. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(ts|eta)$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
  });
}

const code = [...sources(join(ROOT, 'apps')), ...sources(join(ROOT, 'libs'))]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** Every key the code names whole, as `t('area.key', …)` or, in a table of labels, `msg('area.key')`. */
const KEY_IN_CODE = /\b(?:t|msg)\(\s*['"`]([A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+)['"`]/g;
const usedKeys = new Set([...code.matchAll(KEY_IN_CODE)].map((m) => m[1]));

describe('the message catalogues', () => {
  const english = Object.assign({}, ...AREAS.map((a) => CATALOGUES.en[a])) as Record<string, string>;

  it.each(LOCALES.filter((l) => l !== 'en'))('%s has exactly the English keys, area by area', (locale) => {
    for (const area of AREAS) {
      const theirs = Object.keys(CATALOGUES[locale][area]).sort();
      const ours = Object.keys(CATALOGUES.en[area]).sort();
      expect({
        area,
        missing: ours.filter((k) => !theirs.includes(k)),
        unused: theirs.filter((k) => !ours.includes(k)),
      }).toEqual({
        area,
        missing: [],
        unused: [],
      });
    }
  });

  it.each(LOCALES)('every %s key starts with the area of its file and is a valid ICU message', (locale) => {
    for (const area of AREAS) {
      for (const [key, text] of Object.entries(CATALOGUES[locale][area])) {
        expect(key.startsWith(`${area}.`) ? key : `${key} (in ${locale}/${area}.json)`).toBe(key);
        expect(() => parse(text)).not.toThrow();
        expect(text.trim()).not.toBe('');
      }
    }
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s uses the same placeholders as English', (locale) => {
    const placeholders = (text: string) =>
      [...new Set([...text.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((m) => m[1]))].sort();
    for (const area of AREAS) {
      for (const [key, text] of Object.entries(CATALOGUES[locale][area])) {
        expect({ key, placeholders: placeholders(text) }).toEqual({
          key,
          placeholders: placeholders(CATALOGUES.en[area][key] ?? ''),
        });
      }
    }
  });

  it('has no key the code never uses', () => {
    expect(Object.keys(english).filter((key) => !usedKeys.has(key))).toEqual([]);
  });

  it('holds every key the code uses', () => {
    expect([...usedKeys].filter((key) => !(key in english))).toEqual([]);
  });
});
