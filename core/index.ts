export * from './clients.js';
export * from './credentials.js';
export * from './headers.js';
export * from './helper-api.js';
export * from './hosts.js';
export * from './naming.js';
export * from './routes.js';
export * from './scopes.js';
