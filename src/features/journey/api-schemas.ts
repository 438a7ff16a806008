import { Type } from '@sinclair/typebox';
import { APOLOGY_COMPONENTS } from '../../core/apology-components.js';
import { APOLOGY_MISSING_WORDS_MAX, BREACH_KINDS, PROMPT_KEYS, STEP_KEYS } from '../../core/journey/index.js';
import { APOLOGY_PART_MAX, APOLOGY_TEXT_MAX, DESCRIPTION_MAX, ENTRY_TEXT_MAX } from './service.js';
import { CalendarDate, Id, Instant } from '../../platform/http/api-schemas.js';

/** The shapes of the journey routes (API.md "Breaches and journeys"). */
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const Date_ = CalendarDate;
export const Kind = literals(BREACH_KINDS);
export const Prompt = literals(PROMPT_KEYS);
export const Component = literals(APOLOGY_COMPONENTS);
export const VisibilityValue = Type.Union([Type.Literal('private'), Type.Literal('shared'), Type.Literal('sealed')]);
export const NoteVisibility = Type.Union([Type.Literal('private'), Type.Literal('shared')]);

/** When a breach came out: a whole date, or only the month (`YYYY-MM`). */
export const DayOrMonth = Type.String({
  pattern: '^\\d{4}-\\d{2}(-\\d{2})?$',
  maxLength: 10,
  description: 'A date (YYYY-MM-DD), or only the month (YYYY-MM) when the day is not remembered; a month counts from its first day.',
});

export const Breach = Type.Object({
  id: Id,
  kind: Kind,
  brokeTrust: Type.Array(Type.String(), { description: 'Account ids; "absent-partner" for a partner who has not joined yet.' }),
  occurredOn: Type.Union([Date_, Type.Null()]),
  cameOut: Type.Union([Type.Literal('disclosed'), Type.Literal('discovered'), Type.Null()]),
  cameOutOn: Type.Union([DayOrMonth, Type.Null()]),
  hurt: Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()]),
  description: Type.Union([Type.Object({ text: Type.String(), visibility: NoteVisibility }), Type.Null()], {
    description: 'Null when there is none or it is private to its author.',
  }),
  recordedBy: Type.Union([Id, Type.Null()]),
  recordedAt: Instant,
});

const Waiting = Type.Object({
  who: Type.Union([Type.Literal('you'), Type.Literal('partner')]),
  accountId: Type.Union([Id, Type.Null()]),
  task: Type.String(),
});

export const Step = Type.Object({
  number: Type.Integer({ minimum: 1, maximum: 7 }),
  key: literals(STEP_KEYS),
  status: Type.Union([Type.Literal('locked'), Type.Literal('open'), Type.Literal('done')]),
  waitingFor: Type.Optional(Type.Array(Waiting)),
});

export const JourneySummary = Type.Object({
  id: Id,
  spaceId: Id,
  breachId: Id,
  kind: Kind,
  openedAt: Instant,
  closedAt: Type.Union([Instant, Type.Null()]),
  steps: Type.Array(Step, { description: 'The seven steps as the caller sees them.' }),
});

export const Journey = Type.Composite([
  JourneySummary,
  Type.Object({
    breach: Breach,
    role: Type.Union([Type.Literal('broke_trust'), Type.Literal('hurt'), Type.Literal('both'), Type.Literal('none')]),
    solo: Type.Boolean(),
    afterCheating: Type.Boolean(),
    waitingForPartner: Type.Array(Waiting),
    sealedWaiting: Type.Array(Prompt, { description: 'Your sealed entries still waiting for your partner’s.' }),
    forgiveness: Type.Union(
      [
        Type.Object({
          apologyDelivered: Type.Boolean(),
          consistencySince: Type.Union([Instant, Type.Null()]),
          requiredWeeks: Type.Integer(),
          gateMetAt: Type.Union([Instant, Type.Null()]),
          chosenEarlyAt: Type.Union([Instant, Type.Null()]),
          offered: Type.Boolean(),
        }),
        Type.Null(),
      ],
      { description: 'Only for the partner who was hurt; null for anyone else.' },
    ),
    therapyRecommended: Type.Boolean(),
    timeline: Type.Object({
      elapsedDays: Type.Integer(),
      elapsedWeeks: Type.Integer(),
      elapsedMonths: Type.Number(),
      usualRange: Type.Object({
        lowMonths: Type.Number(),
        highMonths: Type.Number(),
        basis: Type.Union([Type.Literal('clinical_rule_of_thumb'), Type.Literal('mend_assumption')]),
        sourceNote: Type.String(),
      }),
      position: Type.Union([Type.Literal('before_range'), Type.Literal('within_range'), Type.Literal('beyond_range')]),
      countsFrom: Type.Union([Type.Literal('came_out'), Type.Literal('recorded')], {
        description:
          'The time counts from when the breach came out, else from when it was recorded (never from when it happened, which for something that went on is when it began).',
      }),
      since: Date_,
    }),
    questions: Type.Array(
      Type.Object({
        id: Id,
        state: Type.Union([Type.Literal('waiting'), Type.Literal('deferred'), Type.Literal('overdue'), Type.Literal('answered')]),
        until: Type.Union([Date_, Type.Null()]),
      }),
    ),
    triggers: Type.Array(Type.Object({ id: Id, state: Type.Union([Type.Literal('waiting_for_reassurance'), Type.Literal('reassured')]) })),
    openedPairs: Type.Array(
      Type.Object({
        prompt: Prompt,
        openedAt: Instant,
        removedBy: Type.Array(Type.Union([Id, Type.Null()]), {
          description: 'Authors who deleted their half since it opened (null: an account that was deleted). The other half stays open.',
        }),
      }),
      { description: 'Sealed pairs that have opened. An opened pair stays open for both partners, whatever happens to its halves.' },
    ),
  }),
]);

