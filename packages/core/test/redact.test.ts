import { describe, expect, it } from '@jest/globals';
import { createRedactor } from '@harmoniq/core/pipeline';

describe('redactor', () => {
  it('hides registered secrets in raw and URL-encoded form', () => {
    const r = createRedactor(['s3cr3t/value']);
    expect(r.redact('a s3cr3t/value b s3cr3t%2Fvalue')).toBe('a [redacted] b [redacted]');
  });
  it('masks token parameters in URLs even when the value is unknown', () => {
    const r = createRedactor();
    expect(r.redact('http://h/x?X-Plex-Token=abcdef&y=1')).toBe('http://h/x?X-Plex-Token=[redacted]&y=1');
    expect(r.redact('GET /2.0/?method=a&api_key=0123456789abcdef')).toBe('GET /2.0/?method=a&api_key=[redacted]');
  });
});
