/** The current time, injected so tests can hold it still (`{ provide: CLOCK, useValue: ... }`). */
export interface Clock {
  now(): Date;
}

export const CLOCK = 'kps:clock';

export const systemClock: Clock = { now: () => new Date() };
