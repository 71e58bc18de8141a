// The top tabs as a real tablist: one Tab stop (the current tab), ←/→/Home/End move and open.
import './shell.css';
import { rovingKeys } from '../lib/roving';

export function TabBar<V extends string>({ views, current, onSelect }: { views: readonly (readonly [V, string])[]; current: V; onSelect(view: V): void }) {
  return (
    <div role="tablist" aria-label="画面" className="tabs" onKeyDown={rovingKeys('[role=tab]')}>
      {views.map(([id, label]) => (
        <button
          key={id}
          id={`tab-${id}`}
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
