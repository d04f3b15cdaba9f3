/**
 * A setting (option or environment variable) that cannot work. Thrown when the client is created
 * (`createOAuthClient`, `optionalOAuthClientFromEnv`); for `oauthClientFromEnv`, the first request
 * that needs a token rejects with it.
 */
export class OAuthConfigError extends TypeError {
  override readonly name = 'OAuthConfigError';
  readonly code = 'CLOUD_AUTOMATION_OAUTH_CONFIG';

  constructor(
    /** The option or environment variable at fault, e.g. `DT_ACCOUNT_URN` or `timeoutMs`. */
    readonly setting: string,
    problem: string,
  ) {
    super(`cloud-automation-oauth: ${setting} ${problem}`);
  }
}

/** Why a token could not be obtained. */
export type OAuthTokenErrorCode =
  /** SSO answered with a non-2xx status. */
  | 'CLOUD_AUTOMATION_OAUTH_REJECTED'
  /** SSO answered 2xx, but not with a usable token (not JSON, no `access_token`, wrong `token_type`). */
  | 'CLOUD_AUTOMATION_OAUTH_BAD_RESPONSE'
  /** No answer within `timeoutMs`. */
  | 'CLOUD_AUTOMATION_OAUTH_TIMEOUT'
  /** The request did not reach SSO (DNS, connection refused, reset, TLS). */
  | 'CLOUD_AUTOMATION_OAUTH_NETWORK';

export interface OAuthTokenErrorDetails {
  readonly code: OAuthTokenErrorCode;
  readonly tokenUrl: string;
  readonly attempts: number;
  readonly status?: number | undefined;
  readonly error?: string | undefined;
  readonly error_description?: string | undefined;
  readonly errorCode?: number | string | undefined;
  readonly ssoMessage?: string | undefined;
  readonly issueId?: string | undefined;
  readonly cause?: unknown;
}

/**
 * A token request that failed, after any retries. It carries what Dynatrace SSO said
 * (`error`, `error_description`, `errorCode`, `message` as `ssoMessage`, `issueId`) and
 * never the client secret or a token.
 */
export class OAuthTokenError extends Error {
  override readonly name = 'OAuthTokenError';
  readonly code: OAuthTokenErrorCode;
  readonly tokenUrl: string;
  /** Token requests made before giving up. */
  readonly attempts: number;
  /** HTTP status of SSO's last answer, when there was one. */
  readonly status: number | undefined;
  /** OAuth error code, e.g. `invalid_client`. */
  readonly error: string | undefined;
  readonly error_description: string | undefined;
  /** Dynatrace's own numeric error code. */
  readonly errorCode: number | string | undefined;
  /** Dynatrace's `message` field. */
  readonly ssoMessage: string | undefined;
  /** Quote this to Dynatrace support. */
  readonly issueId: string | undefined;

  constructor(details: OAuthTokenErrorDetails) {
    super(describe(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.code = details.code;
    this.tokenUrl = details.tokenUrl;
    this.attempts = details.attempts;
    this.status = details.status;
    this.error = details.error;
    this.error_description = details.error_description;
    this.errorCode = details.errorCode;
    this.ssoMessage = details.ssoMessage;
    this.issueId = details.issueId;
  }

  /** True when repeating the same request cannot help: wrong credentials, scopes or account. */
  get isPermanent(): boolean {
    return this.code === 'CLOUD_AUTOMATION_OAUTH_REJECTED' && this.status !== undefined && this.status < 500 && this.status !== 429 && this.status !== 408;
  }
}

function describe(details: OAuthTokenErrorDetails): string {
  const attempts = details.attempts > 1 ? ` after ${details.attempts} attempts` : '';
  const where = `from ${details.tokenUrl}${attempts}`;
  switch (details.code) {
    case 'CLOUD_AUTOMATION_OAUTH_TIMEOUT':
      return `cloud-automation-oauth: no token ${where}: the token request timed out`;
    case 'CLOUD_AUTOMATION_OAUTH_NETWORK':
      return `cloud-automation-oauth: no token ${where}: the request did not reach the token URL (${causeText(details.cause)})`;
    case 'CLOUD_AUTOMATION_OAUTH_BAD_RESPONSE':
      return `cloud-automation-oauth: no token ${where}: ${details.ssoMessage ?? 'the answer holds no access token'}`;
    case 'CLOUD_AUTOMATION_OAUTH_REJECTED': {
      const said = [
        details.error,
        details.error_description,
        details.ssoMessage !== undefined && details.ssoMessage !== details.error_description ? details.ssoMessage : undefined,
      ].filter((part) => part !== undefined && part !== '');
      const issue = details.issueId === undefined ? '' : ` (issueId ${details.issueId})`;
      const hint = details.error === 'invalid_client' ? '. Check DT_CLIENT_ID and DT_CLIENT_SECRET (or clientId/clientSecret)' : '';
      return `cloud-automation-oauth: SSO refused the token request${attempts} with HTTP ${details.status ?? '?'}${said.length > 0 ? `: ${said.join(': ')}` : ''}${issue}${hint}`;
    }
  }
}

function causeText(cause: unknown): string {
  if (!(cause instanceof Error)) return 'unknown error';
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  return `${cause.message}${inner}`;
}
