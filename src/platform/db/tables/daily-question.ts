/** The daily question's answers (migration 0025, issue #25). */
export interface DailyAnswerTable {
  id: string;
  space_id: string;
  /** The author: the only person who reads it until its pair opens ('sealed'), or ever ('private'). */
  account_id: string;
  /** The author's local day it answers (YYYY-MM-DD). */
  day: string;
  /** The item of content/daily-questions.json it answers. */
  question_id: string;
  /** 'sealed' for a couple's half, 'private' for a reflection of one person alone. */
  visibility: string;
  /** 'answered', or 'skipped' (then no text). */
  state: string;
  text_enc: string | null;
  created_at: string;
  updated_at: string;
}

export interface DailyQuestionTables {
  daily_answers: DailyAnswerTable;
}
