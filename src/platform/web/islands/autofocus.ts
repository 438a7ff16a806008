/** Moves focus to an error summary after a failed form post, so screen readers announce it. */
const summary = document.querySelector<HTMLElement>('[data-autofocus]');
summary?.focus();
