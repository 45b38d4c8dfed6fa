/** A short status word. Meaning is carried by the text; the colour only repeats it. */
import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'info' | 'warn' | 'danger' | 'ok';

export function Badge({ tone = 'neutral', title, children }: { tone?: Tone; title?: string; children: ReactNode }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
