/**
 * Accepted exposures: an exposure its owners mean to keep (a public demo, a
 * vendor's evaluation endpoint) is still probed and recorded, but its changes
 * go to history instead of the pager until the acceptance lapses. Each rule
 * names one service family, a reason and a last day, so that it can neither
 * hide a different service starting to answer on the same resource nor
 * outlive the decision behind it. The rules are the monitor's config
 * (`acceptedExposures`), validated by the schema below at synth and at start.
 */
import * as z from 'zod';
import type { Acceptance, ExposureSnapshot, ProbeTarget } from '../shared/model.js';

/** Lambda keeps all its environment variables in 4 KB; the rules travel in one of them. */
export const MAX_ACCEPTED_EXPOSURES_JSON_BYTES = 3_000;

const accountIdError = 'must be a 12-digit AWS account id in quotes, such as "111122223333"';
const regionError = 'must be an AWS region code such as "eu-west-1"';
const serviceError = 'must be a service family id from the catalog, such as "gradio" (`ai-exposure-monitor catalog` lists them)';

/** One rule; `serviceIds`, when given, are the catalog's family ids the `service` must be one of. */
export function acceptedExposureSchema(serviceIds?: readonly string[]) {
  return z
    .strictObject({
      /** The family id, as `catalog` lists it and an alert's Service line shows it. */
      service: z
        .string({ error: serviceError })
        .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: serviceError })
        .refine((id) => serviceIds === undefined || serviceIds.includes(id), { error: serviceError }),
      /** The resource id an alert shows after "Resource:" (an instance id, a load balancer ARN, a function name…). */
      resource: z.string({ error: 'must be a resource id as an alert shows it' }).min(1).max(2_048).optional(),
      account: z.string({ error: accountIdError }).regex(/^\d{12}$/, { error: accountIdError }).optional(),
      region: z.string({ error: regionError }).regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: regionError }).optional(),
      port: z.int({ error: 'must be a port from 1 to 65535' }).min(1, { error: 'must be a port from 1 to 65535' }).max(65_535, { error: 'must be a port from 1 to 65535' }).optional(),
      /**
       * The worst state accepted: `auth-required` (reachable, but it demands credentials) or `unauthenticated`
       * (open to anyone, which covers `auth-required` too). A gated service that loses its gate is paged.
       */
      accepts: z.enum(['auth-required', 'unauthenticated'], { error: 'must be "auth-required" or "unauthenticated"' }).default('auth-required'),
      reason: z
        .string({ error: 'must say why the exposure may stay open (a ticket, an approval)' })
        .trim()
        .min(3, { error: 'must say why the exposure may stay open (a ticket, an approval)' })
        .max(300, { error: 'must be at most 300 characters' }),
      until: z.iso.date({ error: 'must be the last day the acceptance holds, as YYYY-MM-DD (UTC)' }),
    })
    .refine((rule) => rule.resource !== undefined || rule.account !== undefined, {
      error: 'must name a resource or an account: accepting a service everywhere would mute the monitor for it',
    });
}

/** A rule as parsed (defaults applied). */
export type AcceptedExposure = z.output<ReturnType<typeof acceptedExposureSchema>>;

/** The list, as config, CLI file and Lambda environment give it. */
export const acceptedExposuresSchema = (serviceIds?: readonly string[]) =>
  z.array(acceptedExposureSchema(serviceIds), { error: 'must be a list of accepted exposures' });

/** Whether an acceptance whose last day is `until` still holds at `at` (an ISO time): through that UTC day. */
export const holdsAt = (until: string, at: string): boolean => until >= new Date(at).toISOString().slice(0, 10);

/**
 * How many days before its last day an acceptance's coming end is paged (`acceptance-ending`), once: a week
 * leaves time to renew the rule or close the exposure before the pager hears of it as an exposure again.
 */
export const ACCEPTANCE_NOTICE_DAYS = 7;

const DAY_MS = 86_400_000;

/** Whole UTC days from `at`'s day to `until` (0: `until` is that day). */
export const daysLeft = (until: string, at: string): number => Math.round((Date.parse(until) - Date.parse(new Date(at).toISOString().slice(0, 10))) / DAY_MS);

/** Whether an acceptance in force at `at` ends within the notice period. */
export const endsSoon = (until: string, at: string): boolean => daysLeft(until, at) <= ACCEPTANCE_NOTICE_DAYS;

/** Which acceptance, if any, covers an exposure in this state at a scan's time. */
export type AcceptanceLookup = (target: ProbeTarget, snapshot: ExposureSnapshot) => Acceptance | undefined;

/**
 * The rules in force at `at` (an ISO time): those whose `until` is that UTC day or later. A rule covers an
 * exposure when every field it gives matches, its service is the one named or one the answers also
 * identified (a server named more precisely stays accepted), and the verdict is no worse than it accepts.
 * Of several, the one that holds longest wins.
 */
export function acceptanceLookup(rules: readonly AcceptedExposure[], at: string): AcceptanceLookup {
  const inForce = rules.filter((rule) => holdsAt(rule.until, at)).sort((a, b) => (a.until < b.until ? 1 : a.until > b.until ? -1 : 0));
  return (target, snapshot) => {
    const names = [snapshot.service?.id, ...(snapshot.alsoIdentifiedAs ?? [])];
    const rule = inForce.find(
      (r) =>
        names.includes(r.service) &&
        (snapshot.verdict === 'auth-required' || (snapshot.verdict === 'unauthenticated' && r.accepts === 'unauthenticated')) &&
        (r.resource === undefined || r.resource === target.resourceId) &&
        (r.account === undefined || r.account === target.accountId) &&
        (r.region === undefined || r.region === target.region) &&
        (r.port === undefined || r.port === target.port),
    );
    return rule && { reason: rule.reason, until: rule.until, accepts: rule.accepts };
  };
}
