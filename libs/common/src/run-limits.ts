/**
 * The longest wall-clock limit a task may set for one sandboxed run (the task limits DTO's bound). The worker's
 * uid pool derives from it how old a lock must be before no live run can still hold it.
 */
export const MAX_RUN_WALL_SECONDS = 7200;
