/**
 * Writes a deterministic corpus of realistic TypeScript service files for the rule and
 * codemod benchmarks: imports, types, a class per file, axios/got/fetch calls to APIs that
 * have nothing to do with Cloud Automation, and a small share of "candidate" files that talk
 * to Keptn with the x-token header in the forms of PATTERNS.md.
 *
 *   npx tsx bench/generate-corpus.ts --out .bench/corpus --files 2000 --candidates 0.02 --seed 1
 *
 * The folder gets `src/**` files, a `tsconfig.json` (so typed linting and ts-morph can load
 * it) and `manifest.json` listing every file and which ones are candidates. Same arguments,
 * same bytes: benchmarks compare runs, so the corpus must not drift between them.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

export interface CorpusOptions {
  readonly out: string;
  readonly files: number;
  /** Share of files (0–1) that hold Keptn calls with x-token. */
  readonly candidates: number;
  readonly seed: number;
}

export interface CorpusManifest {
  readonly options: Omit<CorpusOptions, 'out'>;
  readonly files: readonly string[];
  /** Candidate files and the PATTERNS.md forms each one holds. */
  readonly candidates: readonly { file: string; forms: readonly string[] }[];
  readonly lines: number;
}

/** mulberry32: tiny, fast and good enough to make text vary; deterministic per seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const domains = ['billing', 'inventory', 'orders', 'shipping', 'users', 'catalog', 'payments', 'reports', 'search', 'audit'];
const entities = ['Invoice', 'Order', 'Customer', 'Product', 'Shipment', 'Account', 'Ticket', 'Report', 'Session', 'Payment'];
const unrelatedHosts = [
  'https://api.github.com',
  'https://hooks.slack.com/services',
  'https://api.stripe.com/v1',
  'https://graph.microsoft.com/v1.0',
  'https://internal.example.org/api',
  'https://jira.example.com/rest/api/2',
];
const unrelatedHeaders = ['Accept', 'Content-Type', 'X-Request-Id', 'X-Correlation-Id', 'Authorization', 'User-Agent'];

function camel(word: string): string {
  return word.charAt(0).toLowerCase() + word.slice(1);
}

/** One method of a service class: an HTTP call to an unrelated API with some logic around it. */
function unrelatedMethod(random: Random, entity: string, index: number): string[] {
  const host = pick(random, unrelatedHosts);
  const header = pick(random, unrelatedHeaders);
  const resource = `${camel(entity)}s`;
  const variant = Math.floor(random() * 4);
  const name = `${pick(random, ['load', 'sync', 'fetch', 'refresh', 'push'])}${entity}${index}`;
  const body: string[] = [];
  switch (variant) {
    case 0:
      body.push(
        `  async ${name}(id: string): Promise<${entity}Record | undefined> {`,
        `    const response = await this.http.get<${entity}Record>(\`${host}/${resource}/\${encodeURIComponent(id)}\`, {`,
        `      headers: { '${header}': this.headerValue('${header}') },`,
        `      timeout: ${1000 + Math.floor(random() * 9000)},`,
        '    });',
        '    if (response.status === 404) return undefined;',
        `    this.cache.set(id, response.data);`,
        '    return response.data;',
        '  }',
      );
      break;
    case 1:
      body.push(
        `  async ${name}(filter: Partial<${entity}Record>): Promise<${entity}Record[]> {`,
        `    const url = new URL('/${resource}', '${host}');`,
        '    for (const [key, value] of Object.entries(filter)) url.searchParams.set(key, String(value));',
        '    const response = await fetch(url, {',
        header === 'Accept'
          ? "      headers: { Accept: 'application/json' },"
          : `      headers: { Accept: 'application/json', '${header}': this.headerValue('${header}') },`,
        '    });',
        `    if (!response.ok) throw new Error(\`${name} failed: \${response.status}\`);`,
        `    return (await response.json()) as ${entity}Record[];`,
        '  }',
      );
      break;
    case 2:
      body.push(
        `  async ${name}(record: ${entity}Record): Promise<void> {`,
        `    await got.post('${host}/${resource}', {`,
        '      json: record,',
        `      headers: { '${header}': this.headerValue('${header}') },`,
        `      retry: { limit: ${1 + Math.floor(random() * 4)} },`,
        '    });',
        `    this.log.info('${name} stored', { id: record.id });`,
        '  }',
      );
      break;
    default:
      body.push(
        `  ${name}(records: readonly ${entity}Record[]): Map<string, number> {`,
        '    const totals = new Map<string, number>();',
        '    for (const record of records) {',
        '      const previous = totals.get(record.owner) ?? 0;',
        `      totals.set(record.owner, previous + record.amount * ${(1 + random()).toFixed(2)});`,
        '    }',
        '    return totals;',
        '  }',
      );
  }
  return body;
}

