/**
 * Reasons for unscheduled patients: a stable code, a message naming the
 * binding rule, resource and dates, and where one is found a suggestion (the
 * smallest tried relaxation that lets the patient's own rules hold).
 */
import type { Reason } from '../format';
import { WEEKDAYS } from '../format';
import type { Model, PatientModel, ProtocolModel } from '../model/types';
import { formatDay } from '../../time/local-date';
import { computeDomains, patientDayBounds, type DomainFailure } from './domains';
import type { Planner } from './planner';
import { explainCapacity } from './reasons-capacity';

export function dayName(model: Model, d: number): string {
  return formatDay(model.firstDayNumber + d);
}

export function maskDays(mask: number): string {
  return WEEKDAYS.filter((_, i) => (mask >> i) & 1).join(', ');
}

export function hoursText(min: number, max: number): string {
  const h = (m: number) => `${+(m / 60).toFixed(2)}`;
  if (min === -Infinity || min <= 0) return max === Infinity ? 'any' : `≤ ${h(max)} h`;
  return max === Infinity ? `≥ ${h(min)} h` : `${h(min)}–${h(max)} h`;
}

type ProtoEdit = (p: ProtocolModel) => ProtocolModel;

/** Whether the patient's own rules hold (domains non-empty) after editing its protocol or window. */
function fitsWith(model: Model, patient: PatientModel, edit: ProtoEdit, extraDays = 0): boolean {
  const proto = edit(model.protocols[patient.protocol]);
  const edited: Model = {
    ...model,
    protocols: model.protocols.map((p) => (p.index === proto.index ? proto : p)),
  };
  const pat = { ...patient, lastDay: Math.min(model.numDays - 1, patient.lastDay + extraDays) };
  const fixed = new Map<number, number>();
  return computeDomains(edited, pat, fixed).failure === null;
}

function withSeries(si: number, change: Partial<ProtocolModel['series'][number]>): ProtoEdit {
  return (p) => ({ ...p, series: p.series.map((s) => (s.index === si ? { ...s, ...change } : s)) });
}

/** Smallest relaxations (tried in order) that make the patient's rules consistent. */
function suggestFor(
  model: Model,
  patient: PatientModel,
  failure: DomainFailure,
): string | undefined {
  const proto = model.protocols[patient.protocol];
  const found: string[] = [];
  if (failure.kind === 'chain' || failure.kind === 'window') {
    const s = proto.series[failure.series];
    for (let wd = 0; wd < 7 && s.dayMask !== 0b1111111; wd++) {
      if ((s.dayMask >> wd) & 1 || (proto.restMask >> wd) & 1) continue;
      if (fitsWith(model, patient, withSeries(s.index, { dayMask: s.dayMask | (1 << wd) }))) {
        found.push(`allow ${WEEKDAYS[wd]} for series '${s.id}'`);
        break;
      }
    }
    if (failure.kind === 'chain' && s.gapMin > 0) {
      for (let h = 1; h * 60 <= s.gapMin; h++) {
        if (fitsWith(model, patient, withSeries(s.index, { gapMin: s.gapMin - h * 60 }))) {
          found.push(
            `relax the minimum gap of '${s.id}' by ${h} h (to ${(s.gapMin - h * 60) / 60} h)`,
          );
          break;
        }
      }
    }
    if (failure.kind === 'chain' && s.gapMax !== Infinity) {
      for (let h = 1; h <= 168; h++) {
        if (fitsWith(model, patient, withSeries(s.index, { gapMax: s.gapMax + h * 60 }))) {
          found.push(
            `relax the maximum gap of '${s.id}' by ${h} h (to ${(s.gapMax + h * 60) / 60} h)`,
          );
          break;
        }
      }
    }
  }
  if (failure.kind === 'span' && proto.spanMax !== Infinity) {
    for (let n = 1; n <= 60; n++) {
      if (fitsWith(model, patient, (p) => ({ ...p, spanMax: p.spanMax + n }))) {
        found.push(`allow a span of ${proto.spanMax + n} days (${n} more)`);
        break;
      }
    }
  }
  if (failure.kind === 'offset') {
    const r = proto.offsets[failure.rule];
    for (let h = 1; h <= 336 && r.max !== Infinity; h++) {
      const edit: ProtoEdit = (p) => ({
        ...p,
        offsets: p.offsets.map((o, i) => (i === failure.rule ? { ...o, max: o.max + h * 60 } : o)),
      });
      if (fitsWith(model, patient, edit)) {
        found.push(
          `allow ${h} h more between '${proto.series[r.from.series].id}' and '${proto.series[r.to.series].id}'`,
        );
        break;
      }
    }
  }
  if (found.length === 0 && patient.lastDay < model.numDays - 1) {
    for (let n = 1; n <= Math.min(28, model.numDays - 1 - patient.lastDay); n++) {
      if (fitsWith(model, patient, (p) => p, n)) {
        found.push(
          `move the patient's latestEnd ${n} day(s) later (to ${dayName(model, patient.lastDay + n)})`,
        );
        break;
      }
    }
  }
  return found.length > 0 ? found.join('; or ') : undefined;
}

