// The top tabs as a real tablist: one Tab stop (the current tab), ←/→/Home/End move and open;
// each tab names the tab panel it shows (aria-controls), which names the tab back (aria-labelledby).
import './shell.css';
import { rovingKeys } from '../lib/roving';

interface TabBarProps<V extends string> {
  views: readonly (readonly [V, string])[];
  current: V;
  onSelect(view: V): void;
  tabId(view: V): string;
  panelId(view: V): string;
}

export function TabBar<V extends string>({ views, current, onSelect, tabId, panelId }: TabBarProps<V>) {
  return (
    <div role="tablist" aria-label="画面" className="tabs" onKeyDown={rovingKeys('[role=tab]')}>
      {views.map(([id, label]) => (
        <button
          key={id}
          id={tabId(id)}
          aria-controls={panelId(id)}
          type="button"
          role="tab"
          aria-selected={current === id}
          tabIndex={current === id ? 0 : -1}
          onClick={() => current !== id && onSelect(id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
