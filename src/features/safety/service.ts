import {
  resourcesFor,
  scoreScreening,
  screeningDue,
  validateScreeningAnswers,
  type CountryResources,
  type ScreeningQuestionId,
} from '../../core/safety/index.js';
import { fail, type ErrorDetails } from '../../platform/errors.js';
import type { SafetyStore } from './store.js';
import type { Clock } from '../../platform/clock.js';

export interface ScreeningOutcome {
  positive: boolean;
  reasons: ScreeningQuestionId[];
  resources: CountryResources;
}

/**
 * The private safety screening. The answers are scored in memory and forgotten; only the time of
 * completion is kept. Nothing here is ever shown to a partner or therapist, notified or logged.
 */
export class SafetyService {
  constructor(private readonly deps: { safety: SafetyStore; clock: Clock }) {}

  async isDue(accountId: string): Promise<boolean> {
    const last = await this.deps.safety.lastCompletedAt(accountId);
    return screeningDue(last ? new Date(last) : null, this.deps.clock.now());
  }

  async submit(accountId: string, country: string | null, answers: unknown): Promise<ScreeningOutcome> {
    const validation = validateScreeningAnswers(answers);
    if (!validation.ok) {
      const details: ErrorDetails = {};
      for (const problem of validation.problems) details[problem.questionId ?? 'answers'] = problem.message;
      fail('invalid_input', details, 'Please answer every question. You can choose "Never".');
    }
    const result = scoreScreening(validation.answers);
    await this.deps.safety.recordCompleted(accountId, this.deps.clock.now().toISOString());
    return { positive: result.positive, reasons: [...result.reasons], resources: resourcesFor(country) };
  }
}
