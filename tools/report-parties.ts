/**
 * `npm run report:parties`: the parties of each instrument today in the tracker's database (DATABASE_URL), against
 * the counts the sources give, and the rows the sources say are still missing. Read-only; run it against a database
 * the api or the worker has started once (migrated, reference data loaded).
 */
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule, DatabaseModule, todayUtc } from '@app/platform';
import { Instrument, INSTRUMENT_LABELS, PARTY_STAGES, StatesModule, StatusCountsService } from '@app/states';

interface SourceCount {
  parties: number | null;
  source: string;
  missing: string;
}

/** What the sources of libs/states/data/treaty-events.csv say (see the README, "Reference data"). */
const SOURCE_COUNTS: Record<Instrument, SourceCount> = {
  'rome-statute': {
    parties: 125,
    source: 'PGA list of states parties (Ukraine the 125th, 2025); ICC Assembly of States Parties',
    missing: "Hungary's revocation rests on a press report only; no C.N. seen for 2025-26 withdrawals",
  },
  apic: {
    parties: 79,
    source: 'UN MTDSG XVIII-13 header "Parties 79" (undated copy); 80 per en.wikipedia (2025)',
    missing: 'Republic of Moldova (date unreadable); UN pages after "D" unread; GHA, GIN, KOR dates may be signatures',
  },
  'amendment-aggression': {
    parties: 47,
    source: 'EJIL:Talk!, "as of 22 May 2025": 47 ratifications',
    missing: 'about 5 deposits after Nov 2019; leads: NZL, MNG, ROU, PER, MEX (UN XVIII-10-b not read)',
  },
  'amendment-art8-2010': {
    parties: 45,
    source: 'UN MTDSG XVIII-10-a header "Parties 45" (undated copy, newest entry 20 Jan 2023)',
    missing: 'any deposit after the copy was taken',
  },
  'amendment-art8-2017-biological': {
    parties: 20,
    source: 'UN MTDSG XVIII-10-d participants (undated copy, newest entry June 2024)',
    missing: 'any deposit after June 2024',
  },
  'amendment-art8-2017-fragments': {
    parties: null,
    source: 'none: no copy of UN MTDSG XVIII-10-e could be read',
    missing: 'every row',
  },
  'amendment-art8-2017-laser': {
    parties: 18,
    source: 'UN MTDSG XVIII-10-f participants (undated copy, newest entry June 2024)',
    missing: 'any deposit after June 2024; Liechtenstein and Sweden are in XVIII-10-d but not here: check',
  },
  'amendment-art8-2019': {
    parties: 23,
    source: 'Netherlands treaty database 013742 (to 17 Oct 2025)',
    missing: 'deposits after Oct 2025',
  },
};

@Module({ imports: [AppConfigModule, DatabaseModule, StatesModule] })
class ReportModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ReportModule, { logger: ['error'] });
  try {
    const asOf = process.argv[2] ?? todayUtc();
    const counts = await app.get(StatusCountsService).stageCounts(undefined, asOf);
    const lines = [`Parties on ${asOf}, in the tracker and in the sources`, ''];
    for (const { instrument, stages } of counts) {
      const here = PARTY_STAGES.reduce((n, s) => n + stages[s], 0);
      const expected = SOURCE_COUNTS[instrument];
      const gap = expected.parties === null ? 'no count' : here - expected.parties;
      lines.push(`${INSTRUMENT_LABELS[instrument]} (${instrument})`);
      lines.push(
        `  tracker ${here}   sources ${expected.parties ?? '?'}   difference ${typeof gap === 'number' && gap > 0 ? '+' : ''}${gap}`,
      );
      lines.push(`  source:  ${expected.source}`);
      lines.push(`  missing: ${expected.missing}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
