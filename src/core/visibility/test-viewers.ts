import { SIGNED_OUT, viewerOf } from './viewer.js';

/** The viewers the visibility tests ask about: two partners, an active and a revoked therapist, a stranger. */
export const space = { partnerIds: ['a', 'b'], therapist: { accountId: 't', active: true } };
export const A = viewerOf('a', space);
export const B = viewerOf('b', space);
export const T = viewerOf('t', space);
export const revoked = viewerOf('t', { ...space, therapist: { accountId: 't', active: false } });
export const stranger = viewerOf('s', space);
export { SIGNED_OUT };
