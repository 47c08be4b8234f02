import { Anchor, Typography } from '@mantine/core';
import ReactMarkdown, { Components } from 'react-markdown';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

// Raw HTML (`<img onerror=…>`, `<script>`) becomes literal text: visible, as the author typed it, and inert.
function htmlAsText() {
  const walk = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}

const components: Components = {
  // Links leave the app in a new tab and do not tell the target where they came from.
  a: ({ href, children }) => (
    // Typography's link style drops the underline; a link in text must not rely on colour alone.
    <Anchor href={href} target="_blank" rel="noopener noreferrer nofollow" style={{ textDecoration: 'underline' }}>
      {children}
    </Anchor>
  ),
  img: ({ src, alt }) => <img src={typeof src === 'string' ? src : undefined} alt={alt ?? ''} loading="lazy" referrerPolicy="no-referrer" style={{ maxWidth: '100%' }} />,
  // A long line of code scrolls inside its block instead of widening the page (360 px screens).
  pre: ({ children }) => (
    <pre style={{ overflowX: 'auto' }} tabIndex={0}>
      {children}
    </pre>
  ),
};

export function MarkdownView({ children }: { children: string }) {
  return (
    <Typography>
      <ReactMarkdown remarkPlugins={[htmlAsText]} components={components}>
        {children}
      </ReactMarkdown>
    </Typography>
  );
}
