/** The SPEC_TOOLS service binding's handler, run in Node: `POST /lint` and `POST /readme-client` with the spec, answering `{ problems: string[] }`. */
export function specTools(request: Request): Promise<Response>;
