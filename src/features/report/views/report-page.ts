import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { SpaceReport } from '../gather.js';
import { agreementsSection } from './agreements-section.js';
import { journeySection } from './journey-story.js';
import { andList, dayOf } from './report-common.js';
import {
  checkinsSection,
  meetingsSection,
  numbersSection,
  reassuranceSection,
  reviewsSection,
  winsAndFlagsSection,
} from './rhythm-sections.js';

/** What the record holds, said to its reader before anything else. */
function whatIsInIt(r: SpaceReport): string {
  const me = r.reader.displayName;
  const others = r.partners.filter((p) => p.accountId !== r.reader.accountId).map((p) => p.displayName);
  if (r.reader.relation === 'therapist') {
    return (
      `What ${andList(r.partners.map((p) => p.displayName))} chose to share with ${me} as their therapist: shared writing, ` +
      'agreements and their log, check-ins (the numbers of whoever shares them), calls for reassurance, meetings and monthly reviews. Never anything private, ' +
      'a half still sealed, a draft, numbers kept to oneself, or anything about safety. Opening it is written in the access log both partners can read.'
    );
  }
  if (others.length === 0) {
    return `What ${me} wrote in Mend, including what ${me} keeps private. Nothing about a safety check is in it.`;
  }
  const other = andList(others);
  return (
    `What ${me} can see in Mend: what ${me} wrote, including what ${me} keeps private, and what ${other} chose to share. ` +
    `Nothing ${other} keeps private, no half still sealed, no draft of ${other}’s, and nothing about a safety check.`
  );
}

function contents(r: SpaceReport): SafeHtml {
  const link = (href: string, text: string) => html`<li><a href="#${href}">${text}</a></li>`;
  return html`<nav class="report-contents" aria-label="In this record"><p class="report-contents__title">In this record</p><ol>
    ${r.journeys.length ? link('report-journey-1', r.journeys.length === 1 ? 'The journey' : `The journeys (${r.journeys.length})`) : null}
    ${link('report-agreements', 'Agreements')}
    ${link('report-checkins', 'Daily check-ins')}
    ${link('report-reviews', 'Monthly reviews')}
    ${link('report-reassurance', 'Calls for reassurance')}
    ${link('report-meetings', 'Weekly meetings')}
    ${link('report-wins', 'Small wins and things worth talking about')}
    ${link('report-numbers', 'The numbers behind the charts')}
  </ol></nav>`;
}

/** One space's record: its cover, then the story, agreements, check-ins, reviews, meetings, wins and the numbers. */
export function spaceReportArticle(r: SpaceReport): SafeHtml {
  const partners = r.partners.map((p) => p.displayName);
  const together =
    partners.length >= 2
      ? `${andList(partners)} have shared this space since ${dayOf(r, r.space.createdAt)}.`
      : `${partners[0] ?? r.reader.displayName} has been in this space since ${dayOf(r, r.space.createdAt)}, on their own for now.`;
  const therapists = r.therapists.map((t) => t.displayName);
  return html`<article class="report" aria-labelledby="report-title-${r.space.id}">
    <header class="report-cover">
      <p class="report-kicker">A record from Mend</p>
      <h1 id="report-title-${r.space.id}">${r.space.name}</h1>
      <p class="lead">${together}${therapists.length ? ` ${andList(therapists)} ${therapists.length > 1 ? 'are' : 'is'} their couples therapist.` : ''}</p>
      <dl class="report-facts">
        <div><dt>Prepared for</dt><dd>${r.reader.displayName}, on ${dayOf(r, r.preparedAt)}</dd></div>
        <div><dt>Dates</dt><dd>Days in ${r.reader.displayName}’s time zone (${r.reader.timezone})</dd></div>
        <div><dt>What is in it</dt><dd>${whatIsInIt(r)}</dd></div>
      </dl>
      ${contents(r)}
    </header>
    ${r.journeys.length ? r.journeys.map((j, i) => journeySection(r, j, i)) : html`<section class="report-part"><h2>The journey</h2><p>No journey has been started in this space yet.</p></section>`}
    ${agreementsSection(r)}
    ${checkinsSection(r)}
    ${reviewsSection(r)}
    ${reassuranceSection(r)}
    ${meetingsSection(r)}
    ${winsAndFlagsSection(r)}
    ${numbersSection(r)}
    <p class="report-end">End of the record for ${r.space.name}, prepared by Mend on ${dayOf(r, r.preparedAt)}.</p>
  </article>`;
}

/** The page around one or more records: how to keep it, then each space's record. */
export function reportPage(reports: SpaceReport[], o: { back: { href: string; text: string } }): SafeHtml {
  return html`<div class="report-screen-only report-howto">
    <p>To keep this as a PDF, use your browser’s Print command and choose “Save as PDF”. Keep it somewhere only you can open. <a href="${o.back.href}">${o.back.text}</a></p>
  </div>
  ${reports.length ? reports.map(spaceReportArticle) : html`<h1>Your Mend record</h1><p>You are not in a space yet, so there is nothing to put in a record.</p>`}`;
}
