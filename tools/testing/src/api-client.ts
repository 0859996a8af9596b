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

  constructor(readonly baseUrl: string) {}

  async request<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    extraHeaders: Record<string, string> = {},
  ): Promise<GraphQLResult<T>> {
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
      const pair = setCookie.split(';')[0];
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
