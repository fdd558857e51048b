// The image's HEALTHCHECK: GET /healthz on the local API with node's fetch (slim images have no curl).
// Exits 0 when the API answers 2xx within the timeout, 1 otherwise.
const port = process.env.PORT || '3000';
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
