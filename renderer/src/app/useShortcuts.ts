// The app-wide keys: Ctrl+P (the export dialog, not printing the screen), Ctrl+F (search),
// Ctrl+Z / Ctrl+Y (undo / redo outside text fields), Esc in the search box (back to the grid,
// keeping the search).
import { useEffect, type RefObject } from 'react';

export interface Shortcuts {
  onExport(): void;
  onUndo(): void;
  onRedo(): void;
  searchRef: RefObject<HTMLInputElement | null>;
  gridRef: RefObject<HTMLDivElement | null>;
}

export function useShortcuts({ onExport, onUndo, onRedo, searchRef, gridRef }: Shortcuts): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const inText = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      const key = e.key.toLowerCase();
      if (e.ctrlKey && key === 'p') {
        e.preventDefault();
        onExport();
      } else if (e.ctrlKey && key === 'f') {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (!inText && e.ctrlKey && !e.shiftKey && key === 'z') {
        e.preventDefault();
        onUndo();
      } else if (!inText && e.ctrlKey && (key === 'y' || (e.shiftKey && key === 'z'))) {
        e.preventDefault();
        onRedo();
      } else if (e.key === 'Escape' && e.target === searchRef.current) {
        // Back to the grid with the filter kept: a search box would clear itself on Escape.
        e.preventDefault();
        gridRef.current?.querySelector<HTMLElement>('[role=grid]')?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onExport, onUndo, onRedo, searchRef, gridRef]);
}
