/**
 * The islands every page has, as one module: quick exit, focus on an error summary, and the kept
 * idempotency keys. One script element instead of three is two fewer files for a phone's renderer
 * to look up and two fewer modules to start before its first paint (issue #24,
 * docs/performance.md, "Where a phone's load goes"). Each part is still built on its own too, for
 * a page an older release drew.
 */
import './quick-exit.js';
import './autofocus.js';
import './form-keys.js';
