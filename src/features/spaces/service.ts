import { fail, refuse } from '../../platform/errors.js';
import { nameProblem } from '../../core/text/names.js';
import { newId, newInvitationCode, normaliseInvitationCode, sha256 } from '../../platform/db/ids.js';
import type { MemberRole, Space, SpaceStore } from './store.js';
import type { Clock } from '../../platform/clock.js';

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
      /** Deletes what the leaving person kept private in the space (platform/vault/authored-text.ts). */
      eraseOnLeaving: (spaceId: string, accountId: string) => Promise<void>;
    },
  ) {}

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

  /** Leaves the space: private entries and notes written here are deleted, shared ones stay. */
  async leave(accountId: string, spaceId: string): Promise<void> {
    await this.forMember(accountId, spaceId);
    await this.deps.eraseOnLeaving(spaceId, accountId);
    await this.deps.spaces.removeMember(spaceId, accountId);
  }

  /**
   * Before an account is deleted: leave every space, so empty spaces go with it, and leave the
   * remaining partner a note that entries were removed (without naming what they were). Answers
   * the spaces a partner was removed from that remain, with the partners still in each (to be told).
   */
  async leaveAllBeforeDeletion(accountId: string): Promise<Array<{ spaceId: string; partnerIds: string[] }>> {
    const now = this.deps.clock.now().toISOString();
    const left: Array<{ spaceId: string; partnerIds: string[] }> = [];
    for (const space of await this.deps.spaces.listForAccount(accountId)) {
      const removed = await this.deps.spaces.removeMember(space.id, accountId);
      if (!removed || space.role !== 'partner') continue;
      await this.deps.spaces.addNotice(space.id, 'partner_deleted_account', now);
      const remaining = await this.deps.spaces.byId(space.id);
      const partnerIds = (remaining?.members ?? []).filter((m) => m.role === 'partner' && m.status === 'active').map((m) => m.accountId);
      if (partnerIds.length > 0) left.push({ spaceId: space.id, partnerIds });
    }
    return left;
  }

  /** Notes for the members of a space, newest first (e.g. that a partner deleted their account). */
  notices(accountId: string, spaceId: string): Promise<Array<{ kind: string; createdAt: string }>> {
    return this.forMember(accountId, spaceId).then(() => this.deps.spaces.notices(spaceId));
  }
}
