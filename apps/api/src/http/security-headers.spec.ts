import helmet from 'helmet';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it("should be exactly the headers helmet's middleware sets on a response", () => {
    const set = new Map<string, string>();
    const response = { setHeader: (name: string, value: string) => set.set(name.toLowerCase(), String(value)), removeHeader: () => undefined };
    helmet({ contentSecurityPolicy: false })({} as never, response as never, () => undefined);
    expect(securityHeaders({ contentSecurityPolicy: false })).toEqual(Object.fromEntries(set));
  });

  it('should hold the usual protections and no content security policy', () => {
    const headers = securityHeaders({ contentSecurityPolicy: false });
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'referrer-policy': 'no-referrer',
    });
    expect(headers).not.toHaveProperty('content-security-policy');
  });

  it('should refuse options with a content security policy, whose nonces change per request', () => {
    expect(() => securityHeaders({})).toThrow('content security policy');
  });
});
