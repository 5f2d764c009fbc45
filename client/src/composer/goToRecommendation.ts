/** How long a recommendation stays highlighted after "Go to it". */
const HIGHLIGHT_MS = 2500;

/**
 * Scrolls the brief's editor to one of its recommendations, highlights it briefly and puts the
 * caret at the start of its statement, so the next keystroke edits it. Returns false when the
 * editor does not show it (yet): a server-side change may still be on its way to this page.
 */
export function goToRecommendation(container: HTMLElement | null, recommendationId: string): boolean {
  const id = CSS.escape(recommendationId);
  // The card view marks itself with data-recommendation-id; the plain schema rendering uses data-id.
  const target = container?.querySelector<HTMLElement>(
    `[data-recommendation-id="${id}"], section[data-type="recommendation"][data-id="${id}"]`,
  );
  if (!target) return false;
  const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  target.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
  target.classList.add('composer-highlight');
  window.setTimeout(() => target.classList.remove('composer-highlight'), HIGHLIGHT_MS);

  const editable = target.closest<HTMLElement>('.ProseMirror');
  const statement = target.querySelector<HTMLElement>('[data-node-view-content]') ?? target;
  const text = firstTextNode(statement);
  if (editable) {
    editable.focus({ preventScroll: true });
    // ProseMirror follows the DOM selection, so this becomes the editor's caret.
    const range = document.createRange();
    if (text) range.setStart(text, 0);
    else range.setStart(statement, 0);
    range.collapse(true);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  return true;
}

function firstTextNode(root: Node): Text | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  return walker.nextNode() as Text | null;
}
