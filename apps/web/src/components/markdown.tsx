import { Text } from '@mantine/core';
import { lazy, Suspense } from 'react';

// The renderer (react-markdown and its parser) is a chunk of its own, fetched the first time some markdown is shown.
const MarkdownView = lazy(() => import('./markdown-view').then((m) => ({ default: m.MarkdownView })));

/**
 * Organiser-written markdown (challenge descriptions, hints, announcements). Raw HTML in it is shown as text, never
 * run; links and images go through react-markdown's URL filter (no `javascript:`). Until the renderer arrives, the
 * source is shown as plain text.
 */
export function Markdown({ children }: { children: string }) {
  return (
    <Suspense fallback={<Text style={{ whiteSpace: 'pre-wrap' }}>{children}</Text>}>
      <MarkdownView>{children}</MarkdownView>
    </Suspense>
  );
}
