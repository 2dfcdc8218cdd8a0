/**
 * The fields a client actually sent. With the ES2022 target every declared DTO field exists as
 * an own property (undefined when absent), so `Object.assign(entity, dto)` would blank columns:
 * merge `definedFields(dto)` instead.
 */
export function definedFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(dto).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
