import { SignInThrottle1764460800417 } from './1764460800417-sign-in-throttle';

/** The auth feature's migrations (tables it owns), in order. */
export const AUTH_MIGRATIONS = [SignInThrottle1764460800417];
