const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The key two emails of one person share: lowercased and trimmed; for Gmail, dots and a
 * `+suffix` in the local part are ignored (`J.Doe+x@GoogleMail.com` → `jdoe@gmail.com`).
 */
export function normalizeEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  if (!value) return null;
  const at = value.lastIndexOf('@');
  if (at <= 0) return value;
  let local = value.slice(0, at);
  let domain = value.slice(at + 1);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.split('+')[0]!.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}

/**
 * The key two links to one profile share: no scheme, no `www.`, lowercase host, no query,
 * fragment or trailing slash (`https://www.LinkedIn.com/in/jdoe/?x=1` → `linkedin.com/in/jdoe`).
 */
export function normalizeProfileUrl(url: string | null | undefined): string | null {
  const value = url?.trim();
  if (!value) return null;
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    return value.toLowerCase();
  }
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  const pathname = parsed.pathname.replace(/\/+$/, '');
  return `${host}${parsed.port ? `:${parsed.port}` : ''}${pathname}`;
}
