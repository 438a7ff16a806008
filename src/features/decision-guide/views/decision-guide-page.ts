import { consistencySentence, type RedFlag, type Trend } from '../../../core/progress/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { TREND_NEEDS, verdictWords } from '../../progress/index.js';
import { DECISION_GUIDE, type GuideReader } from '../../../core/journey/index.js';

/**
 * "Can trust always be rebuilt?" Private to the partner reading it: nothing is stored when it is
 * opened, and it is never mentioned to anyone else. Each reader gets their own words (issue #20).
 */
export function decisionGuidePage(o: {
  spaceId: string;
  reader: GuideReader;
  myTrends: Record<'safety' | 'trust' | 'closeness', Trend> | null;
  consistency: { score: number; low: number; high: number; occasions: number } | null;
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
    ${o.myTrends ? ownTrends(o.myTrends) : null}
    ${partnerWord && o.consistency && o.consistency.occasions > 0 ? html`<p>How ${partnerWord.toLowerCase()} keeps their agreements: ${consistencySentence(o.consistency)}</p>` : null}
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

const OWN_TRENDS = [
  ['safety', 'Your sense of safety'],
  ['trust', 'Your trust'],
  ['closeness', 'Your closeness'],
] as const;

/**
 * The reader's own three trends. Those without enough check-ins are said once, together — not
 * "not enough check-ins yet" three times over (issue #20).
 */
function ownTrends(trends: Record<'safety' | 'trust' | 'closeness', Trend>): SafeHtml {
  const judged = OWN_TRENDS.filter(([k]) => trends[k].verdict !== 'not_enough_data');
  const waiting = OWN_TRENDS.filter(([k]) => trends[k].verdict === 'not_enough_data');
  const notYet =
    waiting.length === OWN_TRENDS.length
      ? `Not enough check-ins yet for a trend in your numbers (${TREND_NEEDS}).`
      : `Not enough check-ins yet for a trend in ${waiting.map(([, label]) => label.replace(/^Your /, 'your ')).join(' or ')} (${TREND_NEEDS}).`;
  return html`${judged.length ? html`<ul>${judged.map(([k, label]) => html`<li>${label}: ${verdictWords(trends[k])}.</li>`)}</ul>` : null}${waiting.length ? html`<p>${notYet}</p>` : null}`;
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
