import { refuse } from '../../platform/errors.js';
import type { SpaceService } from '../spaces/index.js';

/** How long an invitation code may be as typed (16 characters, with spaces or dashes between groups). */
export const INVITATION_CODE_MAX = 40;

/**
 * On an invitation-only Mend (MEND_SIGNUPS=invite), a new account needs a code that would let it
 * join a space now: a partner's or a therapist's invitation, unused and unexpired. Signing up
 * does not use the code up; joining with it does, as on any Mend.
 */
export async function requireInvitation(spaces: Pick<SpaceService, 'preview'>, code: string | undefined): Promise<void> {
  const typed = code?.trim() ?? '';
  if (typed === '') refuse('sign_up_needs_invitation', { invitationCode: 'Enter the invitation code you were given.' });
  const usable = typed.length <= INVITATION_CODE_MAX ? await spaces.preview(typed) : null;
  if (!usable) {
    refuse('sign_up_needs_invitation', {
      invitationCode: 'This code does not work: it may be mistyped, already used or expired. Ask for a new one.',
    });
  }
}

/** The invitation code in a `next` link to a joining page (`/join/<code>`), to fill in the sign-up form. */
export function codeFromNext(next: string | null | undefined): string {
  const match = /^\/join\/([A-Za-z0-9-]{1,40})$/.exec(next ?? '');
  return match?.[1] ?? '';
}
