// openapi-typescript, resolved from this package so that it gets the TypeScript 5 compiler API it
// is built on; the project itself compiles with TypeScript 7, which has no such API.
export { default as openapiTS, astToString } from 'openapi-typescript';
