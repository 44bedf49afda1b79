// Where Berth may send an operator hook's request (issue 22 §6 scale hooks; the deployments' lifecycle
// hooks reuse it): only to URLs the server's configuration allows (--hook-url-allow PREFIX[,PREFIX]),
// never to one an API caller chose alone. Both sides are normalized by the WHATWG URL parser first, so
// `..` segments, `%2e%2e`, upper-case hosts and default ports cannot walk a URL out of its prefix, and a
// prefix matches only at a boundary: `https://hooks.example` allows `https://hooks.example/x` but never
// `https://hooks.example.evil.net/`. Credentials in a URL are refused (they would be logged).

export type OutboundUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** Parses each configured prefix; a prefix that is not an http(s) URL is a configuration error. */
export function parseUrlAllowList(list: string): string[] {
  return list.split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
    let u: URL;
    try {
      u = new URL(p);
    } catch {
      throw new Error(`--hook-url-allow: ${JSON.stringify(p)} is not a URL`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`--hook-url-allow: ${JSON.stringify(p)} is not an http or https URL`);
    // new URL('https://h') gives 'https://h/': keep the prefix as written past the origin.
    return u.origin + (p.slice(p.indexOf('//') + 2).includes('/') ? u.pathname + u.search : '');
  });
}

/** Whether a hook may call `raw` under the allowed prefixes (parsed by parseUrlAllowList). */
export function checkOutboundUrl(raw: string, allowed: readonly string[]): OutboundUrlCheck {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { ok: false, reason: 'the hook URL is not a URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: `${u.protocol} URLs are not allowed, only http and https` };
  if (u.username || u.password) return { ok: false, reason: 'a URL may not carry credentials' };
  if (allowed.length === 0) return { ok: false, reason: 'the server allows no hook URLs (--hook-url-allow)' };
  const href = u.href;
  const match = allowed.some((p) => href.startsWith(p) && (p.endsWith('/') || href.length === p.length || '/?#'.includes(href[p.length]!)));
  // The refusal names the URL without its query or fragment: a webhook's token often rides there, and refusals
  // are logged and answered.
  const shown = u.origin + u.pathname + (u.search || u.hash ? '?…' : '');
  return match ? { ok: true, url: href } : { ok: false, reason: `${shown} is not under a URL the server allows (--hook-url-allow)` };
}
