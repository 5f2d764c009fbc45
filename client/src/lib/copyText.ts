/**
 * Copies `text` to the clipboard. The Clipboard API exists only in secure contexts, and a venue
 * server is often plain http on a LAN address; then the selected `fallbackInput` is copied the
 * old way. Resolves to whether anything was copied.
 */
export async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no user activation, or a permissions policy): try the fallback.
  }
  if (!fallbackInput) return false;
  fallbackInput.focus();
  fallbackInput.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
