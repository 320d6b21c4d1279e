import { localPath, routePageUrl } from './page-routing';

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
});
