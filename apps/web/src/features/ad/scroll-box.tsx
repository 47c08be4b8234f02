import { ReactNode } from 'react';
import classes from './ad.module.css';

/** A box that scrolls sideways when its table is wider than the screen; focusable so keyboards can scroll it. */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={classes.scroller} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
