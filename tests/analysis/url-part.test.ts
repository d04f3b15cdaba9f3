import { describe, expect, it } from 'vitest';
import { HOLE, urlShape } from '../../core/index.js';
import { urlPart } from '../../analysis/request-analysis.js';

describe('urlPart: the parts of a parsed URL, cut from its shape', () => {
  const written = urlShape('https://abc.cloudautomation.live.dynatrace.com:8443/api/v1/event?x=1#top');
  const behindBase = urlShape(HOLE, '/controlPlane/v1/project/', HOLE, '/stage?pageSize=10');

  it('reads host, name and path of a URL written out', () => {
    expect(urlPart(written, 'hostname')).toEqual(['abc.cloudautomation.live.dynatrace.com']);
    expect(urlPart(written, 'host')).toEqual(['abc.cloudautomation.live.dynatrace.com:8443']);
    expect(urlPart(written, 'origin')).toEqual(['https://abc.cloudautomation.live.dynatrace.com:8443']);
    expect(urlPart(written, 'path')).toEqual(['/api/v1/event?x=1#top']);
    expect(urlPart(written, 'pathname')).toEqual(['/api/v1/event']);
  });

  it('keeps the hole that stands for a base it cannot see', () => {
    expect(urlPart(behindBase, 'hostname')).toEqual([HOLE]);
    expect(urlPart(behindBase, 'origin')).toEqual([HOLE]);
    expect(urlPart(behindBase, 'path')).toEqual(behindBase);
    expect(urlPart(behindBase, 'pathname')).toEqual([HOLE, '/controlPlane/v1/project/', HOLE, '/stage']);
  });

  it('reads the path of `new URL(path, base)` with the base left to run time, without the hidden scheme and host', () => {
    // resolveAgainst writes it so: `{…}://{…}/api/v1/event`.
    const resolved = urlShape(HOLE, '://', HOLE, '/api/v1/event');
    expect(urlPart(resolved, 'pathname')).toEqual(['/api/v1/event']);
    expect(urlPart(resolved, 'path')).toEqual(['/api/v1/event']);
    expect(urlPart(resolved, 'hostname')).toEqual([HOLE]);
    expect(urlPart(urlShape(HOLE, '://keptn.example.com/api/v1/metadata?x=', HOLE), 'pathname')).toEqual(['/api/v1/metadata']);
  });

  it('leaves a host whose port is left to run time without its host:port', () => {
    expect(urlPart(urlShape('http://localhost:', HOLE, '/api/v1/event'), 'hostname')).toEqual(['localhost']);
    expect(urlPart(urlShape('http://localhost:', HOLE, '/api/v1/event'), 'host')).toEqual(['localhost:', HOLE]);
  });

  it('reads search and hash as written: a `?` or `#` and what follows, or empty when the URL writes none', () => {
    expect(urlPart(written, 'search')).toEqual(['?', HOLE]);
    expect(urlPart(written, 'hash')).toEqual(['#', HOLE]);
    // `u.pathname + u.search` of `new URL(base + '/controlPlane/v1/project/' + p + '/stage')` is the path alone, as pathname reads it.
    const noQuery = urlShape(HOLE, '/controlPlane/v1/project/', HOLE, '/stage');
    expect(urlPart(noQuery, 'search')).toEqual([]);
    expect(urlPart(noQuery, 'hash')).toEqual([]);
    expect(urlPart(urlShape(HOLE, '/v1/event#top'), 'search')).toEqual([]);
    expect(urlPart(behindBase, 'search')).toEqual(['?', HOLE]);
  });

  it('reads run-time parts as holes and names nothing that is no URL part', () => {
    expect(urlPart(written, 'port')).toEqual([HOLE]);
    expect(urlPart(written, 'headers')).toBeUndefined();
  });
});
