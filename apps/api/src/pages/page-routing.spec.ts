import { isSafeLocalPath, localPath, routePageUrl } from './page-routing';

describe('page routing', () => {
  it.each([
    ['/', '/_pages'],
    ['/?saved=done', '/_pages?saved=done'],
    ['/states/KEN?actions=abc', '/_pages/states/KEN?actions=abc'],
    ['/follow-ups', '/_pages/follow-ups'],
    ['/_pages/states/KEN', '/_pages/_pages/states/KEN'],
    ['/apis', '/_pages/apis'],
  ])('routes the page %s internally to %s', (url, routed) => {
    expect(routePageUrl(url)).toBe(routed);
  });

  it.each([
    '/api/states/KEN',
    '/api',
    '/api?x=1',
    '/docs',
    '/docs/static/x.css',
    '/docs-json',
    '/health/ready',
    '/assets/app.css?v=1',
  ])('leaves %s to the API, the docs, the health checks and the assets', (url) => {
    expect(routePageUrl(url)).toBe(url);
  });

  it.each(['/states/KEN', '/regions/africa?x=1', '/follow-ups#later', '/'])(
    'goes back to the local page %s',
    (path) => {
      expect(localPath(path)).toBe(path);
    },
  );

  it.each([
    'https://evil.example/',
    '//evil.example/',
    '/\\evil.example',
    '/api/me',
    '/docs',
    'states/KEN',
    undefined,
    ['/states/KEN'],
    `/${'x'.repeat(600)}`,
  ])('never goes back to %j, but home', (candidate) => {
    expect(localPath(candidate)).toBe('/');
  });

  describe('isSafeLocalPath, the one judge of a path taken from the request', () => {
    it.each(['/', '/states/KEN', '/states/KEN?actions=abc%3D', '/follow-ups?x=a%20b#follow-up-1', '/regions/africa'])(
      'accepts the local path %j',
      (path) => {
        expect(isSafeLocalPath(path)).toBe(true);
      },
    );

    it.each([
      // Browsers drop tabs and newlines from a URL: these became //evil.example, another origin, in Chromium.
      ['a tab', '/\t/evil.example/'],
      ['a percent-encoded tab', '/%09/evil.example/'],
      ['a newline', '/\n/evil.example/'],
      ['a CR/LF, which cannot go in a header', '/follow-ups\r\nSet-Cookie: a=b'],
      ['a percent-encoded CR/LF', '/follow-ups%0D%0ASet-Cookie:%20a=b'],
      ['a NUL', '/states\u0000'],
      ['DEL', '/states\u007f'],
      ['a C1 control (NEL)', '/states\u0085'],
      ['a percent-encoded C1 control', '/states%C2%85'],
      ['a backslash', '/\\evil.example'],
      ['a percent-encoded backslash', '/%5Cevil.example'],
      ['a protocol-relative URL', '//evil.example/'],
      ['a slash percent-encoded after the first', '/%2F/evil.example'],
      ['a percent-encoded leading slash', '%2F%2Fevil.example'],
      ['a leading space', ' /states/KEN'],
      ['a space', '/states/ KEN'],
      ['text beyond ASCII, which a Location header cannot carry', '/states/İ'],
      ['a broken percent escape', '/states/%E0%A4%A'],
      ['an absolute URL', 'https://evil.example/'],
      ['a relative path', 'states/KEN'],
      ['the empty string', ''],
      ['a path of more than 500 characters', `/${'x'.repeat(500)}`],
    ])('refuses a path with %s', (_, path) => {
      expect(isSafeLocalPath(path)).toBe(false);
      expect(localPath(path)).toBe('/');
      expect(localPath(path, '/follow-ups')).toBe('/follow-ups');
    });
  });
});
