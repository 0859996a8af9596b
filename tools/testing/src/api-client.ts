import { Kind, parse } from 'graphql';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; reason?: string; [k: string]: unknown };
  }>;
  status: number;
  headers: Headers;
}

export const DEMO_PASSWORD = 'Sunshine#2025';

/** A small GraphQL-over-HTTP client, as a browser would call the API. */
export class ApiClient {
  token: string | null = null;
  cookie: string | null = null;
  /**
   * What this client has called: `Query.x` / `Mutation.x` for the root fields of its GraphQL
   * documents, `METHOD /route/:param` for its file requests. The tenancy matrices check with it
   * that each row really exercises the operations it claims to cover.
   */
  readonly called = new Set<string>();

  constructor(readonly baseUrl: string) {}

  private record(query: string): void {
    let definitions;
    try {
      definitions = parse(query).definitions;
    } catch {
      return; // a deliberately malformed document: the server answers it
    }
    for (const def of definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      const type = def.operation === 'mutation' ? 'Mutation' : 'Query';
      for (const sel of def.selectionSet.selections)
        if (sel.kind === Kind.FIELD) this.called.add(`${type}.${sel.name.value}`);
    }
  }

  /**
   * A request to a file endpoint, named by its route pattern (`/files/evidence/:id`) and the
   * values of its parameters, with this client's access token.
   */
  async http(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    route: string,
    params: Record<string, string>,
    init: {
      body?: Uint8Array<ArrayBuffer>;
      headers?: Record<string, string>;
      query?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    this.called.add(`${method} ${route}`);
    const path = route.replace(/:(\w+)/g, (_m, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`no value for :${name} in ${route}`);
      return encodeURIComponent(value);
    });
    const headers: Record<string, string> = { ...init.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const search = init.query ? `?${new URLSearchParams(init.query).toString()}` : '';
    return fetch(`${this.baseUrl}${path}${search}`, { method, headers, body: init.body });
  }

  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    extraHeaders: Record<string, string> = {},
  ): Promise<GraphQLResult<T>> {
    this.record(query);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'apollo-require-preflight': 'true',
      ...extraHeaders,
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (this.cookie) headers.cookie = this.cookie;
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const end = setCookie.indexOf(';');
      const pair = end < 0 ? setCookie : setCookie.slice(0, end);
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    const body = (await res.json()) as Omit<GraphQLResult<T>, 'status' | 'headers'>;
    return { ...body, status: res.status, headers: res.headers };
  }

  async login(
    username: string,
    password = DEMO_PASSWORD,
  ): Promise<GraphQLResult<{ login: { accessToken: string } }>> {
    const r = await this.request<{ login: { accessToken: string } }>(
      'mutation($i: LoginInput!) { login(input: $i) { accessToken expiresIn user { id username roles mustChangePassword organization { id code name level } } } }',
      { i: { username, password } },
    );
    if (r.data?.login) this.token = r.data.login.accessToken;
    return r;
  }
}

export async function signedIn(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const r = await client.login(username, password);
  if (!r.data?.login) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
  return client;
}

export function errorCode(r: GraphQLResult): string | undefined {
  return r.errors?.[0]?.extensions?.code;
}
