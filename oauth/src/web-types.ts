/**
 * The web types the declarations name (URL, Request, Response, RequestInit), declared empty
 * here so the declarations type-check in projects that have neither the DOM library nor
 * @types/node 18+ (older Node and TypeScript toolchains). Where the real types exist, these
 * empty declarations merge with them and change nothing.
 */
/* eslint-disable @typescript-eslint/no-empty-object-type -- empty on purpose: see above */
declare global {
  interface URL {}
  interface Request {}
  interface Response {}
  interface RequestInit {}
}
/* eslint-enable @typescript-eslint/no-empty-object-type */
export {};
