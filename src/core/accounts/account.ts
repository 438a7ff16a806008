/** A person's account as the product sees it: never its password hash (AccountWithHash in the accounts store). */
export interface Account {
  id: string;
  email: string;
  displayName: string;
  timezone: string;
  /** For support numbers; null until set (then the international list is shown). */
  country: string | null;
  /** Whether the partner and a therapist see this person's check-in numbers; null: not asked yet (not shared). */
  checkinNumbersShared: boolean | null;
  /** Quick exit ends the session before leaving (on unless the person turned it off). */
  quickExitSignsOut: boolean;
  createdAt: string;
}
