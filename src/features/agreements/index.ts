/** What other parts of Mend use of this feature; everything else in the folder is its own. */
export { AgreementService } from './service.js';
export type { AgreementView } from './service.js';
export { AgreementStore } from './store.js';
export type { StoredAgreement } from './store.js';
export { agreementFormPage, agreementList, CADENCE_LABELS } from './views/agreement-pages.js';
export { acceptAgreement, counterAgreement, proposeAgreement, withdrawAgreement } from './actions.js';
export { membershipOf, requirePartner, spaceAccess } from './access.js';
export type { Actor, SpaceAccess } from './access.js';
export { formatDate, nameOf, radios, textArea } from './views/form-parts.js';
export type { AgreementInput } from './service.js';
