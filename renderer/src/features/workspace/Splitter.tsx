// The draggable border between the grid and the reading pane (also ←/→ when focused, Home for
// the default). The pane's width is remembered with the grid layout.
import type { KeyboardEvent, PointerEvent } from 'react';

export const PANE_MIN = 300;
const STEP = 40;

export interface SplitterProps {
  paneWidth: number;
  /** The widest the pane may be (leaves the grid some room). */
  max: number;
  onChange(width: number): void;
  onReset(): void;
}

export function Splitter({ paneWidth, max, onChange, onReset }: SplitterProps) {
  const clamp = (w: number) => Math.round(Math.min(max, Math.max(PANE_MIN, w)));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const startX = e.clientX;
    const start = paneWidth;
    const move = (ev: globalThis.PointerEvent) => onChange(clamp(start - (ev.clientX - startX)));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft') onChange(clamp(paneWidth + STEP));
    else if (e.key === 'ArrowRight') onChange(clamp(paneWidth - STEP));
    else if (e.key === 'Home') onReset();
    else return;
    e.preventDefault();
  };
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="一覧と本文の境目 (ドラッグまたは←→で幅を変更)"
      aria-valuenow={paneWidth}
      aria-valuemin={PANE_MIN}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onDoubleClick={onReset}
      onKeyDown={onKeyDown}
    />
  );
}
