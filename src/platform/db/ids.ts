import { randomBytes, randomUUID, createHash } from 'node:crypto';

export const newId = (): string => randomUUID();

/** 256 bits from the CSPRNG, URL-safe: session tokens and calendar-feed secrets. */
export const newToken = (): string => randomBytes(32).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A 16-character invitation code (80 bits), grouped for reading aloud: `7KQ2-M9XD-…`. */
export function newInvitationCode(): string {
  const bytes = randomBytes(16);
  let code = '';
  for (const byte of bytes) code += CROCKFORD[byte & 31];
  return code.match(/.{4}/g)!.join('-');
}

/** Accepts codes typed by hand: any case, spaces or dashes, and the letters people confuse. */
export function normaliseInvitationCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1').replace(/U/g, 'V');
}
