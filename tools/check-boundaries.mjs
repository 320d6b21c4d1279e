// Fails (exit 1) when a library's SQL names a table or view another library owns and does not publish, when an
// app holds SQL naming any table, or when a migration creates a table, view or function no library owns.
// Imports are checked by ESLint (eslint.config.mjs): no library imports an app, the platform no feature library.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const { libraries } = JSON.parse(readFileSync(join(root, 'tools/boundaries.json'), 'utf8'));

/** name -> { owner, published } */
const names = new Map();
for (const [lib, { tables, publishes }] of Object.entries(libraries)) {
  for (const t of tables) names.set(t, { owner: lib, published: false });
  for (const v of publishes) names.set(v, { owner: lib, published: true });
}

function* tsFiles(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* tsFiles(path);
    else if (path.endsWith('.ts') && !/\.(spec|medium-spec|e2e-spec)\.ts$/.test(path)) yield path;
  }
}

// Comments go first, so that prose ("read from state …") is never taken for SQL; keywords are matched in capitals,
// as every statement here is written.
const blank = (comment) => comment.replace(/[^\n]/g, ' ');
const stripComments = (text) =>
  text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[^:'"`\\])(\/\/.*)$/gm, (_, before, c) => before + blank(c));
const RELATION = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|VIEW)\s+([a-z_][a-z0-9_]*)/g;
const FUNCTION_CALL = /\b([a-z_][a-z0-9_]*)\s*\(/g;

/** The owned names a file's SQL refers to, with line numbers. */
function references(text) {
  const found = [];
  const code = stripComments(text);
  for (const re of [RELATION, FUNCTION_CALL]) {
    for (const m of code.matchAll(re)) {
      if (!names.has(m[1])) continue;
      // A function name counts only when the names map holds it as one the owner publishes (treaty_status(…)).
      if (re === FUNCTION_CALL && !names.get(m[1]).published) continue;
      found.push({ name: m[1], line: code.slice(0, m.index).split('\n').length });
    }
  }
  return found;
}

const problems = [];
for (const lib of readdirSync(join(root, 'libs'))) {
  for (const file of tsFiles(join(root, 'libs', lib, 'src'))) {
    for (const { name, line } of references(readFileSync(file, 'utf8'))) {
      const { owner, published } = names.get(name);
      if (owner !== lib && !published) {
        problems.push(
          `${relative(root, file)}:${line}: ${lib} names ${name}, which ${owner} owns; ask ${owner} through a method it exports or a view it publishes`,
        );
      }
    }
  }
}
for (const file of tsFiles(join(root, 'apps'))) {
  for (const { name, line } of references(readFileSync(file, 'utf8'))) {
    problems.push(`${relative(root, file)}:${line}: an app names ${name}; apps reach data through the libraries`);
  }
}
for (const file of tsFiles(join(root, 'migrations'))) {
  const text = stripComments(readFileSync(file, 'utf8'));
  for (const m of text.matchAll(/\bCREATE (?:OR REPLACE )?(?:TABLE|VIEW|FUNCTION) ([a-z_][a-z0-9_]*)/g)) {
    // A revision counter's trigger function (bump_…_revision) is called by its triggers only, never by a library.
    if (!names.has(m[1]) && !/^bump_[a-z_]+_revision$/.test(m[1])) {
      problems.push(`${relative(root, file)}: ${m[1]} has no owning library in tools/boundaries.json`);
    }
  }
}

if (problems.length) {
  process.stderr.write(`Boundary check failed:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`Boundary check: ${names.size} tables and published names, every library within its own\n`);
