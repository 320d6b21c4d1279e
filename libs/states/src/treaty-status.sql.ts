import { PARTY_STAGES } from './treaty';

/**
 * Pieces of SQL every statement about the treaty status shares, written once. Status itself comes from the
 * treaty_status() function (the one derivation of the treaty rules); these say what its stages mean.
 */

/** `column` holds a stage of a party (withdrawing states included), from PARTY_STAGES. */
export const isPartyStage = (column: string): string =>
  `${column} IN (${PARTY_STAGES.map((s) => `'${s}'`).join(', ')})`;

/**
 * The stage of one implementation track of the state `stateCode` on `asOf`: its latest change up to that day
 * (the latest recorded among same-day changes), or null if none.
 */
export const implementationStageOn = (stateCode: string, track: string, asOf: string): string =>
  `(SELECT ic.stage FROM implementation_change ic
     WHERE ic.state_code = ${stateCode} AND ic.track = ${track} AND ic.date <= ${asOf}
     ORDER BY ic.date DESC, ic.recorded_at DESC LIMIT 1)`;
