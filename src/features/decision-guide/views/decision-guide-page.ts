import type { RedFlag, Trend } from '../../../core/progress/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { verdictWords } from '../../progress/index.js';
import { DECISION_GUIDE, type GuideReader } from '../../../core/journey/index.js';

/**
 * "Can trust always be rebuilt?" Private to the partner reading it: nothing is stored when it is
 * opened, and it is never mentioned to anyone else. Each reader gets their own words (issue #20).
 */
export function decisionGuidePage(o: {
  spaceId: string;
  reader: GuideReader;
  myTrends: Record<'safety' | 'trust' | 'closeness', Trend> | null;
  consistency: { score: number; occasions: number } | null;
  flags: RedFlag[];
}): SafeHtml {
  if (o.reader === 'therapist') return therapistGuide(o.spaceId);
  const t = DECISION_GUIDE[o.reader];
  const partnerWord = o.reader === 'alone' ? null : 'Your partner';
  return html`<h1>Can trust always be rebuilt?</h1>
  <p class="lead">${t.lead}</p>
  <section class="card" aria-labelledby="h-questions">
    <h2 id="h-questions">Questions to sit with</h2>
    <p>${t.intro}</p>
    <ol>${t.questions.map((q) => html`<li>${q}</li>`)}</ol>
    <p>You might write your answers somewhere private, or talk them through with someone you trust. There is no score.</p>
  </section>
  <section class="card" aria-labelledby="h-signals">
    <h2 id="h-signals">What Mend has seen</h2>
    ${
      o.myTrends
        ? html`<ul><li>Your sense of safety: ${verdictWords(o.myTrends.safety)}.</li><li>Your trust: ${verdictWords(o.myTrends.trust)}.</li><li>Your closeness: ${verdictWords(o.myTrends.closeness)}.</li></ul>`
        : null
    }
    ${partnerWord && o.consistency && o.consistency.occasions > 0 ? html`<p>${partnerWord}’s consistency score is ${o.consistency.score.toFixed(2)} over ${o.consistency.occasions} logged occasions.</p>` : null}
    ${o.flags.length ? html`<p>Things worth talking about:</p><ul>${o.flags.map((f) => html`<li>${f.message}</li>`)}</ul>` : html`<p>No red flags right now.</p>`}
    <p class="small muted">These are signals, not verdicts. Only you can weigh them.</p>
  </section>
  <section class="card" aria-labelledby="h-support">
    <h2 id="h-support">Support</h2>
    <p>${o.reader === 'broke_trust' ? 'If your partner is afraid of you, or you are afraid of yourself when you are angry, couples work is not the place to start.' : 'If you are afraid of your partner, couples work is not the right place to start.'} <a href="/support">Find support where you live</a>.</p>
    <p>${t.support}</p>
  </section>
  <section class="card" aria-labelledby="h-leaving">
    <h2 id="h-leaving">Leaving well</h2>
    <p>Leaving is a choice Mend supports, and so is staying. You can <a href="/account/export">download everything you can see</a> first, then <a href="/spaces/${o.spaceId}/leave">leave this space</a>. What you kept private here leaves with you (it is deleted)${o.reader === 'alone' ? '' : '; what you shared stays part of the record your partner keeps'}.</p>
  </section>
  <p><a href="/spaces/${o.spaceId}/progress">Back to progress</a></p>`;
}

/** A therapist reading the guide: what each partner is offered, and nothing of either's numbers. */
function therapistGuide(spaceId: string): SafeHtml {
  const t = DECISION_GUIDE.therapist;
  return html`<h1>Can trust always be rebuilt?</h1>
  <p class="lead">${t.lead}</p>
  <section class="card" aria-labelledby="h-about">
    <h2 id="h-about">What the partners see</h2>
    <p>${t.intro}</p>
    <p>${t.support}</p>
  </section>
  <section class="card" aria-labelledby="h-for-hurt">
    <h2 id="h-for-hurt">For the partner who was hurt</h2>
    <p>${DECISION_GUIDE.hurt.intro}</p>
    <ol>${DECISION_GUIDE.hurt.questions.map((q) => html`<li>${q}</li>`)}</ol>
  </section>
  <section class="card" aria-labelledby="h-for-broke">
    <h2 id="h-for-broke">For the partner who broke trust</h2>
    <p>${DECISION_GUIDE.broke_trust.intro}</p>
    <ol>${DECISION_GUIDE.broke_trust.questions.map((q) => html`<li>${q}</li>`)}</ol>
  </section>
  <p><a href="/spaces/${spaceId}/progress">Back to progress</a></p>`;
}
