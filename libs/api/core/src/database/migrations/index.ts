import { Foundation1763769600000 } from './1763769600000-foundation';
import { PlansReporting1763856000000 } from './1763856000000-plans-reporting';

/** Every migration, in order. A merged migration is never edited; add a new one. */
export const MIGRATIONS = [Foundation1763769600000, PlansReporting1763856000000];
