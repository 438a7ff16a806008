/**
 * The header a page's own scripts send on requests nobody asked for by hand (a live section
 * fetched again, a live stream's address asked before reopening it). Such a request, like a live
 * stream itself, never counts as use of the session: an unattended tab must not keep its session
 * alive (the 30-day idle limit), however long the partner keeps checking in.
 */
export const AUTOMATIC = 'Mend-Automatic';
