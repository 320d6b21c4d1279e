import { escapeHtml, isolate, plural } from './text';

describe('text for people', () => {
  it('escapes text for HTML bodies and attributes', () => {
    expect(escapeHtml(`<b>"Côte d'Ivoire" & co</b>`)).toBe('&lt;b&gt;&quot;Côte d&#39;Ivoire&quot; &amp; co&lt;/b&gt;');
    expect(escapeHtml('Plain text')).toBe('Plain text');
  });

  it('isolates typed text, so a right-to-left override in it reaches no further than itself', () => {
    expect(isolate('\u202Egnp.exe')).toBe('\u2068\u202Egnp.exe\u2069');
    expect(isolate('שלום')).toBe('\u2068שלום\u2069');
    expect(isolate('Meet the مجلس')).toBe('\u2068Meet the مجلس\u2069');
    // A pop of its own cannot end the isolate early and let an override after it out.
    expect(isolate('a\u2069\u202Eb')).toBe('\u2068a\u202Eb\u2069');
  });

  it('leaves left-to-right text without bidi controls as it is', () => {
    expect(isolate('Call the ministry (2027), Côte d’Ivoire')).toBe('Call the ministry (2027), Côte d’Ivoire');
  });

  it('counts with the noun in the matching number', () => {
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(0, 'action')).toBe('0 actions');
    expect(plural(2, 'state party', 'states parties')).toBe('2 states parties');
    expect(plural(1234, 'action')).toBe('1,234 actions');
  });
});
