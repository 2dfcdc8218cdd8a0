/**
 * Checks across the document, once its shape is valid: unique ids,
 * references, count ranges, occurrence indexes, requirement intervals and
 * whether the staff and rooms can serve the session types patients need.
 */
import type { Problem, Protocol, SessionType } from '../format';
import { isLinkedCount } from '../format';
import { FEATURE_SINCE_VERSION, featureUses } from '../format-features';
import { onRule, RULE_SINCE_VERSION, type RuleHandlers } from '../rule-types';
import { countRangeOf } from './counts';
import { checkExisting } from './references-existing';
import {
  STAFF_OUTSIDE_SESSION,
  staffOutsideSession,
  staffOutsideSessionMessage,
} from '../staff-in-session';
import { child, ErrorList } from './errors';

/** A use of a field that a later format version introduced than the document declares. */
function checkFeatureVersions(p: Problem, errors: ErrorList): void {
  for (const { feature, pointer } of featureUses(p)) {
    const since = FEATURE_SINCE_VERSION[feature];
    if (p.formatVersion < since) {
      errors.add(
        pointer,
        'FIELD_NEEDS_FORMAT_VERSION',
        `this field (${feature}) is part of planning format ${since}; this document declares formatVersion ${p.formatVersion}`,
      );
    }
  }
}

function duplicates(
  errors: ErrorList,
  items: { id: string }[],
  at: string,
  what: string,
  seen = new Set<string>(),
): void {
  items.forEach((item, i) => {
    if (seen.has(item.id))
      errors.add(
        child(child(at, i), 'id'),
        'DUPLICATE_ID',
        `${what} id "${item.id}" is used more than once`,
      );
    seen.add(item.id);
  });
}

function checkIds(p: Problem, errors: ErrorList): void {
  const resources = new Set<string>(); // staff and rooms share one namespace (busy.resource)
  duplicates(errors, p.staff, '/staff', 'staff', resources);
  duplicates(errors, p.rooms, '/rooms', 'resource', resources);
  duplicates(errors, p.sessionTypes, '/sessionTypes', 'session type');
  duplicates(errors, p.protocols, '/protocols', 'protocol');
  p.protocols.forEach((pr, i) => duplicates(errors, pr.series, `/protocols/${i}/series`, 'series'));
  duplicates(errors, p.patients, '/patients', 'patient');
  duplicates(errors, p.existing ?? [], '/existing', 'existing booking');
}

function checkSessionTypes(p: Problem, errors: ErrorList): void {
  p.sessionTypes.forEach((t, i) =>
    t.staff.forEach((r, j) => {
      if (r.mode === 'present' && r.maxConcurrent !== undefined) {
        errors.add(
          `/sessionTypes/${i}/staff/${j}/maxConcurrent`,
          'NOT_ALLOWED',
          'a present requirement occupies nobody, so maxConcurrent does not apply to it',
        );
      }
      const outside = staffOutsideSession(r, t.durationMinutes);
      if (outside) {
        errors.add(
          `/sessionTypes/${i}/staff/${j}`,
          STAFF_OUTSIDE_SESSION,
          staffOutsideSessionMessage(r.role, outside, t.durationMinutes),
        );
      }
    }),
  );
}

function checkProtocol(
  p: Problem,
  pr: Protocol,
  at: string,
  used: boolean,
  errors: ErrorList,
): void {
  const types = new Map(p.sessionTypes.map((t) => [t.id, t]));
  const seriesIds = new Set(pr.series.map((s) => s.id));
  const ref = (pointer: string, value: string) => {
    if (!seriesIds.has(value))
      errors.add(pointer, 'UNKNOWN_REFERENCE', `"${value}" is not a series of protocol ${pr.id}`);
  };
  pr.series.forEach((s, j) => {
    if (!types.has(s.sessionType)) {
      errors.add(
        `${at}/series/${j}/sessionType`,
        'UNKNOWN_REFERENCE',
        `"${s.sessionType}" is not a session type`,
      );
    }
    if (isLinkedCount(s.count)) {
      const { sameAs } = s.count;
      const target = pr.series.find((x) => x.id === sameAs);
      if (!target) ref(`${at}/series/${j}/count/sameAs`, sameAs);
      else if (target === s) {
        errors.add(
          `${at}/series/${j}/count/sameAs`,
          'LINKED_COUNT_CHAIN',
          `series ${s.id} cannot take its count from itself`,
        );
      } else if (isLinkedCount(target.count)) {
        errors.add(
          `${at}/series/${j}/count/sameAs`,
          'LINKED_COUNT_CHAIN',
          `series ${sameAs} takes its count from ${target.count.sameAs}; name a series with its own count range`,
        );
      }
    }
    const resume = s.resumeGapHours;
    const resumeMin = resume?.min ?? s.gapHours?.min;
    if (resume && resume.min === undefined && resumeMin !== undefined && resumeMin > resume.max!) {
      errors.add(
        `${at}/series/${j}/resumeGapHours/max`,
        'RANGE_REVERSED',
        `max (${resume.max}) must be on or after min, which defaults to gapHours.min (${resumeMin})`,
      );
    }
  });
  const seriesRefs = (list: string[], at: string) => list.forEach((s, k) => ref(`${at}/${k}`, s));
  const ruleRefs = {
    offset: (rule, r) => {
      for (const side of ['from', 'to'] as const) {
        const point = rule[side];
        ref(`${r}/${side}/series`, point.series);
        const series = pr.series.find((s) => s.id === point.series);
        const range = series && countRangeOf(pr, series);
        if (range && typeof point.occurrence === 'number' && point.occurrence > range.max) {
          errors.add(
            `${r}/${side}/occurrence`,
            'OCCURRENCE_OUT_OF_RANGE',
            `series ${series!.id} has at most ${range.max} sessions`,
          );
        }
      }
    },
    followUp: (rule, r) => {
      ref(`${r}/anchor`, rule.anchor);
      seriesRefs(rule.targets, `${r}/targets`);
    },
    notSameDay: (rule, r) => seriesRefs(rule.series, `${r}/series`),
    separation: (rule, r) => seriesRefs(rule.series, `${r}/series`),
  } satisfies RuleHandlers<void, [string]>;
  (pr.rules ?? []).forEach((rule, j) => {
    const r = `${at}/rules/${j}`;
    const since = RULE_SINCE_VERSION[rule.type];
    if (p.formatVersion < since) {
      errors.add(
        `${r}/type`,
        'RULE_NEEDS_FORMAT_VERSION',
        `the ${rule.type} rule is part of planning format ${since}; this document declares formatVersion ${p.formatVersion}`,
      );
    }
    onRule(rule, ruleRefs, r);
  });
  const roles = new Set(p.staff.flatMap((s) => s.roles));
  (pr.continuity ?? []).forEach((group, j) => {
    const g = `${at}/continuity/${j}`;
    group.series.forEach((s, k) => {
      ref(`${g}/series/${k}`, s);
      const type = types.get(pr.series.find((x) => x.id === s)?.sessionType ?? '');
      if (type && !type.staff.some((r) => r.role === group.role && r.mode !== 'present')) {
        errors.add(
          `${g}/role`,
          'CONTINUITY_ROLE_NOT_IN_SERIES',
          `series ${s} (${type.id}) needs no ${group.role}`,
        );
      }
    });
    if (used && !roles.has(group.role)) {
      errors.add(`${g}/role`, 'NO_STAFF_FOR_ROLE', `no staff member holds the role ${group.role}`);
    }
  });
}

