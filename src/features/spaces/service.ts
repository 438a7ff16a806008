import { fail, refuse } from '../../platform/errors.js';
import { nameProblem } from '../../core/text/names.js';
import { newId, newInvitationCode, normaliseInvitationCode, sha256 } from '../../platform/db/ids.js';
import type { FormerPartner, MemberRole, Space, SpaceStore } from './store.js';
import type { Clock } from '../../platform/clock.js';
import type { WaitingModel } from './waiting-model.js';
import { localDate } from '../../core/time.js';
import { waitingFor, type WaitingItem } from '../../core/waiting/waiting.js';

export const INVITATION_DAYS = 7;
export const SPACE_NAME_MAX = 80;
export const DEFAULT_SPACE_NAME = 'Our space';
const DAY_MS = 24 * 60 * 60 * 1000;

export interface InvitationView {
  code: string;
  expiresAt: string;
  url: string;
}

export class SpaceService {
  constructor(
    private readonly deps: {
      spaces: SpaceStore;
      clock: Clock;
      baseUrl: URL;
      /** The facts of "Waiting for you" (issue #18). */
      waiting?: WaitingModel;
    },
  ) {}

  /**
   * What waits on this member in the space (core/waiting), and the name of the partner it waits
   * for. A stranger, or a therapist who is not active, gets "not found" like every space read; an
   * active therapist an empty list (nothing waits on them, and nothing of the couple's is listed).
   */
  async waiting(
    account: { id: string; timezone: string },
    spaceId: string,
    known?: Space,
  ): Promise<{ space: Space; isPartner: boolean; partnerName: string | null; items: WaitingItem[] }> {
    const space = known ?? (await this.forMember(account.id, spaceId));
    const me = space.members.find((m) => m.accountId === account.id);
    const isPartner = me?.role === 'partner';
    const partner = isPartner ? (space.members.find((m) => m.role === 'partner' && m.accountId !== account.id) ?? null) : null;
    if (!isPartner || !this.deps.waiting) return { space, isPartner, partnerName: null, items: [] };
    const today = localDate(this.deps.clock.now(), account.timezone);
    const facts = await this.deps.waiting.facts(space.id, account.id, partner?.accountId ?? null, today);
    const items = waitingFor({
      ...facts,
      spaceId: space.id,
      viewerId: account.id,
      viewerRole: 'partner',
      partnerId: partner?.accountId ?? null,
      today,
    });
    return { space, isPartner, partnerName: partner?.displayName ?? null, items };
  }

  async create(accountId: string, name: string | undefined): Promise<Space> {
    const trimmed = (name ?? '').trim() || DEFAULT_SPACE_NAME;
    const problem = nameProblem(trimmed, SPACE_NAME_MAX, '');
    if (problem) fail('invalid_input', { name: problem });
    const id = newId();
    await this.deps.spaces.create({ id, name: trimmed, creatorId: accountId, now: this.deps.clock.now().toISOString() });
    return (await this.deps.spaces.byId(id))!;
  }

  /**
   * The space as its member sees it. Anyone who is not an active member gets "not found", so a
   * stranger cannot even learn that a space exists.
   */
  async forMember(accountId: string, spaceId: string): Promise<Space> {
    const space = await this.deps.spaces.forActiveMember(spaceId, accountId);
    if (!space) fail('not_found');
    // Members see each other's names; a pending or revoked therapist is not shown as a member.
    return { ...space, members: space.members.filter((m) => m.status === 'active') };
  }

  /** Whether the account shares a space with a partner now (pages that speak to one person alone ask). */
  hasPartner(accountId: string): Promise<boolean> {
    return this.deps.spaces.hasPartner(accountId);
  }

  listForAccount(accountId: string): Promise<Array<{ id: string; name: string; role: MemberRole }>> {
    return this.deps.spaces
      .listForAccount(accountId)
      .then((rows) => rows.filter((r) => r.status === 'active').map(({ id, name, role }) => ({ id, name, role })));
  }

