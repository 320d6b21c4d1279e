import { escapeHtml, plural } from './text';

describe('text for people', () => {
  it('escapes text for HTML bodies and attributes', () => {
    expect(escapeHtml(`<b>"Côte d'Ivoire" & co</b>`)).toBe('&lt;b&gt;&quot;Côte d&#39;Ivoire&quot; &amp; co&lt;/b&gt;');
    expect(escapeHtml('Plain text')).toBe('Plain text');
  });

  it('counts with the noun in the matching number', () => {
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(0, 'action')).toBe('0 actions');
    expect(plural(2, 'state party', 'states parties')).toBe('2 states parties');
    expect(plural(1234, 'action')).toBe('1,234 actions');
  });
});
