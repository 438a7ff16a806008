import type { FastifyReply, FastifyRequest } from 'fastify';
import { SUPPORTED_COUNTRIES } from '../../core/safety/index.js';
import { timeZoneNames } from '../../core/time.js';
import { html } from '../../platform/web/html.js';
import { checkinNumbersSetting } from '../checkin/index.js';
import { settingsPage } from './views/account-pages.js';
import { quickExitSetting } from '../safety/index.js';
import type { Account } from './service.js';
import { requireAuth } from '../../platform/http/plugins/auth.js';
import { renderPage } from '../../platform/http/render.js';

// Apart from the settings routes: a section another feature owns (the check-in numbers) redraws
// the page with its own error, and must not reach the routes' actions through this feature's index.

export const zoneOptions = () => timeZoneNames().map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));

/** The settings that have a form of their own, each in its own section. */
export const ownSections = (
  csrf: string,
  account: Account,
  alone: boolean,
  o: { numbersError?: string; numbersSaved?: boolean; quickExitSaved?: boolean } = {},
) =>
  html`${checkinNumbersSetting({ csrf, shared: account.checkinNumbersShared, alone, ...(o.numbersError ? { error: o.numbersError } : {}), ...(o.numbersSaved ? { saved: true } : {}) })}${quickExitSetting(csrf, account.quickExitSignsOut, o.quickExitSaved ?? false)}`;

/** The settings page with each setting's own section (a section's form may redraw it with its error). */
export async function showSettings(
  request: FastifyRequest,
  reply: FastifyReply,
  o: { numbersError?: string; numbersSaved?: boolean; quickExitSaved?: boolean; status?: number } = {},
) {
  const { account } = requireAuth(request);
  // Alone (no partner in any of their spaces), nobody sees a check-in now: the words say so.
  const alone = !(await request.server.mend.spaces.hasPartner(account.id));
  const values = { displayName: account.displayName, timezone: account.timezone, country: account.country ?? '' };
  return renderPage(request, reply, {
    title: 'Your settings',
    ...(o.status ? { status: o.status } : {}),
    body: (csrf) =>
      settingsPage(
        csrf,
        values,
        zoneOptions(),
        SUPPORTED_COUNTRIES,
        o.numbersError ? { numbers: o.numbersError } : undefined,
        ownSections(csrf, account, alone, o),
      ),
  });
}
