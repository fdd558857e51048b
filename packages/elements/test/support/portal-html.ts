/**
 * A portal's page, as a university would write it: the bundle from one script tag, `configure`
 * with a `fetchClientSecret` that asks "its server" (here the test, through an exposed function),
 * and nothing else: the components find each other through their events.
 */
export const PORTAL_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Career portal — informational interviews</title>
  <style>
    body { margin: 0; font-family: Georgia, serif; }
    header, main { padding: 1rem; }
    main { display: grid; gap: 1.5rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 28rem), 1fr)); }
    infoview-interview { grid-column: 1 / -1; }
  </style>
</head>
<body>
  <header><h1>Career portal</h1></header>
  <main>
    <infoview-workspace></infoview-workspace>
    <infoview-tasks></infoview-tasks>
    <infoview-feed></infoview-feed>
    <infoview-network></infoview-network>
    <infoview-interview></infoview-interview>
  </main>
  <script type="module">
    import * as elements from '/infoview-elements.js';
    window.infoview = elements;
    const params = new URLSearchParams(location.search);
    elements.configure({ baseUrl: params.get('api'), fetchClientSecret: () => window.fetchClientSecret() });
    // No glue between the components: <infoview-interview> follows what the others open.
    if (params.get('interview')) document.querySelector('infoview-interview').interviewId = params.get('interview');
  </script>
</body>
</html>`;
