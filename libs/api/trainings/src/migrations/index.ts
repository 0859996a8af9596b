import { TrainingTables1796133842099 } from './1796133842099-training-tables';

/** The trainings feature's migrations (tables it owns), in order. */
export const TRAININGS_MIGRATIONS = [TrainingTables1796133842099];
