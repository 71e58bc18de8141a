// The grid's right-click menu (also Shift+F10 or the menu key): the same actions as the keys.
import { useEffect, useRef, type KeyboardEvent } from 'react';

export interface MenuItem {
  label: string;
  /** The key that does the same, shown at the right. */
  keys?: string;
  disabled?: boolean;
  run(): void;
}

export interface ContextMenuProps {
  x: number;
  y: number;
  label: string;
  items: (MenuItem | 'separator')[];
  onClose(): void;
}

export function ContextMenu({ x, y, label, items, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role=menuitem]:not([aria-disabled=true])')?.focus();
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role=menuitem]:not([aria-disabled=true])') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown') all[(at + 1) % all.length]?.focus();
    else if (e.key === 'ArrowUp') all[(at - 1 + all.length) % all.length]?.focus();
    else if (e.key === 'Home') all[0]?.focus();
    else if (e.key === 'End') all.at(-1)?.focus();
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else return;
    e.preventDefault();
  };

  // Kept inside the window near the pointer.
  const left = Math.min(x, window.innerWidth - 260);
  const top = Math.min(y, window.innerHeight - 30 * items.length - 20);
  return (
    <div ref={ref} className="context-menu" role="menu" aria-label={label} style={{ left, top: Math.max(4, top) }} onKeyDown={onKeyDown}>
      {items.map((item, i) =>
        item === 'separator' ? (
          <div key={i} role="separator" className="menu-separator" />
        ) : (
          <div
            key={i}
            role="menuitem"
            tabIndex={-1}
            aria-disabled={item.disabled || undefined}
            className="menu-item"
            onClick={() => {
              if (item.disabled) return;
              onClose();
              item.run();
            }}
            onKeyDown={(e) => {
              if ((e.key === 'Enter' || e.key === ' ') && !item.disabled) {
                e.preventDefault();
                onClose();
                item.run();
              }
            }}
          >
            <span>{item.label}</span>
            {item.keys && <kbd>{item.keys}</kbd>}
          </div>
        ),
      )}
    </div>
  );
}
