import { ReactNode } from 'react';

/**
 * A table's box that scrolls sideways when the table is wider than the screen (360 px): a labelled region in the tab
 * order, so a keyboard can scroll it too (axe: scrollable-region-focusable; Mantine's ScrollContainer is not focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // Positioned, so visually hidden (absolute) header text is clipped with the table instead of widening the page.
    <div role="region" aria-label={label} tabIndex={0} style={{ position: 'relative', overflowX: 'auto', maxWidth: '100%' }}>
      {children}
    </div>
  );
}
