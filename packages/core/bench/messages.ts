import dictionary from 'dictionary-en';
import { createSpeller, type MessageContext } from '../src/messages/index.js';
import { GUIDE_POLICY } from '../src/policy/presets.js';
import { lintMessage } from '../src/rules/lint.js';

const context: MessageContext = {
  student: {
    timeZone: 'America/New_York',
    profile: {
      firstName: 'Ana',
      lastName: 'Lima',
      school: 'Northeastern University',
      program: 'data science',
    },
  },
  contact: {
    name: 'Maria Okonkwo',
    organization: 'Wayfair',
    email: 'mokonkwo@wayfair.com',
    source: 'alumni_directory',
    known: false,
  },
  topics: ['major_to_career', 'preparing_for_career'],
};

// A realistic 150-word first email to an alumna the student does not know.
const BODY =
  'Dear Ms. Okonkwo,\n\n' +
  'I found your name in the Northeastern University alumni directory while looking for graduates who work in ' +
  'e-commerce analytics. My name is Ana Lima, and I am a third-year data science student at Northeastern. During ' +
  'my last co-op I analyzed patient wait times for a Boston hospital, and I enjoyed turning messy operational data ' +
  'into recommendations that managers actually used.\n\n' +
  'Your move from healthcare analytics to the pricing team at Wayfair is exactly the path I am considering, and I ' +
  'am curious about how your work differs between the two industries. I am also interested in which skills ' +
  'mattered most when you were starting out.\n\n' +
  'Would you have 20-30 minutes in the next few weeks for a call? I would be grateful for your advice and any ' +
  'information about your career, field, or organization. I am happy to work around your schedule.\n\n' +
  'Thank you for considering it,\nAna Lima\nlima.a@northeastern.edu';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Dictionary load time and lints per second on one core for a 150-word outreach email. */
export async function benchMessages(): Promise<Record<string, unknown>> {
  const loads: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    createSpeller(dictionary);
    loads.push(performance.now() - started);
  }
  const speller = createSpeller(dictionary);
  const options = { policy: GUIDE_POLICY, speller };
  const draft = {
    kind: 'outreach' as const,
    subject: 'Northeastern student hoping for your advice',
    body: BODY,
  };
  const words = BODY.split(/\s+/).filter(Boolean).length;
  const findings = lintMessage(draft, context, options);
  if (findings.length > 0) throw new Error(`bench email should lint clean: ${JSON.stringify(findings)}`);

  for (let i = 0; i < 2_000; i += 1) lintMessage(draft, context, options); // warm-up
  const rates: number[] = [];
  for (let run = 0; run < 7; run += 1) {
    let count = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < 1_000) {
      for (let i = 0; i < 200; i += 1) lintMessage(draft, context, options);
      count += 200;
      elapsed = performance.now() - started;
    }
    rates.push((count * 1_000) / elapsed);
  }
  const result = {
    dictionaryLoadMsMedian: Math.round(median(loads)),
    dictionaryLoadMsRuns: loads.map(Math.round),
    outreachWords: words,
    lintsPerSecondMedian: Math.round(median(rates)),
    lintsPerSecondRuns: rates.map(Math.round),
    lintsPerSecondGoal: 2_000,
  };
  console.log(
    `messages: dictionary-en load (createSpeller), median of 5: ${result.dictionaryLoadMsMedian} ms`,
  );
  console.log(
    `messages: lintMessage on a ${words}-word outreach email, one core, median of 7 × 1 s: ${result.lintsPerSecondMedian.toLocaleString('en-US')} lints/s (goal ≥ 2,000)`,
  );
  return result;
}