/** Session types that patients' protocols use must be servable by some staff and room. */
function checkServable(p: Problem, usedTypes: Set<string>, errors: ErrorList): void {
  p.sessionTypes.forEach((t: SessionType, i) => {
    if (!usedTypes.has(t.id)) return;
    t.staff.forEach((r, j) => {
      const holders = p.staff.filter((s) => s.roles.includes(r.role)).length;
      if (holders < (r.count ?? 1)) {
        errors.add(
          `/sessionTypes/${i}/staff/${j}/role`,
          'NO_STAFF_FOR_ROLE',
          `${t.id} needs ${r.count ?? 1} ${r.role}(s) but ${holders} staff member(s) hold the role`,
        );
      }
    });
    if (
      t.room &&
      !p.rooms.some((room) => t.room!.features.every((f) => (room.features ?? []).includes(f)))
    ) {
      errors.add(
        `/sessionTypes/${i}/room/features`,
        'NO_ROOM_WITH_FEATURES',
        `no room has all of ${t.room.features.join(', ')}`,
      );
    }
  });
}

function checkPatients(p: Problem, errors: ErrorList): void {
  const protocols = new Map(p.protocols.map((pr) => [pr.id, pr]));
  p.patients.forEach((patient, i) => {
    const protocol = protocols.get(patient.protocol);
    if (!protocol) {
      errors.add(
        `/patients/${i}/protocol`,
        'UNKNOWN_REFERENCE',
        `"${patient.protocol}" is not a protocol`,
      );
      return;
    }
    for (const [seriesId, count] of Object.entries(patient.counts ?? {})) {
      const series = protocol.series.find((s) => s.id === seriesId);
      const at = child(`/patients/${i}/counts`, seriesId);
      if (!series)
        errors.add(
          at,
          'UNKNOWN_REFERENCE',
          `"${seriesId}" is not a series of protocol ${protocol.id}`,
        );
      else if (isLinkedCount(series.count))
        errors.add(
          at,
          'COUNT_OF_LINKED_SERIES',
          `${seriesId} has as many sessions as ${series.count.sameAs}; set the count of ${series.count.sameAs} instead`,
        );
      else if (count < series.count.min || count > series.count.max) {
        errors.add(
          at,
          'COUNT_OUT_OF_RANGE',
          `${count} is outside ${seriesId}'s range [${series.count.min}, ${series.count.max}]`,
        );
      }
    }
  });
}

function checkBusy(p: Problem, errors: ErrorList): void {
  const resources = new Set([...p.staff.map((s) => s.id), ...p.rooms.map((r) => r.id)]);
  (p.busy ?? []).forEach((b, i) => {
    if (!resources.has(b.resource))
      errors.add(
        `/busy/${i}/resource`,
        'UNKNOWN_REFERENCE',
        `"${b.resource}" is not a staff member or room`,
      );
  });
}

export function checkReferences(p: Problem): ErrorList {
  const errors = new ErrorList();
  checkFeatureVersions(p, errors);
  checkIds(p, errors);
  checkSessionTypes(p, errors);
  const usedProtocols = new Set(p.patients.map((x) => x.protocol));
  p.protocols.forEach((pr, i) =>
    checkProtocol(p, pr, `/protocols/${i}`, usedProtocols.has(pr.id), errors),
  );
  const usedTypes = new Set(
    p.protocols
      .filter((pr) => usedProtocols.has(pr.id))
      .flatMap((pr) => pr.series.map((s) => s.sessionType)),
  );
  checkServable(p, usedTypes, errors);
  checkPatients(p, errors);
  checkExisting(p, errors);
  checkBusy(p, errors);
  return errors;
}
