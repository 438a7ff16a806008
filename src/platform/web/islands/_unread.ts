/**
 * The event the `live` island sends on the document when the person's own `unread` event comes
 * on a space's stream (or the stream catches up), so the `unread` island redraws the header's
 * count without a second connection. Shared here so the two bundles cannot drift apart.
 */
export const UNREAD_MOVED = 'mend:unread';
