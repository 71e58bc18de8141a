// Every dialog opens modal with the keyboard focus inside it, and gives the focus back to where it
// was (the grid, the button that opened it) when it closes — also when React removes it without
// the browser's own close, which would otherwise leave the focus on the page's body.
import { useEffect, type RefObject } from 'react';

export function useModal(ref: RefObject<HTMLDialogElement | null>, initialFocus?: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const target = initialFocus?.current ?? dialog.querySelector<HTMLElement>('[autofocus]');
    if (target) target.focus();
    else if (!dialog.contains(document.activeElement)) {
      // Content still loading: the dialog itself takes the focus (it is labelled, so it is announced).
      dialog.tabIndex = -1;
      dialog.focus();
    }
    return () => {
      if (opener?.isConnected) opener.focus();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Content swapped while loading (a placeholder replaced by the real thing) can take the focused
  // element with it: then the dialog itself holds the focus, never the page behind it.
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog?.open || dialog.contains(document.activeElement)) return;
    dialog.tabIndex = -1;
    dialog.focus();
  });
}
