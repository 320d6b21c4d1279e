import { translator } from '@app/i18n';
import { renderStepChart } from './charts';
import { ROLE_LABELS, roleLabels, STAGE_LABELS, stageLabelFor } from './labels';
import { viewHelpersFor } from './view-helpers';

describe('the pages’ labels, in the reader’s language', () => {
  it('keeps the English tables the other callers read', () => {
    expect(STAGE_LABELS.party).toBe('Party');
    expect(ROLE_LABELS['campaign-officer']).toBe('Campaign officer');
    expect(stageLabelFor('amendment-aggression', 'none')).toBe('Not accepted');
  });

  it('names stages, instruments, events and states in French and Arabic', () => {
    const fr = viewHelpersFor('fr');
    const ar = viewHelpersFor('ar');
    expect(fr.stage('party')).toBe('Partie');
    expect(fr.stageFor('amendment-aggression', 'none')).toBe('Non accepté');
    expect(ar.stage('party')).toBe('دولة طرف');
    expect(ar.instrumentShort('rome-statute')).toBe('نظام روما الأساسي');
    expect(fr.instrumentTitle('rome-statute')).toBe('Statut de Rome de la Cour pénale internationale');
    expect(fr.event('ratification')).toBe('Ratification');
    expect(ar.stateName('KEN', 'Kenya')).toBe('كينيا');
    expect(fr.stateName('DEU', 'Germany')).toBe('Allemagne');
    expect(fr.stateName('XXX', 'Nowhere')).toBe('Nowhere');
    expect(roleLabels(translator('es')).viewer).toBe('Lector');
    // A code the tables do not know is shown as it is.
    expect(ar.actionType('carrier-pigeon')).toBe('carrier-pigeon');
  });

  it('breaks the long words of narrow headers where each language breaks them', () => {
    expect(viewHelpersFor('en').hyphenate('Aggression')).toBe('Aggres&shy;sion');
    expect(viewHelpersFor('fr').hyphenate('Coopération')).toBe('Coopé&shy;ration');
    expect(viewHelpersFor('ar').hyphenate('العدوان')).toBe('العدوان');
  });

  it('fills a message’s slots with links and isolated names, escaping the rest', () => {
    const en = viewHelpersFor('en');
    expect(en.withBdi(en.slots('name').name + ' <b>', { name: '<Ama>' })).toBe('<bdi>&lt;Ama&gt;</bdi> &lt;b&gt;');
    expect(
      en.linked(translator('en').t('dashboards.stalled.playbook', en.slots('playbook')), {
        playbook: { href: '/playbook', text: 'playbook' },
      }),
    ).toBe('The next steps come from the <a href="/playbook">playbook</a>.');
  });

  it('writes the share bars’ and the chart’s figures in the language', () => {
    const ar = viewHelpersFor('ar');
    expect(ar.partyBar(3, 5)).toContain('<title>الدول الأطراف: 3</title>');
    const svg = renderStepChart(
      [
        { date: '1998-07-17', parties: 0 },
        { date: '2002-07-01', parties: 76 },
      ],
      { id: 'c', title: 'Parties', tr: translator('fr') },
    );
    expect(svg).toContain('<desc id="c-desc">76 au 1 juil. 2002, 76 au 1 juil. 2002.');
    expect(svg).toContain('>2002</text>');
  });
});
