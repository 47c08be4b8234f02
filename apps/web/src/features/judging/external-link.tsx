import { Anchor, Text } from '@mantine/core';

/** Only http(s) addresses are links: a `javascript:` or `data:` one a team typed shows as plain text. */
export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A team's link: opened in a new tab that gets no handle on this one (noopener) and no referrer. */
export function ExternalLink({ href }: { href: string }) {
  if (!isWebAddress(href))
    return (
      <Text span style={{ overflowWrap: 'anywhere' }}>
        {href}
      </Text>
    );
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer nofollow" style={{ overflowWrap: 'anywhere', textDecoration: 'underline' }}>
      {href}
    </Anchor>
  );
}
