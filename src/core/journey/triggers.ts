import type { JourneyFacts } from './facts.js';

/**
 * The trigger log after cheating. The hurt partner notes a moment that brought the pain back
 * (prompt `trigger`, shared); the partner who broke trust is asked to respond with reassurance
 * (prompt `trigger_response`, replying to it — canWriteEntry checks who may). A trigger waits
 * until a response exists; it never expires and is never counted against anyone.
 */
export type TriggerState = 'waiting_for_reassurance' | 'reassured';

export function triggerState(facts: JourneyFacts, triggerId: string): TriggerState {
  return facts.entries.some((e) => e.prompt === 'trigger_response' && e.replyTo === triggerId) ? 'reassured' : 'waiting_for_reassurance';
}

/** Shared triggers still waiting for the partner's reassurance, oldest first. */
export function triggersWaiting(facts: JourneyFacts): string[] {
  return facts.entries
    .filter((e) => e.prompt === 'trigger' && e.visibility === 'shared')
    .filter((e) => triggerState(facts, e.id) === 'waiting_for_reassurance')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((e) => e.id);
}
