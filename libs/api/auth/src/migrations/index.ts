import { SignInThrottle1764460800417 } from './1764460800417-sign-in-throttle';
import { SecondFactor1796130537945 } from './1796130537945-second-factor';

/** The auth feature's migrations (tables it owns), in order. */
export const AUTH_MIGRATIONS = [SignInThrottle1764460800417, SecondFactor1796130537945];
