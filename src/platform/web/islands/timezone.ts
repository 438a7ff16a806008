import { suggestedCountry } from '../../../core/safety/time-zone-country.js';

/**
 * Preselects the browser's own time zone in a time zone picker, and the country that zone belongs
 * to in the country picker beside it (until the person picks a country themselves). Without
 * JavaScript the zone stays on UTC and the country unanswered: the server then goes by whatever
 * zone the person chose, and never guesses from UTC.
 */
const zoneSelect = document.querySelector<HTMLSelectElement>('select[data-timezone-picker]');
const countrySelect = document.querySelector<HTMLSelectElement>('select[data-country-picker]');
let countryChosen = countrySelect !== null && countrySelect.value !== '';

function suggestCountry(): void {
  if (!zoneSelect || !countrySelect || countryChosen) return;
  const country = suggestedCountry(zoneSelect.value);
  countrySelect.value = country !== null && [...countrySelect.options].some((o) => o.value === country) ? country : '';
}

if (zoneSelect && zoneSelect.value === 'UTC') {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && [...zoneSelect.options].some((o) => o.value === zone)) zoneSelect.value = zone;
}
suggestCountry();
zoneSelect?.addEventListener('change', suggestCountry);
countrySelect?.addEventListener('change', () => {
  countryChosen = countrySelect.value !== '';
});
