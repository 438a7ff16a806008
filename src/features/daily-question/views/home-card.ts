import { html, type SafeHtml } from '../../../platform/web/html.js';

/** What the space's home shows after the day's check-in: an invitation, never a task or a count. */
export function dailyQuestionCard(
  spaceId: string,
  offer: { mode: 'pair' | 'solo'; state: 'waiting' | 'answered' | 'open' } | null,
): SafeHtml | null {
  if (!offer) return null;
  const words =
    offer.state === 'open'
      ? 'You have both answered today’s question: your answers are open.'
      : offer.state === 'answered'
        ? 'You answered today’s question.'
        : offer.mode === 'pair'
          ? 'If you would like one, there is a small question for the two of you today.'
          : 'If you would like one, there is a small question for you to reflect on today.';
  return html`<section class="card" aria-labelledby="daily-question-card-heading">
    <h2 id="daily-question-card-heading">A question for today</h2>
    <p>${words}</p>
    <p><a href="/spaces/${spaceId}/question">${offer.state === 'waiting' ? 'Open today’s question' : 'Read today’s question'}</a></p>
  </section>`;
}
