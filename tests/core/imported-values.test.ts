import { describe, expect, it } from 'vitest';
import { mayImportProjectValues } from '../../core/index.js';

describe('mayImportProjectValues', () => {
  it('is true for a file that imports from a module of the project or another package', () => {
    for (const text of [
      "import { TOKEN_HEADER } from './constants';",
      'import { KEPTN_API } from "@acme/config";',
      "import type { KeptnUrl } from '../types.js';",
      "export { api } from './api';",
      "import './setup';",
      "const { base } = require('./config');",
      "const config = await import('./config.js');",
      "import axios from 'axios';\nimport { api } from './api';",
    ]) {
      expect(mayImportProjectValues(text), text).toBe(true);
    }
  });

  it('is false for a file that imports only HTTP clients and Node built-ins, or nothing', () => {
    for (const text of [
      "import axios, { type AxiosInstance } from 'axios';\nimport got from 'got';\nimport { EventEmitter } from 'node:events';",
      "const https = require('https');\nconst fs = require('fs');",
      "import { request } from 'undici';\nimport path from 'node:path';",
      'await fetch(url, { headers });',
      '',
    ]) {
      expect(mayImportProjectValues(text), text).toBe(false);
    }
  });

  it('gives the same answer when called again on the same text (no state left in the pattern)', () => {
    const text = "import got from 'got';\nimport { x } from './x';";
    expect(mayImportProjectValues(text)).toBe(true);
    expect(mayImportProjectValues(text)).toBe(true);
    expect(mayImportProjectValues("import got from 'got';")).toBe(false);
  });
});
