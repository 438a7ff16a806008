import { DAY_MARKS } from '../../core/checkin/day-mark.js';
import { Type } from '@sinclair/typebox';
import { CalendarDate, Id, Instant } from '../../platform/http/api-schemas.js';

/** Shapes of the check-in, progress and agreement-log routes (issue #4). */
export const DateString = CalendarDate;
export const MonthString = Type.String({ pattern: '^\\d{4}-\\d{2}$', maxLength: 7, description: 'A month, YYYY-MM.' });

/** A text a user writes, with the visibility its author chose (API.md). Notes are private or shared. */
export const TextIn = Type.Object(
  {
    text: Type.String({ maxLength: 2000 }),
    visibility: Type.Union([Type.Literal('private'), Type.Literal('shared'), Type.Literal('sealed')]),
  },
  { additionalProperties: false },
);

export const NoteOut = Type.Union(
  [Type.Object({ text: Type.String(), visibility: Type.Union([Type.Literal('private'), Type.Literal('shared')]) }), Type.Null()],
  {
    description: 'Null when there is none, or when the caller may not read it.',
  },
);

export const Score = Type.Integer({ minimum: 0, maximum: 10 });
export const DayMark = Type.Union(DAY_MARKS.map((d) => Type.Literal(d)));

/** A person's numbers are null for anyone they do not share them with (docs/privacy-rules.md). */
const KeptScore = Type.Union([Score, Type.Null()], {
  description: 'Null when its owner keeps their numbers to themselves and you are not them.',
});

export const NumbersShared = Type.Boolean({
  description:
    'Whether the partner and an active therapist see this person’s safety, trust and closeness and how the day was, or only that they checked in.',
});

export const Checkin = Type.Object({
  id: Id,
  accountId: Id,
  date: DateString,
  safety: KeptScore,
  trust: KeptScore,
  closeness: KeptScore,
  day: Type.Union([DayMark, Type.Null()], { description: 'Null when not given, or when its owner keeps their numbers to themselves.' }),
  numbersShared: NumbersShared,
  note: NoteOut,
  updatedAt: Instant,
});

export const ReassuranceRequest = Type.Object({
  id: Id,
  requestedBy: Id,
  note: NoteOut,
  createdAt: Instant,
  answeredBy: Type.Union([Id, Type.Null()]),
  answer: Type.Union([Type.String(), Type.Null()]),
  answeredAt: Type.Union([Instant, Type.Null()]),
});

export const LogEntry = Type.Object({
  id: Id,
  agreementId: Id,
  occurredOn: DateString,
  kept: Type.Boolean(),
  loggedBy: Id,
  note: NoteOut,
  createdAt: Instant,
  status: Type.Union([Type.Literal('unconfirmed'), Type.Literal('confirmed'), Type.Literal('disputed')]),
  reviewedBy: Type.Union([Id, Type.Null()]),
  reviewedAt: Type.Union([Instant, Type.Null()]),
  reviewNote: NoteOut,
  reply: Type.Union([Type.Object({ text: Type.String(), repliedAt: Instant }), Type.Null()], {
    description: 'The answer of the partner who logged it to a dispute (shared, like the dispute); null when none.',
  }),
});

const Verdict = Type.Union([Type.Literal('improving'), Type.Literal('steady'), Type.Literal('declining'), Type.Literal('not_enough_data')]);
const Point = Type.Object({ date: Type.String(), value: Type.Number() });

export const TrendOut = Type.Object({
  verdict: Verdict,
  slopePerWeek: Type.Union([Type.Number(), Type.Null()]),
  pValue: Type.Union([Type.Number(), Type.Null()]),
  s: Type.Union([Type.Number(), Type.Null()]),
  n: Type.Integer(),
  weeksWithData: Type.Integer(),
  windowDays: Type.Integer(),
  smoothed: Type.Array(Point),
});

export const ProgressOut = Type.Object({
  today: DateString,
  partners: Type.Array(
    Type.Object({
      accountId: Id,
      displayName: Type.String(),
      numbersVisible: Type.Boolean({
        description:
          'Whether you see this partner’s check-in numbers. When false (they keep them to themselves) their trends are computed from nothing: `not_enough_data`, no line.',
      }),
      trends: Type.Object({ safety: TrendOut, trust: TrendOut, closeness: TrendOut }),
      consistency: Type.Object({
        score: Type.Number(),
        low: Type.Number(),
        high: Type.Number(),
        occasions: Type.Integer(),
        alpha: Type.Number(),
        beta: Type.Number(),
        firstLoggedOn: Type.Union([DateString, Type.Null()]),
      }),
      monthlyReview: Type.Union([
        Type.Object({
          trend: Type.Object({ verdict: Verdict, slopePerMonth: Type.Union([Type.Number(), Type.Null()]), months: Type.Integer() }),
          series: Type.Object({
            communicate: Type.Array(Type.Object({ month: Type.String(), value: Type.Number() })),
            closer: Type.Array(Type.Object({ month: Type.String(), value: Type.Number() })),
            respect: Type.Array(Type.Object({ month: Type.String(), value: Type.Number() })),
            mean: Type.Array(Type.Object({ month: Type.String(), value: Type.Number() })),
          }),
        }),
        Type.Null(),
      ]),
    }),
  ),
  divergence: Type.Array(Type.Object({ measure: Type.String(), improvingId: Id, decliningId: Id, message: Type.String() })),
  redFlags: Type.Array(
    Type.Object({
      rule: Type.String(),
      raisedOn: DateString,
      evidence: Type.Record(Type.String(), Type.Unknown()),
      fromPrivateData: Type.Boolean(),
      subjectId: Type.Optional(Id),
      message: Type.String(),
    }),
  ),
  milestones: Type.Array(Type.Object({ key: Type.String(), title: Type.String(), achievedOn: DateString, partnerId: Type.Optional(Id) })),
});
