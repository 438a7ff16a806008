/** Safety checks, therapist consent and access log, and space notices (migration 0004). */
export interface SafetyCheckTable {
  account_id: string;
  last_completed_at: string;
}

export interface TherapistConsentTable {
  space_id: string;
  therapist_id: string;
  partner_id: string;
  consented_at: string;
}

export interface TherapistAccessLogTable {
  id: string;
  space_id: string;
  therapist_id: string;
  viewed_at: string;
  /** What was viewed, as a page or API route name — never content. */
  what: string;
}

export interface SpaceNoticeTable {
  id: string;
  space_id: string;
  kind: 'partner_deleted_account';
  created_at: string;
}

export interface SafetyTables {
  safety_checks: SafetyCheckTable;
  therapist_consents: TherapistConsentTable;
  therapist_access_log: TherapistAccessLogTable;
  space_notices: SpaceNoticeTable;
}
