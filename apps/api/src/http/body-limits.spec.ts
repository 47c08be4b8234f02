import { declaresBody } from './body-limits';

describe('declaresBody', () => {
  it('should say a request without content-length or transfer-encoding has no body (a GET: nothing to drain)', () => {
    expect(declaresBody({ headers: {} })).toBe(false);
    expect(declaresBody({ headers: { 'content-length': '0' } })).toBe(false);
  });

  it('should say a request with a content-length above 0 or a transfer-encoding has one', () => {
    expect(declaresBody({ headers: { 'content-length': '12' } })).toBe(true);
    expect(declaresBody({ headers: { 'transfer-encoding': 'chunked' } })).toBe(true);
    expect(declaresBody({ headers: { 'transfer-encoding': 'chunked', 'content-length': '0' } })).toBe(true);
  });
});