export const Entry = Type.Object(
  {
    id: Id,
    journeyId: Id,
    prompt: Prompt,
    authorId: Id,
    sealed: Type.Optional(Type.Literal(true, { description: 'Present on a sealed entry you may not open yet: no text.' })),
    visibility: Type.Optional(VisibilityValue),
    text: Type.Optional(Type.String()),
    replyTo: Type.Optional(Type.Union([Id, Type.Null()])),
    createdAt: Type.Optional(Instant),
  },
  { description: 'A journey entry, or a sealed stub {id, authorId, prompt, sealed: true} with no text.' },
);

export const ApologyResponse = Type.Object({
  id: Id,
  apologyId: Id,
  by: Id,
  received: Type.Literal(true),
  sincere: Type.Union([Type.Boolean(), Type.Null()]),
  missing: Type.Array(Component),
  missingWords: Type.Union([Type.String(), Type.Null()], {
    description:
      'What is missing, in the answerer’s own words; read only by them, the apology’s author and an active therapist who may read the apology.',
  }),
  createdAt: Instant,
});

const Parts = Type.Object(
  Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, Type.Optional(Type.String({ maxLength: APOLOGY_PART_MAX }))])),
  { additionalProperties: false, description: 'The apology builder’s parts; forgiveness is optional.' },
);

export const Apology = Type.Object({
  id: Id,
  journeyId: Id,
  authorId: Id,
  text: Type.String(),
  parts: Type.Union([Type.Object(Object.fromEntries(APOLOGY_COMPONENTS.map((c) => [c, Type.Optional(Type.String())]))), Type.Null()]),
  createdAt: Instant,
  deliveredAt: Type.Union([Instant, Type.Null()]),
  responses: Type.Array(ApologyResponse),
});

export const BreachBody = Type.Object(
  {
    kind: Kind,
    brokeTrust: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 2 }),
    occurredOn: Type.Optional(Date_),
    cameOut: Type.Optional(Type.Union([Type.Literal('disclosed'), Type.Literal('discovered')])),
    cameOutOn: Type.Optional(DayOrMonth),
    hurt: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    description: Type.Optional(
      Type.Object({ text: Type.String({ maxLength: DESCRIPTION_MAX }), visibility: NoteVisibility }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

export const EntryBody = Type.Object(
  {
    prompt: Prompt,
    text: Type.String({ minLength: 1, maxLength: ENTRY_TEXT_MAX }),
    visibility: Type.Optional(VisibilityValue),
    replyTo: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);

export const ApologyBody = Type.Object(
  {
    text: Type.Optional(Type.String({ minLength: 1, maxLength: APOLOGY_TEXT_MAX })),
    parts: Type.Optional(Parts),
  },
  { additionalProperties: false, description: 'Either the whole `text`, or the builder’s `parts` (assembled in order).' },
);

export const ApologyResponseBody = Type.Object(
  {
    received: Type.Literal(true),
    sincere: Type.Optional(Type.Boolean()),
    missing: Type.Optional(Type.Array(Component, { maxItems: APOLOGY_COMPONENTS.length })),
    missingWords: Type.Optional(
      Type.String({ maxLength: APOLOGY_MISSING_WORDS_MAX, description: 'Optional: what is missing, in your own words.' }),
    ),
  },
  { additionalProperties: false },
);

export const BreachDatesBody = Type.Object(
  {
    occurredOn: Type.Union([Date_, Type.Null()]),
    cameOutOn: Type.Union([DayOrMonth, Type.Null()]),
  },
  { additionalProperties: false },
);
