import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Every .eta file under a folder. */
const templates = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? templates(join(dir, e.name)) : e.name.endsWith('.eta') ? [join(dir, e.name)] : [],
  );

/** The text a reader sees in a template: what is left once the code between <% and %> is dropped. */
const templateText = (source: string) => source.replace(/<%[\s\S]*?%>/g, ' ');

/** The string literals of a TypeScript file that hold words (a space), without their ${…} parts. */
const literals = (source: string) =>
  [...source.matchAll(/'([^'\n]*)'|`([^`]*)`/g)]
    .map((m) => (m[1] ?? m[2]).replace(/\$\{[^}]*\}/g, ' '))
    .filter((text) => text.includes(' '));

/** Each "parties" not said as "states parties" (an API path such as /api/stats/parties is not wording). */
const otherwise = (text: string): string[] =>
  [...text.matchAll(/(?:\b(states)\s+)?(?<![/\w-])parties\b(?!-)/gi)]
    .filter((m) => m[1] === undefined)
    .map((m) => text.slice(Math.max(0, m.index - 30), m.index + m[0].length));

describe('"states parties": one name, on every page, in the digest and in the README', () => {
  it('is how the pages name the states that are party or withdrawing', () => {
    const found = templates(join(ROOT, 'apps/api/views')).flatMap((file) =>
      otherwise(templateText(readFileSync(file, 'utf8'))).map((w) => `${file}: ${w}`),
    );
    for (const file of ['apps/api/src/pages/dashboard-pages.controller.ts', 'apps/api/src/pages/view-helpers.ts']) {
      const source = readFileSync(join(ROOT, file), 'utf8');
      found.push(...literals(source).flatMap((text) => otherwise(text).map((w) => `${file}: ${w}`)));
    }
    expect(found).toEqual([]);
  });

  it('is how the English messages name them, now that the pages take their words from the catalogues', () => {
    const dir = join(ROOT, 'libs/i18n/messages/en');
    const found = readdirSync(dir).flatMap((file) =>
      Object.entries(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, string>).flatMap(
        ([key, text]) => otherwise(text).map((w) => `${file} ${key}: ${w}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it('is how the digest names them, in its HTML and its text', () => {
    const template = readFileSync(join(ROOT, 'libs/digest/src/digest.template.ts'), 'utf8');
    const render = readFileSync(join(ROOT, 'libs/digest/src/digest.render.ts'), 'utf8');
    expect([...otherwise(templateText(template)), ...literals(render).flatMap(otherwise)]).toEqual([]);
  });

  it('is how the README names them', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').replace(/`[^`\n]*`/g, ' ');
    expect(otherwise(readme)).toEqual([]);
  });
});
