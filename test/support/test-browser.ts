import * as http from 'node:http';
import * as https from 'node:https';
import { CliProcess } from './cli-process';

/**
 * A user's browser, scripted, for oidc-provider's development login and consent pages: opens the
 * authorization URL, follows redirects with its cookies, fills the login form (any login and
 * password) and confirms the consent, until the authorization server sends it back to the
 * client's redirect URL, which it opens too (the CLI's loopback receiver). Returns that page.
 */
export async function logInWithBrowser(authorizationUrl: string, caPem: string, login = 'alice'): Promise<string> {
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  let method = 'GET';
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    const r = await request(url, method, body, cookies, caPem);
    for (const c of r.setCookies) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    if (r.status >= 300 && r.status < 400 && r.location !== undefined) {
      url = new URL(r.location, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    if (url.hostname === '127.0.0.1' && url.protocol === 'http:') return r.text;
    const action = /<form[^>]*action="([^"]+)"/.exec(r.text)?.[1];
    if (r.status !== 200 || action === undefined) throw new Error(`the browser stopped at ${url.href}: ${r.status} ${r.text.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    method = 'POST';
    body = r.text.includes('name="login"') ? new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString() : new URLSearchParams({ prompt: 'consent' }).toString();
  }
  throw new Error('the browser went round in circles');
}

function request(url: URL, method: string, body: string | undefined, cookies: Map<string, string>, ca: string): Promise<{ status: number; location?: string; setCookies: string[]; text: string }> {
  const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  return new Promise((resolve, reject) => {
    const done = (res: http.IncomingMessage): void => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location !== undefined && { location: res.headers.location }), setCookies: res.headers['set-cookie'] ?? [], text }));
    };
    const req = url.protocol === 'https:' ? https.request(url, { method, headers, ca }, done) : http.request(url, { method, headers }, done);
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A command that logs in (auth login, test --url --login), with the browser scripted: every
 * authorization URL the command prints is opened and gone through, as the user `login`. Its exit code and what it printed.
 */
export async function runWithBrowser(args: string[], env: NodeJS.ProcessEnv, cwd: string, caPem: string, login = 'alice'): Promise<{ code: number | null; out: string; browsed: number }> {
  const cli = new CliProcess(args, env, cwd);
  const urls = new Set<string>();
  const browsing: Promise<string>[] = [];
  const watch = setInterval(() => {
    for (const line of cli.lines) {
      const url = /^\s+(https:\/\/localhost:\d+\/auth\?\S+)$/.exec(line)?.[1];
      if (url !== undefined && !urls.has(url)) {
        urls.add(url);
        browsing.push(logInWithBrowser(url, caPem, login));
      }
    }
  }, 50);
  const code = await cli.exitedWithin(60_000);
  clearInterval(watch);
  await Promise.all(browsing);
  return { code: code === 'timeout' ? null : code, out: cli.lines.join('\n'), browsed: urls.size };
}
