/**
 * Registers the service worker that keeps the app shell (HTML, scripts, styles) on this device,
 * so a reload without network still opens the page — the draft itself comes from IndexedDB.
 * Production builds only: in development Vite serves modules the worker must not cache.
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      // Without the worker the app still works online; only an offline reload is lost.
      console.warn('Offline support is unavailable:', error);
    });
  });
}
