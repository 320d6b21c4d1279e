import { translator } from '@app/i18n';
import { richText } from './rich-text';

describe('messages with markup in their placeholders', () => {
  it('escapes the message and what people wrote, and puts the markup in where the language wants it', () => {
    const name = 'Amina <b>&</b> Co';
    const english = richText(translator('en'));
    expect(english.t('actions.noEdit.text', { name: english.bdi(name) })).toBe(
      'Only <bdi>Amina &lt;b&gt;&amp;&lt;/b&gt; Co</bdi>, who logged it, or an administrator can change or withdraw this action.',
    );
    const french = richText(translator('fr'));
    expect(french.t('actions.noEdit.text', { name: french.bdi('Amina') })).toBe(
      'Seule la personne qui l’a enregistrée (<bdi>Amina</bdi>) ou un administrateur peut modifier ou retirer cette action.',
    );
  });

  it('fills plain values beside the markup, and lists markup in the language’s own words', () => {
    const spanish = richText(translator('es'));
    expect(
      spanish.t('actions.search.moreActions', { link: spanish.link('/actions?a=1&b=2', 'la lista') }, { count: 10 }),
    ).toBe(
      'Se muestran las 10 más recientes; hay más coincidencias. Añada una palabra para acotar la búsqueda o <a href="/actions?a=1&amp;b=2">la lista</a>.',
    );
    expect(spanish.list(['<code>a</code>', '<code>b</code>', '<code>c</code>'])).toBe(
      '<code>a</code>, <code>b</code> y <code>c</code>',
    );
  });
});
