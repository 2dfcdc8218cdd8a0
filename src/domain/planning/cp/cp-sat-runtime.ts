/**
 * OR-tools CP-SAT, compiled to WebAssembly (npm `or-tools-wasm`), loaded on
 * first use. The package is ESM-only and this project is CommonJS: the
 * import goes through `new Function` so that neither tsc nor swc rewrites it
 * into a `require()` (which cannot load an ES module on Node 20). Loading
 * costs about 1.5 s once per thread; it happens only when a solve needs it.
 */
import type * as CpSatModule from 'or-tools-wasm/build/javascript/lib/cp-sat';

export type CpSat = typeof CpSatModule;
export type {
  CpModel,
  IntVar,
  BoolVar,
  IntervalVar,
} from 'or-tools-wasm/build/javascript/lib/cp-sat';

const importEsm = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<CpSat>;

let loading: Promise<CpSat> | null = null;

/**
 * The CP-SAT API with its WebAssembly module compiled and its threads up;
 * the same promise for every caller of a thread.
 */
export function loadCpSat(): Promise<CpSat> {
  loading ??= importEsm('or-tools-wasm/cp-sat')
    .then(async (sat) => {
      await sat.CpSat.loadModule();
      return sat;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
