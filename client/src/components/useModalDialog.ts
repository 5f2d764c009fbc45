import { type RefObject, useLayoutEffect, useRef } from 'react';

/**
 * Opens the `<dialog>` the returned ref is put on as a modal for as long as the component is
 * mounted (focus kept inside, Esc, an inert page behind), and gives the focus back to what had it
 * before. The browser does that itself only for a dialog closed while still on the page; these
 * leave the page as they close, so it is done here, once the page behind is no longer inert.
 */
export function useModalDialog(): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return ref;
}