  async invite(accountId: string, spaceId: string, role: MemberRole = 'partner'): Promise<InvitationView> {
    const space = await this.forMember(accountId, spaceId);
    const me = space.members.find((m) => m.accountId === accountId);
    if (me?.role !== 'partner') refuse('partners_only');
    if (role === 'partner' && space.members.filter((m) => m.role === 'partner').length >= 2) fail('space_full');
    const now = this.deps.clock.now();
    const code = newInvitationCode();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS).toISOString();
    await this.deps.spaces.insertInvitation({
      id: newId(),
      spaceId,
      codeHash: sha256(normaliseInvitationCode(code)),
      role,
      createdBy: accountId,
      createdAt: now.toISOString(),
      expiresAt,
      acceptedAt: null,
    });
    return { code, expiresAt, url: new URL(`/join/${code}`, this.deps.baseUrl).href };
  }

  /** An unused invitation to this space, shown again to its creator (the page after creating it). */
  async ownInvitation(accountId: string, spaceId: string, code: string): Promise<(InvitationView & { role: MemberRole }) | null> {
    const invitation = await this.usableInvitation(code);
    if (!invitation || invitation.spaceId !== spaceId || invitation.createdBy !== accountId) return null;
    return { code, expiresAt: invitation.expiresAt, url: new URL(`/join/${code}`, this.deps.baseUrl).href, role: invitation.role };
  }

  /** What the invited person may know before joining: who invited them and until when. */
  async preview(code: string): Promise<{ inviterName: string; spaceName: string; role: MemberRole; expiresAt: string } | null> {
    const invitation = await this.usableInvitation(code);
    if (!invitation) return null;
    const space = await this.deps.spaces.byId(invitation.spaceId);
    const inviter = space?.members.find((m) => m.accountId === invitation.createdBy);
    if (!space || !inviter) return null;
    return { inviterName: inviter.displayName, spaceName: space.name, role: invitation.role, expiresAt: invitation.expiresAt };
  }

  private async usableInvitation(code: string) {
    const normalised = normaliseInvitationCode(code);
    if (normalised.length !== 16) return null;
    const invitation = await this.deps.spaces.invitationByCodeHash(sha256(normalised));
    if (!invitation || invitation.acceptedAt !== null) return null;
    if (invitation.expiresAt <= this.deps.clock.now().toISOString()) return null;
    return invitation;
  }

  async accept(accountId: string, code: string): Promise<Space> {
    const invitation = await this.usableInvitation(code);
    if (!invitation) refuse('invitation_unusable');
    const outcome = await this.deps.spaces.acceptInvitation(invitation, accountId, this.deps.clock.now().toISOString());
    if (outcome === 'used') refuse('invitation_used');
    if (outcome === 'full') fail('space_full');
    if (outcome === 'already_member') fail('already_member');
    const space = await this.deps.spaces.byId(invitation.spaceId);
    if (!space) fail('not_found');
    // A therapist waiting for consent learns only the space's name, not who is in it.
    if (invitation.role === 'therapist') return { ...space, members: space.members.filter((m) => m.accountId === accountId) };
    return { ...space, members: space.members.filter((m) => m.status === 'active') };
  }

  /**
   * Leaves the space (spaces/store.ts `depart`): what the person kept private here is deleted, what
   * they shared stays, and the partner who stays sees that they left and when. The password was
   * confirmed by the action before this is called.
   */
  async leave(accountId: string, spaceId: string): Promise<void> {
    await this.forMember(accountId, spaceId);
    await this.deps.spaces.depart(spaceId, accountId, this.deps.clock.now().toISOString());
  }

  /**
   * Before an account is deleted: each space it shared hands its place to a stand-in, so the
   * partner who stays sees what was removed and when instead of a history that changed in silence.
   * Answers those spaces with the partners still in each (to be told).
   */
  handOverBeforeDeletion(accountId: string): Promise<Array<{ spaceId: string; partnerIds: string[] }>> {
    return this.deps.spaces.handOverBeforeDeletion(accountId, this.deps.clock.now().toISOString());
  }

  /** The partners who left the space, for its members (a stranger gets not found). */
  async formerPartners(accountId: string, spaceId: string): Promise<FormerPartner[]> {
    await this.forMember(accountId, spaceId);
    return this.deps.spaces.formerPartners(spaceId);
  }

  /** Notes for the members of a space, newest first (e.g. that a partner deleted their account). */
  notices(accountId: string, spaceId: string): Promise<Array<{ kind: string; createdAt: string }>> {
    return this.forMember(accountId, spaceId).then(() => this.deps.spaces.notices(spaceId));
  }
}
