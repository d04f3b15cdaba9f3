/**
 * Keeping secrets out of messages: text from SSO (bodies, headers) is scrubbed of the client
 * secret in every encoding the token request used, and settings are echoed only when they
 * cannot be a credential.
 */

const REDACTED = '[redacted]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/**
 * One character of the secret as SSO or a proxy may echo it: as is, percent-encoded (once, or
 * twice as `%25XX`; `encodeURIComponent` and `application/x-www-form-urlencoded` alike, any hex
 * case), `+` for a space (form encoding), or JSON-escaped (`\uXXXX`, `\/`, `\"`, `\\`).
 */
function characterForms(char: string): string {
  const forms = [escapeRegExp(char)];
  const bytes = new TextEncoder().encode(char);
  forms.push(Array.from(bytes, (byte) => `%(?:25)?${hex(byte, 2)}`).join(''));
  if (char === ' ') forms.push('\\+');
  const units = Array.from({ length: char.length }, (_, index) => `\\\\u${hex(char.charCodeAt(index), 4)}`).join('');
  forms.push(units);
  const shortEscapes: Readonly<Record<string, string>> = { '/': '\\\\/', '"': '\\\\"', '\\': '\\\\\\\\', '\n': '\\\\n', '\r': '\\\\r', '\t': '\\\\t', '\b': '\\\\b', '\f': '\\\\f' };
  const short = shortEscapes[char];
  if (short !== undefined) forms.push(short);
  return forms.length === 1 ? forms[0] ?? '' : `(?:${forms.join('|')})`;
}

/** Matches `secret` in any of the encodings above, mixed freely (a proxy may re-encode part of it). */
export function encodedSecretPattern(secret: string): RegExp {
  return new RegExp(Array.from(secret, characterForms).join(''), 'giu');
}

/** The most characters one character of a secret can take in the forms above (`%25XX` per UTF-8 byte). */
const MAX_ENCODED_WIDTH = 20;

/**
 * A function that redacts `secrets` from a text and then clips it to `limit` characters. The
 * order matters: clipping first could cut a secret in two and leave its first half readable.
 * Only the head of a huge text is scanned: enough to hold any secret that starts before the clip.
 */
export function scrubber(secrets: readonly string[], limit: number): (text: string) => string {
  // Built on first use: most clients never see an error, and a client is created per configuration.
  let patterns: readonly RegExp[] | undefined;
  const window = limit + Math.max(0, ...secrets.map((secret) => secret.length)) * MAX_ENCODED_WIDTH;
  return (text) => {
    patterns ??= secrets.filter((secret) => secret !== '').map(encodedSecretPattern);
    let scrubbed = text.length > window ? text.slice(0, window) : text;
    for (const pattern of patterns) scrubbed = scrubbed.replace(pattern, REDACTED);
    return scrubbed.length > limit || text.length > window ? `${scrubbed.slice(0, limit)}…` : scrubbed;
  };
}

const SECRET_SHAPES: readonly RegExp[] = [
  // Dynatrace OAuth client secrets (dt0s02.<id>.<secret>), API and platform tokens (dt0c01.…).
  /dt0[a-z]\d{2}\.[A-Za-z\d]{4,}\.[A-Za-z\d]{8,}/u,
  // A JWT (an access token).
  /eyJ[\w-]{8,}\.[\w-]{4,}/u,
  // A credential with its scheme, as pasted from a header.
  /\b(?:bearer|basic)\s+\S{8,}/iu,
];
const UUID = /[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}/giu;
/** 20 or more token characters in a row. */
const TOKEN_RUN = /[A-Za-z\d_~-]{20,}/gu;

/**
 * Whether a setting's value may be a credential put in the wrong variable, so that an error
 * about it must not quote it. It errs on the side of hiding: a value that is one of `secrets`
 * or contains it, has a Dynatrace credential or JWT shape, or has a run of 20+ token characters
 * mixing letters and digits (a 45-character Keptn API token, a hex or base64 secret). UUIDs
 * (account ids) do not count, nor do scope names and host names.
 */
export function looksLikeSecret(value: string, secrets: readonly string[] = []): boolean {
  if (secrets.some((secret) => secret !== '' && value.includes(secret))) return true;
  if (SECRET_SHAPES.some((shape) => shape.test(value))) return true;
  for (const run of value.replace(UUID, ' ').match(TOKEN_RUN) ?? []) {
    if (/[A-Za-z]/u.test(run) && /\d/u.test(run)) return true;
  }
  return false;
}

/**
 * A setting's value for an error message: quoted (control characters escaped, long values
 * clipped), or a description when it may be a credential.
 */
export function quoteSetting(value: string, secrets: readonly string[] = []): string {
  if (looksLikeSecret(value, secrets)) return `a value that looks like a credential (${value.length} characters, not shown)`;
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}