function domainReason(model: Model, patient: PatientModel, failure: DomainFailure): Reason {
  const proto = model.protocols[patient.protocol];
  const window = `between ${dayName(model, patient.firstDay)} and ${dayName(model, patient.lastDay)}`;
  const sname = (si: number) => `'${proto.series[si].id}'`;
  let code = 'RULE_CONFLICT';
  let message: string;
  switch (failure.kind) {
    case 'window': {
      const s = proto.series[failure.series];
      const st = model.sessionTypes[s.sessionType];
      const bounds = patientDayBounds(model, proto);
      let days = 0;
      let longEnough = 0;
      for (let d = patient.firstDay; d <= patient.lastDay; d++) {
        const wd = model.weekday[d];
        if (model.closed[d] || (proto.restMask >> wd) & 1 || !((s.dayMask >> wd) & 1)) continue;
        days++;
        if (bounds[2 * d + 1] - bounds[2 * d] >= st.duration) longEnough++;
      }
      if (days === 0) {
        code = 'NO_ALLOWED_DAY';
        message = `series ${sname(failure.series)}: no day ${window} is allowed (series days ${maskDays(s.dayMask)}, rest days ${maskDays(proto.restMask) || 'none'}, closures)`;
      } else if (longEnough === 0) {
        code = 'PATIENT_DAY_TOO_SHORT';
        message = `series ${sname(failure.series)}: a ${st.duration}-minute session does not fit the patient day window`;
      } else {
        code = 'NO_RESOURCE_AVAILABILITY';
        message = `series ${sname(failure.series)}: on the ${days} allowed day(s) ${window}, no start has the ${st.id} session's room and staff (${st.needs.map((n) => n.role).join(', ')}) available inside the patient day, outside the patient's unavailable times`;
      }
      break;
    }
    case 'count':
      message = `followUp: ${failure.anchors} ${sname(failure.series)} sessions each need their own follow-up, but only ${failure.targets} target sessions are planned`;
      break;
    case 'chain': {
      const s = proto.series[failure.series];
      const days = s.dayMask !== 0b1111111 ? `days ${maskDays(s.dayMask)} and ` : '';
      message = `series ${sname(failure.series)}: ${days}gap ${hoursText(s.gapMin, s.gapMax)} leave no session ${failure.index} of ${patient.counts[failure.series]} ${window}`;
      break;
    }
    case 'offset': {
      const r = proto.offsets[failure.rule];
      message = `offset rule from ${sname(r.from.series)} (${r.from.occurrence}, ${r.from.end ? 'end' : 'start'}) to ${sname(r.to.series)} (${r.to.occurrence}, ${r.to.end ? 'end' : 'start'}) of ${hoursText(r.min, r.max)} cannot hold with the series' days and gaps ${window}`;
      break;
    }
    case 'followUp': {
      const f = proto.followUps[failure.rule];
      message = `followUp rule: no ${f.targets.map(sname).join('/')} session can start ${hoursText(f.min, f.max)} after some ${sname(f.anchor)} session${f.sameDay ? ' on the same day' : ''} ${window}`;
      break;
    }
    case 'span':
      message = `spanDays ≤ ${proto.spanMax}: the series' days and gaps need a longer span ${window}`;
      break;
  }
  const suggestion = suggestFor(model, patient, failure);
  return suggestion ? { code, message, suggestion } : { code, message };
}

export function explainUnscheduled(planner: Planner, p: number): Reason[] {
  const model = planner.model;
  const patient = model.patients[p];
  const failure = planner.domains[p].failure;
  if (failure) return [domainReason(model, patient, failure)];
  if (planner.notTried.has(p))
    return [
      {
        code: 'TIME_LIMIT_REACHED',
        message: `the time limit ran out before patient ${patient.id} was planned`,
        suggestion: 'plan again with a longer timeLimitMs',
      },
    ];
  return explainCapacity(planner, p);
}
