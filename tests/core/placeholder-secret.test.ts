import { describe, expect, it } from 'vitest';
import { isPlaceholderSecret } from '../../core/credentials.js';

describe('isPlaceholderSecret', () => {
  it('recognises the placeholders docs and samples use', () => {
    for (const value of ['<client-secret>', '${DT_CLIENT_SECRET}', '{{ secret }}', 'changeme-now', 'your-secret-here']) {
      expect(isPlaceholderSecret(value), value).toBe(true);
    }
    expect(isPlaceholderSecret(`dt0s02.XXXXXXXX.${'X'.repeat(64)}`)).toBe(true);
  });

  it('does not mistake a real-looking secret for a placeholder', () => {
    const secret = 'dt0s02.ABCD1234.' + '0123456789ABCDEFGHIJKLMNOPQRSTUV'.repeat(2);
    expect(isPlaceholderSecret(secret)).toBe(false);
    expect(isPlaceholderSecret('s3cr3t-Value-91')).toBe(false);
  });
});
