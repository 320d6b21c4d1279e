/**
 * A minimal browser for the web pages over plain HTTP: keeps cookies, does not follow redirects, and posts
 * forms as a browser does (application/x-www-form-urlencoded).
 */
export interface WebResponse {
  status: number;
  html: string;
  headers: Headers;
  /** Where a redirect points, or null. */
  location: string | null;
}

export class WebClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<WebResponse> {
    return this.send('GET', path, undefined, headers);
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<WebResponse> {
    return this.send('POST', path, new URLSearchParams(form).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
  }

  /** Opens the sign-in page for its form token, then signs in; returns the answer to the form. */
  async signIn(email: string, password: string, next?: string): Promise<WebResponse> {
    const page = await this.get('/login');
    return this.post('/login', { _csrf: csrfToken(page.html), email, password, ...(next ? { next } : {}) });
  }

  private async send(
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ): Promise<WebResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.baseUrl + path, {
      method,
      body,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value.join('=') === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    return { status: res.status, html: await res.text(), headers: res.headers, location: res.headers.get('location') };
  }
}

/** The CSRF token of the first form on the page. */
export function csrfToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no form token on the page: ${html.slice(0, 300)}`);
  return match[1];
}
