import type { RedFlag, Trend } from '../../../core/progress/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { verdictWords } from '../../progress/index.js';

const QUESTIONS = [
  'When you imagine the next year together, what do you feel first — hope, dread, or something else?',
  'Is the partner who broke trust doing the work without being pushed: answering questions, keeping agreements, owning misses?',
  'Do you feel safe — in your body, with your money, with your friends — when you disagree?',
  'Are you staying because you want this relationship, or because leaving feels impossible right now?',
  'Has there been real change you can point to, or mostly promises?',
  'If a close friend described your situation to you, what would you hope for them?',
  'What would you need to see in the next three months to feel this is worth continuing?',
];

/**
 * "Can trust always be rebuilt?" Private to the partner reading it: nothing is stored when it is
 * opened, and it is never mentioned to anyone else.
 */
export function decisionGuidePage(o: {
  spaceId: string;
  myTrends: Record<'safety' | 'trust' | 'closeness', Trend> | null;
  consistency: { score: number; occasions: number } | null;
  flags: RedFlag[];
}): SafeHtml {
  return html`<h1>Can trust always be rebuilt?</h1>
  <p class="lead">Not always — and that is not a failure. This page is only for you. Mend keeps no record that you opened it, and your partner is never told.</p>
  <section class="card" aria-labelledby="h-questions">
    <h2 id="h-questions">Questions to sit with</h2>
    <p>There is no score here. You might write your answers somewhere private, or talk them through with someone you trust.</p>
    <ol>${QUESTIONS.map((q) => html`<li>${q}</li>`)}</ol>
  </section>
  <section class="card" aria-labelledby="h-signals">
    <h2 id="h-signals">What Mend has seen</h2>
    ${
      o.myTrends
        ? html`<ul><li>Your sense of safety: ${verdictWords(o.myTrends.safety)}.</li><li>Your trust: ${verdictWords(o.myTrends.trust)}.</li><li>Your closeness: ${verdictWords(o.myTrends.closeness)}.</li></ul>`
        : null
    }
    ${o.consistency && o.consistency.occasions > 0 ? html`<p>Your partner’s consistency score is ${o.consistency.score.toFixed(2)} over ${o.consistency.occasions} logged occasions.</p>` : null}
    ${o.flags.length ? html`<p>Things worth talking about:</p><ul>${o.flags.map((f) => html`<li>${f.message}</li>`)}</ul>` : html`<p>No red flags right now.</p>`}
    <p class="small muted">These are signals, not verdicts. Only you can weigh them.</p>
  </section>
  <section class="card" aria-labelledby="h-support">
    <h2 id="h-support">Support</h2>
    <p>If you are afraid of your partner, couples work is not the right place to start. <a href="/support">Find support where you live</a>.</p>
    <p>A counsellor of your own — not a couples therapist — can help you decide without pressure from either side.</p>
  </section>
  <section class="card" aria-labelledby="h-leaving">
    <h2 id="h-leaving">Leaving well</h2>
    <p>Leaving is a choice Mend supports. You can <a href="/account/export">download everything you can see</a> first, then <a href="/spaces/${o.spaceId}/leave">leave this space</a>. What you kept private here leaves with you (it is deleted); what you shared stays part of the record your partner keeps.</p>
  </section>
  <p><a href="/spaces/${o.spaceId}/progress">Back to progress</a></p>`;
}
