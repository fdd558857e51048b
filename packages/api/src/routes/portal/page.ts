/** The components the sample page embeds, each in its own labelled section. */
const SECTIONS = [
  { tag: 'infoview-workspace', heading: 'Today and next', id: 'workspace' },
  { tag: 'infoview-tasks', heading: 'Your tasks', id: 'tasks' },
  { tag: 'infoview-network', heading: 'Your network', id: 'network' },
  { tag: 'infoview-interview', heading: 'Interview', id: 'interview' },
  { tag: 'infoview-feed', heading: 'Notifications', id: 'feed' },
] as const;

export const PORTAL_TAGS = SECTIONS.map((section) => section.tag);

/**
 * The sample portal page: what a university page embedding Infoview looks like. Landmarks,
 * headings, a skip link, visible focus and AA contrast (WCAG 2.1 AA) on the page's own parts.
 */
export function portalPage({ bundleAvailable }: { bundleAvailable: boolean }): string {
  const notice = bundleAvailable
    ? ''
    : `<div class="notice" role="status">
        <h2>The components are not built yet</h2>
        <p>This page loads <code>packages/elements/dist/infoview-elements.js</code>, which does not exist.
        Build it with <code>pnpm --filter @infoview/elements build</code>, then reload.</p>
      </div>`;
  const sections = SECTIONS.map(
    ({ tag, heading, id }) => `<section aria-labelledby="${id}-heading">
          <h2 id="${id}-heading">${heading}</h2>
          <${tag} data-infoview></${tag}>
        </section>`,
  ).join('\n        ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Career portal (sample) — Infoview</title>
    <style>
      :root { color-scheme: light; font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; background: #fff; }
      body { margin: 0; }
      .skip { position: absolute; left: -10000px; }
      .skip:focus { position: static; display: inline-block; padding: .5rem 1rem; background: #0b3d91; color: #fff; }
      header, footer { background: #0b3d91; color: #fff; padding: 1rem clamp(1rem, 4vw, 2rem); }
      header p, footer p { margin: 0; }
      header a, footer a { color: #fff; }
      h1 { margin: 0; font-size: 1.5rem; }
      main { max-width: 72rem; margin: 0 auto; padding: 1rem clamp(1rem, 4vw, 2rem) 2rem; }
      section { margin-block: 1.5rem; }
      h2 { font-size: 1.25rem; margin-block: 0 .5rem; }
      .notice { border: 2px solid #8a4b00; background: #fff4e5; color: #1a1a1a; padding: .75rem 1rem; border-radius: .25rem; }
      .notice h2 { margin-top: 0; }
      code { overflow-wrap: anywhere; }
      :focus-visible { outline: 3px solid #0b3d91; outline-offset: 2px; }
      header :focus-visible, footer :focus-visible, .skip:focus-visible { outline-color: #ffbf47; }
      @media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
    </style>
    <script type="module" src="/portal/portal.js"></script>
  </head>
  <body>
    <a class="skip" href="#main">Skip to the workflow</a>
    <header>
      <h1>Demo University career portal</h1>
      <p>A sample page: its server mints an Infoview browser session for the demo student, Dana Demo.</p>
    </header>
    <main id="main" tabindex="-1">
      ${notice}
      ${sections}
    </main>
    <footer>
      <p>Embedding guide: docs/embedding.md in the Infoview repository. API reference: <a href="/docs">/docs</a>.</p>
    </footer>
  </body>
</html>
`;
}

/**
 * The page's script: loads the components, then hands each one the `fetchClientSecret` callback
 * that asks this portal's server for a fresh session (on start, and whenever one expires).
 */
export const portalScript = `const tags = ${JSON.stringify(PORTAL_TAGS)};
async function fetchClientSecret() {
  const response = await fetch('/portal/session', { method: 'POST' });
  if (!response.ok) throw new Error('The portal could not start a session (HTTP ' + response.status + ')');
  const { clientSecret } = await response.json();
  return clientSecret;
}
try {
  await import('/portal/infoview-elements.js');
  // Each on its own: a component the bundle lacks must not hold the others back.
  for (const tag of tags) {
    customElements.whenDefined(tag).then(() => {
      for (const element of document.querySelectorAll(tag)) element.fetchClientSecret = fetchClientSecret;
    });
  }
} catch (error) {
  console.error('Infoview components could not load', error);
}
`;
