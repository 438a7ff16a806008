/**
 * Opens a disclosure marked `data-open-when-filled` (the check-in's "Add a note") whose text box
 * holds words. The server opens it when it draws the form with a note, but a browser that brings
 * the form back on Back (after a 503, say) restores the typed text and not the open state, so the
 * note would sit hidden in a closed box and look lost. Restored text can arrive after this runs
 * (from the back/forward cache, or form restoration), hence `pageshow`, which comes after it.
 */
const openFilled = (): void => {
  for (const details of document.querySelectorAll<HTMLDetailsElement>('details[data-open-when-filled]')) {
    if (details.open) continue;
    const boxes = details.querySelectorAll<HTMLTextAreaElement | HTMLInputElement>('textarea, input[type="text"]');
    if ([...boxes].some((box) => box.value.trim() !== '')) details.open = true;
  }
};

openFilled();
window.addEventListener('pageshow', openFilled);
