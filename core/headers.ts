/** The deprecated Cloud Automation / Keptn API token header. */
export const X_TOKEN_HEADER = 'x-token';
export const AUTHORIZATION_HEADER = 'authorization';

/** HTTP header names are case-insensitive: `X-Token` and `X-TOKEN` are the same header. */
export function isXTokenHeader(name: string): boolean {
  return name.toLowerCase() === X_TOKEN_HEADER;
}

export function isAuthorizationHeader(name: string): boolean {
  return name.toLowerCase() === AUTHORIZATION_HEADER;
}

/** True for an `Authorization` value that carries an OAuth bearer token (`Bearer …`). */
export function isBearerValue(value: string): boolean {
  return /^bearer\s/iu.test(value);
}

/** The scheme an `Authorization` value starts with (`Basic` in `Basic dXNlcjpwYXNz`), when it shows one. */
export function authorizationScheme(value: string): string | undefined {
  return /^\s*([A-Za-z][\w.-]*)\s/u.exec(value)?.[1];
}
