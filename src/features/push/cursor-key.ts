/** A page of one's push subscriptions is ordered by these columns, newest first (the doors read cursors of as many parts). */
export const PUSH_SUBSCRIPTION_KEY = ['created_at', 'id'] as const;
