// バージョン情報 in the header: a button that opens the dialog. It owns its own state, so the
// app shell only places it.
import { useCallback, useState } from 'react';
import { createPortal } from 'react-dom';
import { AboutDialog } from './AboutDialog';

export function AboutButton({ onError }: { onError(e: unknown): void }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        バージョン情報
      </button>
      {/* Outside the header, whose button styles would otherwise apply inside the dialog. */}
      {open && createPortal(<AboutDialog onError={onError} onClose={close} />, document.body)}
    </>
  );
}