interface CandidateForm {
  readonly forms: readonly string[];
  readonly lines: (entity: string) => string[];
}

/** Keptn calls written the ways PATTERNS.md lists; each candidate file holds one or two. */
const candidateForms: readonly CandidateForm[] = [
  {
    forms: ['A1', 'B2', 'C1', 'D2', 'D4'],
    lines: () => [
      '  async sendKeptnEvent(event: Record<string, unknown>): Promise<void> {',
      "    await this.http.post(`${process.env.KEPTN_ENDPOINT ?? ''}/v1/event`, event, {",
      "      headers: { 'x-token': process.env.KEPTN_API_TOKEN ?? '', 'Content-Type': 'application/json' },",
      '    });',
      '  }',
    ],
  },
  {
    forms: ['A3', 'B1', 'C1', 'D2'],
    lines: () => [
      '  async listKeptnProjects(): Promise<unknown> {',
      '    const response = await fetch(`${this.keptnEndpoint}/controlPlane/v1/project`, {',
      '      headers: { [TOKEN_HEADER]: this.keptnToken },',
      '    });',
      '    return response.json();',
      '  }',
    ],
  },
  {
    forms: ['A7', 'B2', 'C6', 'D3', 'D4'],
    lines: () => [
      '  private keptnClient = axios.create({',
      '    baseURL: `${process.env.KEPTN_API_URL ?? ""}/api`,',
      "    headers: { ...(this.keptnToken && { 'x-token': this.keptnToken }), 'Content-Type': 'application/json' },",
      '  });',
      '',
      '  async keptnMetadata(): Promise<unknown> {',
      "    const { data } = await this.keptnClient.get('/v1/metadata');",
      '    return data;',
      '  }',
    ],
  },
  {
    forms: ['A4', 'B2', 'D4'],
    lines: () => [
      '  useKeptnToken(): void {',
      "    axios.defaults.headers.common['x-token'] = this.keptnToken;",
      '  }',
    ],
  },
  {
    forms: ['A5', 'A6', 'B1', 'C2', 'D1'],
    lines: () => [
      '  async triggeredEvents(type: string): Promise<unknown> {',
      '    const headers = new Headers();',
      "    headers.set('X-Token', this.keptnToken);",
      '    const response = await fetch(`https://abc12345.cloudautomation.live.dynatrace.com/api/controlPlane/v1/event/triggered/${type}`, { headers });',
      '    return response.json();',
      '  }',
    ],
  },
  {
    forms: ['A1', 'B3', 'D3'],
    lines: () => [
      '  private keptnGot = got.extend({',
      '    prefixUrl: process.env.KEPTN_BASE_URL,',
      "    headers: { 'X-TOKEN': process.env.KEPTN_API_TOKEN },",
      '  });',
      '',
      '  async keptnEvents(): Promise<unknown> {',
      "    return this.keptnGot.get('api/mongodb-datastore/event').json();",
      '  }',
    ],
  },
  {
    forms: ['A1', 'B2', 'C3', 'D2', 'F7'],
    lines: () => [
      '  private keptnHeaders(): Record<string, string> {',
      "    return { 'x-token': this.keptnToken, Accept: 'application/json' };",
      '  }',
      '',
      '  async checkKeptnToken(): Promise<boolean> {',
      "    const response = await axios.post(this.keptnEndpoint + '/v1/auth', {}, { headers: this.keptnHeaders() });",
      '    return response.status === 200;',
      '  }',
    ],
  },
];

function header(random: Random, domain: string, entity: string, candidate: boolean): string[] {
  const lines = [
    `// ${domain} service: ${entity} records and their synchronisation with partner systems.`,
    "import axios, { type AxiosInstance } from 'axios';",
    "import got from 'got';",
    `import { EventEmitter } from 'node:events';`,
    '',
  ];
  if (candidate) lines.push("const TOKEN_HEADER = 'x-token';", '');
  lines.push(
    `export interface ${entity}Record {`,
    '  id: string;',
    '  owner: string;',
    '  amount: number;',
    `  status: ${['pending', 'active', 'closed'].map((state) => `'${state}'`).join(' | ')};`,
    '  updatedAt: string;',
    '}',
    '',
    'interface Logger {',
    '  info(message: string, details?: Record<string, unknown>): void;',
    '  warn(message: string, details?: Record<string, unknown>): void;',
    '}',
    '',
    `const DEFAULT_PAGE_SIZE = ${10 * (1 + Math.floor(random() * 10))};`,
    '',
  );
  return lines;
}

