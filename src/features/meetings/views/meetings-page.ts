import { agendaHint, meetingFormLead, meetingLead } from '../../../core/partner-words.js';
import { AGENDA_SECTIONS } from '../service.js';
import { historyLinks, NEWEST_PAGE, type HistoryPaging } from '../../../platform/web/components/older-link.js';
import type { Meeting, MeetingAgenda, MeetingSchedule } from '../store.js';
import { csrfField, errorSummary } from '../../../platform/web/components/forms.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { formatDay, checkinsProgressNav, textarea } from '../../../platform/web/components/space-pages.js';
import { removedWords, type Departures } from '../../../platform/web/components/former-partners.js';
import { NO_DRAFTS, draftSave, draftTop, withDraft, type DraftBook } from '../../drafts/index.js';
import { meetingPlace } from '../../../core/drafts/places.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function meetingsPage(o: {
  csrf: string;
  spaceId: string;
  isPartner: boolean;
  /** One partner in the space (solo): the meeting is a weekly look back of one's own, for now. */
  alone?: boolean;
  meetings: Meeting[];
  schedule: MeetingSchedule | null;
  hasFeed: boolean;
  feedUrl?: string | null;
  names: Map<string, string>;
  former?: Departures;
  paging?: HistoryPaging;
  errors?: Record<string, string>;
  /** The seven days' agreement log, as the viewer may read it (agreement-log's weekLogSection). */
  weekLog?: SafeHtml;
  /** Just saved a meeting record: said once, calmly. */
  saved?: boolean;
  /** This week's meeting record, if one was saved: the page points to it rather than to a second meeting. */
  thisWeek?: Meeting | null;
}): SafeHtml {
  return html`${checkinsProgressNav(o.spaceId, 'meetings')}
  <h1>${o.isPartner ? 'Your weekly check-in meeting' : 'The couple’s weekly check-in meeting'}</h1>
  ${o.saved ? html`<p class="notice" role="status">Your meeting record is saved.${o.alone ? null : ' Your partner can read it here too.'}</p>` : null}
  ${errorSummary(o.errors)}
  <p class="lead">${meetingLead(o.alone ?? false)}</p>
  ${o.isPartner ? meetingAction(o.spaceId, o.thisWeek ?? null) : null}
  ${o.weekLog ? html`<div class="card">${o.weekLog}</div>` : null}
  <section class="card" aria-labelledby="h-when">
    <h2 id="h-when">${o.isPartner ? 'When you meet' : 'When they meet'}</h2>
    ${meetingScheduleSection(o)}
    ${
      o.isPartner
        ? html`<form method="post" action="/spaces/${o.spaceId}/meetings/schedule" class="stack">
          ${csrfField(o.csrf)}
          <div class="field"><label for="field-weekday">Day</label><select id="field-weekday" name="weekday">${DAYS.map((d, i) => html`<option value="${i + 1}"${o.schedule?.weekday === i + 1 ? html` selected` : null}>${d}</option>`)}</select></div>
          <div class="field${o.errors?.time ? ' field--error' : ''}"><label for="field-time">Time</label>${o.errors?.time ? html`<p class="field-error">${o.errors.time}</p>` : null}<input id="field-time" name="time" type="time" value="${o.schedule?.time ?? '19:30'}" required></div>
          <button type="submit" class="button button--secondary">Save the time</button>
        </form>`
        : null
    }
    <h3>In your calendar</h3>
    ${
      o.feedUrl
        ? html`<p>Add this address to your calendar app as a subscription. It is secret: anyone with it can see when ${o.isPartner ? 'you meet' : 'the couple meets'} (only the time — never anything ${o.isPartner ? 'you wrote' : 'anyone wrote'}). It is shown only now.</p>
          <p><input type="text" readonly value="${o.feedUrl}" aria-label="Your calendar address" class="feed-url"></p>`
        : o.hasFeed
          ? html`<p>You have a calendar address. If you lost it, or think someone else has it, make a new one; the old one stops working.</p>`
          : html`<p>Get a private calendar address so the meeting shows up in your own calendar. The event is called “Weekly check-in” and names no one.</p>`
    }
    <div class="actions">
      <form method="post" action="/calendar-feed" class="inline-form">${csrfField(o.csrf)}<input type="hidden" name="spaceId" value="${o.spaceId}"><button type="submit" class="button button--secondary">${o.hasFeed ? 'Make a new calendar address' : 'Get a calendar address'}</button></form>
      ${o.hasFeed ? html`<form method="post" action="/calendar-feed/revoke" class="inline-form">${csrfField(o.csrf)}<input type="hidden" name="spaceId" value="${o.spaceId}"><button type="submit" class="link-button">Turn the calendar address off</button></form>` : null}
    </div>
  </section>
  ${pastMeetingsSection(o)}`;
}

