/** Spec helper: validates a plain object as a DTO the way the API pipe does. */
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

export interface FlatIssue {
  /** Dotted property path, e.g. `series.1.count.max`. */
  path: string;
  constraints: string[];
}

function flatten(errors: ValidationError[], parent = ''): FlatIssue[] {
  return errors.flatMap((e) => {
    const path =
      parent === '' ? e.property : e.property === '' ? parent : `${parent}.${e.property}`;
    const own = e.constraints ? [{ path, constraints: Object.keys(e.constraints).sort() }] : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

export async function issuesOf<T extends object>(
  cls: ClassConstructor<T>,
  plain: unknown,
): Promise<FlatIssue[]> {
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return flatten(errors);
}

/** Issues as `path:constraint` strings, sorted. */
export async function issueKeys<T extends object>(
  cls: ClassConstructor<T>,
  plain: unknown,
): Promise<string[]> {
  return (await issuesOf(cls, plain))
    .flatMap((i) => i.constraints.map((c) => `${i.path}:${c}`))
    .sort();
}

/** Messages of one constraint at one path. */
export async function messageOf<T extends object>(
  cls: ClassConstructor<T>,
  plain: unknown,
  path: string,
  constraint: string,
): Promise<string | undefined> {
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance as object, {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  const find = (list: ValidationError[], parent: string): string | undefined => {
    for (const e of list) {
      const p = parent === '' ? e.property : `${parent}.${e.property}`;
      if (p === path && e.constraints?.[constraint]) return e.constraints[constraint];
      const inner = find(e.children ?? [], p);
      if (inner) return inner;
    }
    return undefined;
  };
  return find(errors, '');
}
