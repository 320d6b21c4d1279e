import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The playbook: the next step suggested for a state stalled at a stage of an instrument (or of an implementation
 * track, as `implementation-cooperation` / `implementation-crimes`). Data the admins edit, seeded here with the
 * coalition's usual advice (drawn from the steps its ratification and implementation campaigns describe).
 */
export class Playbook1764822000000 implements MigrationInterface {
  name = 'Playbook1764822000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE playbook (
        instrument text NOT NULL,
        stage      text NOT NULL,
        suggestion text NOT NULL CHECK (suggestion <> ''),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (instrument, stage)
      )`);
    const rows: [string, string, string][] = [];
    for (const i of ['rome-statute', 'apic']) {
      rows.push(
        [
          i,
          'none',
          'Write to the head of state and the foreign minister, and ask the national coalition to brief parliament on accession.',
        ],
        [
          i,
          'signed',
          'Brief parliamentarians and write to the foreign minister asking for the ratification bill to be tabled.',
        ],
        [
          i,
          'withdrawn',
          'Meet the foreign ministry and civil society on the conditions for rejoining; raise it at the next UPR.',
        ],
      );
    }
    // Amendments are not open for signature: a state accepts or ratifies them, or not yet.
    for (const i of [
      'amendment-aggression',
      'amendment-art8-2010',
      'amendment-art8-2017-biological',
      'amendment-art8-2017-fragments',
      'amendment-art8-2017-laser',
      'amendment-art8-2019',
    ]) {
      rows.push([
        i,
        'none',
        'Write to the foreign minister asking for the amendment to be ratified or accepted, and brief parliament with the national coalition.',
      ]);
    }
    for (const track of ['implementation-cooperation', 'implementation-crimes']) {
      rows.push(
        [track, 'unknown', 'Ask the ministry of justice where implementing legislation stands, and record the answer.'],
        [
          track,
          'none',
          'Offer the ministry of justice model implementing legislation and a briefing for its drafters.',
        ],
        [track, 'drafting', 'Offer a review of the draft bill by the coalition’s legal experts.'],
        [
          track,
          'before-parliament',
          'Brief the parliamentary committee examining the bill and ask for a date for the vote.',
        ],
      );
    }
    await q.query(
      `INSERT INTO playbook (instrument, stage, suggestion)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE playbook`);
  }
}
