/** How long a finished action may take to show its result (a refetch, a new row) and get the focus. */
const WAIT_MS = 4000;

/**
 * Puts the keyboard back where it was after an action that disabled or replaced the focused
 * control. Chromium moves the focus to the page body as soon as a focused button is disabled (a
 * busy state) or removed (a "Create link" button replaced by the link), and a keyboard or
 * screen-reader user then starts again from the top of the page. Call when the action has
 * finished: over the next frames, while nothing else has the focus, `opener` gets it back once
 * it is enabled again, or, once it is gone, the element `instead` finds (the new link's Copy
 * button, the new comment). With `openerGoes`, the opener is about to be replaced (a refetch
 * will remove it), so only `instead` is waited for. Someone who has moved on keeps their place:
 * focus elsewhere, or a click, tap or scroll meanwhile, ends the wait.
 */
export function returnFocus(
  opener: Element | null,
  instead?: () => Element | null,
  { openerGoes = false }: { openerGoes?: boolean } = {},
): void {
  const until = performance.now() + WAIT_MS;
  let movedOn = false;
  const moveOn = () => {
    movedOn = true;
  };
  const events = ['pointerdown', 'wheel', 'touchmove'] as const;
  for (const type of events) window.addEventListener(type, moveOn, { capture: true, passive: true });
  const stop = () => {
    for (const type of events) window.removeEventListener(type, moveOn, { capture: true });
  };
  const attempt = () => {
    const active = document.activeElement;
    if (movedOn || (active !== null && active !== document.body && active !== opener)) return stop();
    const target = opener?.isConnected && !openerGoes ? opener : (instead?.() ?? null);
    if (target instanceof HTMLElement && !isDisabled(target)) {
      if (active !== target) target.focus();
      return stop();
    }
    if (performance.now() < until) requestAnimationFrame(attempt);
    else stop();
  };
  requestAnimationFrame(attempt);
}

/** The element that has the focus now, to hand to `returnFocus` once an action it started ends. */
export function focusedElement(): Element | null {
  const active = document.activeElement;
  return active === document.body ? null : active;
}

function isDisabled(element: HTMLElement): boolean {
  return 'disabled' in element && (element as HTMLButtonElement).disabled;
}