/** The page's main action: begin this week's meeting, or, once it is recorded, read its record. */
function meetingAction(spaceId: string, thisWeek: Meeting | null): SafeHtml {
  if (!thisWeek) return html`<p><a class="button" href="/spaces/${spaceId}/meetings/new">Start this week’s meeting</a></p>`;
  return html`<p>This week’s meeting is recorded (${formatDay(thisWeek.heldOn)}).</p>
  <p class="actions"><a class="button" href="/spaces/${spaceId}/meetings#meeting-${thisWeek.id}">Read this week’s record</a><a href="/spaces/${spaceId}/meetings/new">Record another meeting</a></p>`;
}

/**
 * The meeting time alone, not the forms beside it: the `live` island swaps this same markup in
 * (live-fragments.ts) when a partner sets the time, and must not wipe a calendar address that is
 * shown only once.
 */
export function meetingScheduleSection(o: { spaceId: string; schedule: MeetingSchedule | null }): SafeHtml {
  return html`<div id="meeting-schedule-live" data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/meeting-schedule" data-live-label="When you meet" data-live-on="meeting_schedule">${
    o.schedule
      ? html`<p>Every ${DAYS[o.schedule.weekday - 1]} at ${o.schedule.time} (${o.schedule.timezone}), for ${o.schedule.durationMinutes} minutes.</p>`
      : html`<p>No time set yet.</p>`
  }</div>`;
}

/** The meetings' records, newest first; swapped in by the `live` island when one is saved. */
export function pastMeetingsSection(o: {
  spaceId: string;
  meetings: Meeting[];
  names: Map<string, string>;
  /** The partners who left: a record saved by a partner whose account was deleted says its words were removed. */
  former?: Departures;
  paging?: HistoryPaging;
}): SafeHtml {
  const paging = o.paging ?? NEWEST_PAGE;
  // An older page stays as it is: the live island would swap in the newest meetings.
  const live = paging.newest
    ? null
    : html` data-live-space="${o.spaceId}" data-live-fragment="/spaces/${o.spaceId}/live/meetings" data-live-on="meeting"`;
  return html`<section id="${paging.newest ? 'meetings-older' : 'meetings-live'}" aria-labelledby="h-past"${live}>
  <h2 id="h-past">Past meetings</h2>
  ${
    o.meetings.length
      ? o.meetings.map(
          (
            m,
          ) => html`<article class="card meeting" id="meeting-${m.id}" tabindex="-1"><h3>${formatDay(m.heldOn)}</h3><p class="muted small">Saved by ${o.names.get(m.createdBy) ?? 'a former partner'}</p>
          ${
            o.former?.get(m.createdBy)?.accountDeletedAt
              ? removedWords('What was written', o.former.get(m.createdBy)!.accountDeletedAt!)
              : html`<dl class="summary-list">${AGENDA_SECTIONS.filter((s) => m.agenda[s.key]).map((s) => html`<div><dt>${s.title}</dt><dd class="pre-wrap">${m.agenda[s.key]}</dd></div>`)}</dl>`
          }</article>`,
        )
      : html`<p>No meetings recorded yet.</p>`
  }
  ${historyLinks(paging, 'Older meetings')}
</section>`;
}

export function newMeetingPage(o: {
  csrf: string;
  spaceId: string;
  today: string;
  form?: Partial<MeetingAgenda> & { heldOn?: string };
  errors?: Record<string, string>;
  coach?: SafeHtml | null;
  /** The person's own drafts: a record begun and not yet saved comes back into the boxes. */
  drafts?: DraftBook;
  /** The seven days' agreement log, drawn above the box of the agenda's agreement-log part (weekLogSection). */
  weekLog?: SafeHtml;
  /** No partner in the space yet (or any more). */
  alone?: boolean;
}): SafeHtml {
  const drafts = o.drafts ?? NO_DRAFTS;
  const place = meetingPlace(o.spaceId);
  return html`${checkinsProgressNav(o.spaceId, 'meetings')}
  <h1>This week’s check-in meeting</h1>
  ${o.coach ?? null}
  ${errorSummary(o.errors)}
  <p class="lead">${meetingFormLead(o.alone ?? false)}</p>
  <form method="post" action="/spaces/${o.spaceId}/meetings" class="stack" id="meeting-form">
    ${csrfField(o.csrf)}
    ${draftTop(drafts, place, `/spaces/${o.spaceId}/meetings/new#meeting-form`)}
    <div class="field"><label for="field-heldOn">Day of the meeting</label><input id="field-heldOn" name="heldOn" type="date" max="${o.today}" value="${o.form?.heldOn ?? o.today}"></div>
    ${AGENDA_SECTIONS.map((s, i) => html`<section class="agenda-step"><h2>${i + 1}. ${s.title}</h2>${s.key === 'agreementLog' ? (o.weekLog ?? null) : null}${textarea({ name: s.key, label: s.title, labelHidden: true, hint: agendaHint(s.key, o.alone ?? false, s.hint), value: withDraft(drafts, place, s.key, { sent: o.form?.[s.key] }) ?? '', error: o.errors?.[s.key], coach: 'message' })}</section>`)}
    <div class="actions"><button type="submit" class="button">Save the meeting</button>${draftSave()}</div>
  </form>`;
}
