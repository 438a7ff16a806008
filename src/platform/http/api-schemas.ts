import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ERRORS } from '../errors.js';

/** Shapes shared by the API routes; the OpenAPI document is generated from these same schemas. */
export const Id = Type.String({ minLength: 1, maxLength: 64, description: 'An opaque identifier.' });
/** A real calendar date, `YYYY-MM-DD` (the `date` format rejects 2025-13-01 and 2025-02-30). */
export const CalendarDate = Type.String({
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
  description: 'A calendar date, YYYY-MM-DD.',
});
export const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant in UTC (Z).' });

export const Account = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.String(),
  timezone: Type.String({ description: 'IANA time zone, used for "today".' }),
});
export type AccountDto = Static<typeof Account>;

export const Member = Type.Object({
  accountId: Id,
  displayName: Type.String(),
  role: Type.Union([Type.Literal('partner'), Type.Literal('therapist')]),
});

export const Space = Type.Object({
  id: Id,
  name: Type.String(),
  members: Type.Array(Member),
});

export const Session = Type.Object({
  id: Id,
  createdAt: Instant,
  lastSeenAt: Instant,
  current: Type.Boolean(),
});

export const AuthResult = Type.Object({
  account: Account,
  token: Type.String({ description: 'Bearer token; shown once.' }),
  recoveryCode: Type.Optional(
    Type.String({
      description:
        'Present at sign-up, and at each sign-in while the person has not yet said they kept it (POST /api/v1/me/recovery-code/kept): a key made at the first sign-in after the upgrade, or after a reset without the code (docs/encryption.md). It opens the private writing again after a forgotten password; show it to the person to keep. Later only after the password (POST /api/v1/me/recovery-code).',
    }),
  ),
});

export const errorShape = (options: Record<string, unknown>) =>
  Type.Object(
    {
      error: Type.Object({
        code: Type.Union(Object.keys(ERRORS).map((code) => Type.Literal(code))),
        message: Type.String(),
        details: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Field name → what is wrong with it.' })),
      }),
    },
    options,
  );

export const ErrorResponse = errorShape({ description: 'Every error has this shape.' });

/**
 * Any operation can meet the database out of reach (a PostgreSQL restart, a SQLite write lock held
 * too long, a full disk): `unavailable`. Part of the request may have been saved before the
 * outage, so clients are told to check before repeating what is not safe to repeat
 * (docs/reliability.md).
 */
const Unavailable = errorShape({
  description:
    'Mend could not reach its database for a moment (code `unavailable`); what was sent may or may not have been saved. After the seconds in Retry-After, a read or a PUT may be sent again as it is (a PUT sets the same thing again). A POST sent with an `Idempotency-Key` may be sent again with the same key and body: it answers as the first try did if that was saved, or 409 `idempotency_key_in_use` if Mend cannot tell (then read whether it was saved, and send it with a new key if not). Before repeating any other write, read whether the first try was saved (a sign-up sent twice can answer 409 `email_taken`).',
  headers: { 'Retry-After': { type: 'integer', description: 'Seconds to wait before trying again.' } },
});

/** Too many attempts (code `rate_limited`); Retry-After says when the next one is counted again. */
export const RateLimited = errorShape({
  description: 'Too many attempts from this address or for this account (code `rate_limited`). Try again after the seconds in Retry-After.',
  headers: { 'Retry-After': { type: 'integer', description: 'Seconds to wait before trying again.' } },
});

/** The error responses a route can give, so each appears in the OpenAPI document; 503 is on every route. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return { ...Object.fromEntries(statuses.map((s) => [s, ErrorResponse])), 503: Unavailable };
}

export const NoContent = Type.Null({ description: 'No content.' });

export const bearer = [{ bearer: [] as string[] }];
