import type { SessionUserFragment } from '../generated/graphql';

/**
 * The access token lives in memory only (never in localStorage): a page reload loses it and the
 * session is restored through the httpOnly refresh cookie.
 */
let accessToken: string | null = null;

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

export type SessionListener = (user: SessionUserFragment | null) => void;

const sessionListeners = new Set<SessionListener>();
const resetListeners = new Set<() => void>();

/**
 * Called with the user when a refresh made by a request succeeds, and with null when the session
 * is gone (refresh refused). The auth provider subscribes to keep its state in step.
 */
export function onSessionChange(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => {
    sessionListeners.delete(listener);
  };
}

export function notifySession(user: SessionUserFragment | null): void {
  for (const listener of sessionListeners) listener(user);
}

/** Called on sign-in and sign-out so that cached data of the previous user is dropped. */
export function onSessionReset(listener: () => void): () => void {
  resetListeners.add(listener);
  return () => {
    resetListeners.delete(listener);
  };
}

export function resetSessionData(): void {
  for (const listener of resetListeners) listener();
}
