/** Preselects the browser's own time zone in a time zone picker; without JavaScript it stays on UTC. */
const select = document.querySelector<HTMLSelectElement>('select[data-timezone-picker]');
if (select && select.value === 'UTC') {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && [...select.options].some((o) => o.value === zone)) select.value = zone;
}
