import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Jest setupFilesAfterEnv of the unit and planner suites: a full garbage collection after
 * each test file. A worker runs dozens of files, and what they leave (solver models, each
 * file's module registry) stays in its heap until V8 gets to it: 170-210 MB after
 * src/domain/planning alone. Freeing that heap when the worker exits took longer than the
 * 500 ms jest allows on a loaded machine ("A worker process has failed to exit gracefully
 * ... likely caused by tests leaking"), though nothing leaked: no handle was left open.
 * Collected after each file, the heap at exit is ~20 MB and the run is no slower.
 *
 * `gc` is V8's native function (the trick jest's own --detectLeaks uses), scheduled with the
 * real setTimeout, so it runs after the file's teardown, holds nothing of the file, and a
 * test's fake timers cannot swallow it.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const realSetTimeout = setTimeout;

afterAll(() => {
  realSetTimeout(gc, 0);
});
