/** Adds a "Copy link" button beside read-only fields marked `data-copy-source`. */
for (const input of document.querySelectorAll<HTMLInputElement>('input[data-copy-source]')) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button button--secondary copy-button';
  button.textContent = 'Copy link';
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'copy-status';
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = 'Link copied.';
    } catch {
      input.select();
      status.textContent = 'Press Ctrl+C (or ⌘C) to copy the selected link.';
    }
  });
  input.after(button, status);
}
