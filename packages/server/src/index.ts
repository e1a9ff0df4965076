export { createServer, type ServerOptions } from './server.app';
export { type AuthOptions, createAuthenticate, signCustomerId } from './server.auth';
