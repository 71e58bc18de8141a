// Arrow-key movement inside a composite widget (tablist, radio group): one Tab stop for the group,
// ←/→ (and ↑/↓) move between its items, Home/End to the ends; moving also activates the item, as
// the ARIA authoring practices describe for tabs with automatic activation and for radio groups.
import type { KeyboardEvent } from 'react';

const NEXT = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp']);

/** onKeyDown for the group element; `selector` names its items (disabled ones are skipped). */
export function rovingKeys(selector: string) {
  return (e: KeyboardEvent<HTMLElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(selector)].filter((el) => !(el as HTMLButtonElement).disabled);
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (at < 0 || items.length === 0) return;
    let to: number;
    if (NEXT.has(e.key)) to = (at + 1) % items.length;
    else if (PREVIOUS.has(e.key)) to = (at - 1 + items.length) % items.length;
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = items.length - 1;
    else return;
    e.preventDefault();
    e.stopPropagation();
    items[to]!.focus();
    items[to]!.click();
  };
}