function renderFile(random: Random, index: number, candidate: boolean): { text: string; forms: string[] } {
  const domain = pick(random, domains);
  const entity = pick(random, entities);
  const forms = new Set<string>();
  const lines = header(random, domain, entity, candidate);
  lines.push(
    `export class ${entity}Service${index} extends EventEmitter {`,
    `  private readonly cache = new Map<string, ${entity}Record>();`,
    ...(candidate
      ? [
          '  private readonly keptnEndpoint = process.env.KEPTN_ENDPOINT ?? "";',
          '  private readonly keptnToken = process.env.KEPTN_API_TOKEN ?? "";',
        ]
      : []),
    '',
    '  constructor(',
    '    private readonly http: AxiosInstance,',
    '    private readonly log: Logger,',
    '  ) {',
    '    super();',
    '  }',
    '',
    '  private headerValue(name: string): string {',
    "    return name === 'Accept' ? 'application/json' : `${name.toLowerCase()}-${Date.now()}`;",
    '  }',
    '',
  );
  if (candidate) {
    const first = pick(random, candidateForms);
    const second = random() < 0.4 ? pick(random, candidateForms) : undefined;
    for (const form of second && second !== first ? [first, second] : [first]) {
      lines.push(...form.lines(entity), '');
      for (const name of form.forms) forms.add(name);
    }
  }
  // Enough methods to land near 150 lines, like a real service file.
  for (let method = 0; lines.length < 135; method++) {
    lines.push(...unrelatedMethod(random, entity, method), '');
  }
  lines.push(
    `  page(records: readonly ${entity}Record[], page: number): ${entity}Record[] {`,
    '    return records.slice(page * DEFAULT_PAGE_SIZE, (page + 1) * DEFAULT_PAGE_SIZE);',
    '  }',
    '}',
    '',
    `export function create${entity}Service${index}(log: Logger): ${entity}Service${index} {`,
    `  return new ${entity}Service${index}(axios.create({ timeout: 5000 }), log);`,
    '}',
    '',
  );
  return { text: lines.join('\n'), forms: [...forms].sort() };
}

export function generateCorpus(options: CorpusOptions): CorpusManifest {
  const random = createRandom(options.seed);
  rmSync(options.out, { recursive: true, force: true });
  const files: string[] = [];
  const candidates: { file: string; forms: string[] }[] = [];
  let lines = 0;
  // Spread candidates evenly rather than randomly, so `--candidates 0.02` gives exactly 2 %.
  const candidateCount = Math.round(options.files * options.candidates);
  const stride = candidateCount > 0 ? options.files / candidateCount : Infinity;
  for (let index = 0; index < options.files; index++) {
    const candidate = candidateCount > 0 && Math.floor(index % stride) === 0 && candidates.length < candidateCount;
    const { text, forms } = renderFile(random, index, candidate);
    const relative = `src/${pick(random, domains)}/service-${String(index).padStart(5, '0')}.ts`;
    mkdirSync(path.join(options.out, path.dirname(relative)), { recursive: true });
    writeFileSync(path.join(options.out, relative), text);
    files.push(relative);
    lines += text.split('\n').length;
    if (candidate) candidates.push({ file: relative, forms });
  }
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'],
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    },
    include: ['src'],
  };
  writeFileSync(path.join(options.out, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  // Lets the corpus resolve axios/got types from this checkout when it lives inside it.
  writeFileSync(path.join(options.out, 'package.json'), `${JSON.stringify({ name: 'bench-corpus', private: true, type: 'module' }, null, 2)}\n`);
  const manifest: CorpusManifest = {
    options: { files: options.files, candidates: options.candidates, seed: options.seed },
    files,
    candidates,
    lines,
  };
  writeFileSync(path.join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: '.bench/corpus' },
      files: { type: 'string', default: '2000' },
      candidates: { type: 'string', default: '0.02' },
      seed: { type: 'string', default: '1' },
    },
  });
  const files = Number(values.files);
  const candidates = Number(values.candidates);
  const seed = Number(values.seed);
  if (!Number.isInteger(files) || files < 1) throw new Error(`--files must be a positive integer, got ${values.files}`);
  if (!(candidates >= 0 && candidates <= 1)) throw new Error(`--candidates must be between 0 and 1, got ${values.candidates}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const manifest = generateCorpus({ out: path.resolve(values.out), files, candidates, seed });
  console.log(
    `wrote ${manifest.files.length} files (${manifest.lines} lines, ${manifest.candidates.length} candidates) to ${values.out}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
