import type { LogEntryView } from '../../../services/agreement-log.js';
import type { AgreementFacts } from '../../../store/agreement-log.js';
import { csrfField, errorSummary } from '../../components/forms.js';
import { html, type SafeHtml } from '../../html.js';
import { formatDay, rhythmNav, textarea, visibilityChoice } from './common.js';

const CADENCE: Record<string, string> = { each_time: 'each time it comes up', daily: 'daily', weekly: 'weekly', once: 'once' };
const STATUS: Record<string, string> = { unconfirmed: 'not yet confirmed', confirmed: 'confirmed', disputed: 'seen differently' };

export interface AgreementLogModel {
  csrf: string;
  spaceId: string;
  viewerId: string;
  /** A therapist reads the log; only the partners confirm or dispute an occasion. */
  isPartner: boolean;
  today: string;
  names: Map<string, string>;
  agreements: AgreementFacts[];
  entries: LogEntryView[];
  errors?: Record<string, string>;
  errorFor?: string;
  message?: string;
}

export function agreementLogPage(o: AgreementLogModel): SafeHtml {
  return html`${rhythmNav(o.spaceId, 'agreement-log')}
  <h1>Agreement log</h1>
  ${errorSummary(o.errors, o.message)}
  <p class="lead">The partner who made a commitment records each occasion as kept or missed. The other partner confirms it, or says they saw it differently. Nothing is deleted: the history stays.</p>
  ${agreementLogSection(o)}`;
}

/**
 * The active agreements and their logs. The `live` island fetches this same markup again
 * (live-fragments.ts) when an agreement or an occasion changes. Notes are the viewer's copy (a
 * private note is in its author's only); forms are only where the viewer may use them, so a
 * therapist's copy has none.
 */
export function agreementLogSection(o: AgreementLogModel): SafeHtml {
  const who = (id: string | null) => (id === o.viewerId ? 'You' : (id && o.names.get(id)) || 'A former partner');
  const active = o.agreements.filter((a) => a.status === 'active');
  return html`<div id="agreement-log-live" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/agreement-log" data-live-label="Agreement log" data-live-on="agreement agreement_log">
  ${active.length === 0 ? html`<p>There are no active agreements yet. Agreements are made together in step 3 of a journey.</p>` : null}
  ${active.map((a) => {
    const mine = a.committedBy.includes(o.viewerId);
    const entries = o.entries.filter((e) => e.agreementId === a.id).reverse();
    return html`<section class="card agreement" aria-labelledby="a-${a.id}">
      <h2 id="a-${a.id}" class="agreement__text">${a.text}</h2>
      <p class="muted small">${a.committedBy.map((id) => who(id)).join(' and ')} · ${CADENCE[a.cadence] ?? a.cadence}${a.reviewOn ? ` · review on ${formatDay(a.reviewOn)}` : ''}</p>
      ${mine
        ? html`<form method="post" action="/spaces/${o.spaceId}/agreement-log/${a.id}" class="stack log-form">
            ${csrfField(o.csrf)}
            <div class="field"><label for="occurred-${a.id}">Which day?</label><input id="occurred-${a.id}" name="occurredOn" type="date" max="${o.today}" value="${o.today}" required></div>
            <fieldset class="field choice-row"><legend>Did you keep it?</legend>
              <label><input type="radio" name="kept" value="yes" required> Kept</label>
              <label><input type="radio" name="kept" value="no"> Missed</label>
            </fieldset>
            <details id="note-${a.id}"><summary>Add a note (optional)</summary>
              ${textarea({ name: 'note', id: `field-note-${a.id}`, label: 'Note', value: '', coach: 'message' })}
              ${visibilityChoice('visibility', 'shared')}
            </details>
            <button type="submit" class="button">Log this occasion</button>
          </form>`
        : null}
      ${entries.length
        ? html`<table class="table log-table"><caption class="visually-hidden">Log of this agreement</caption><thead><tr><th scope="col">Day</th><th scope="col">Logged</th><th scope="col">Status</th></tr></thead><tbody>${entries.map(
            (e) => html`<tr><td>${formatDay(e.occurredOn)}</td><td>${who(e.loggedBy)}: ${e.kept ? 'kept' : 'missed'}${e.note ? html`<br><span class="small pre-wrap">${e.note.text}</span>` : null}</td><td>${STATUS[e.review ?? 'unconfirmed']}${e.reviewNote ? html`<br><span class="small pre-wrap">${e.reviewNote.text}</span>` : null}
              ${e.review === null && o.isPartner && e.loggedBy !== o.viewerId
                ? html`<form method="post" action="/spaces/${o.spaceId}/agreement-log/entries/${e.id}/review" class="review-form">
                    ${csrfField(o.csrf)}
                    <label class="visually-hidden" for="rn-${e.id}">Note (optional)</label>
                    <input id="rn-${e.id}" name="note" type="text" maxlength="2000" placeholder="A note (optional, shared)">
                    <button type="submit" name="review" value="confirmed" class="button button--secondary">Confirm</button>
                    <button type="submit" name="review" value="disputed" class="button button--secondary">I saw it differently</button>
                  </form>`
                : null}</td></tr>`,
          )}</tbody></table>`
        : html`<p>Nothing logged yet.</p>`}
    </section>`;
  })}
</div>`;
}
