import { Table } from '@mantine/core';
import { ReactNode } from 'react';

/** A table that scrolls sideways on a narrow screen; the scroller takes focus so a keyboard can scroll it too (axe: scrollable-region-focusable). */
export function ScrollTable({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Table.ScrollContainer type="native" minWidth={minWidth} tabIndex={0} role="region" aria-label={label}>
      {children}
    </Table.ScrollContainer>
  );
}
