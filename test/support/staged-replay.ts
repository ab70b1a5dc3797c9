/**
 * The staged plan (`nextRequests`) replayed as the engine sends it, against answers given by key: each
 * offered request once, one after another, each followed by the follow-ups its answer calls for, and a
 * stage cut short once an answer outranks the winner it was planned for. Used by the classifier tests and
 * by the benchmark (to count a slow port's requests).
 */
import { followUpAt, followUpsDue, requestKey, slashRedirectOf } from '../../lambdas/probe/catalog-plan.js';
import { classify, nextRequests, PlanMemo, type PlanDepth } from '../../lambdas/probe/classify.js';
import { isHttpRequest, type Fingerprint, type ObservedResponse } from '../../lambdas/probe/fingerprints/types.js';
import { replay, type Fixture, type FixtureAsking } from './fixture-format.js';

export interface StagedReplay {
  readonly observed: Map<string, ObservedResponse>;
  /** The request keys sent at each step, in order, follow-ups included. */
  readonly stages: string[][];
}

/**
 * `answer` undefined = sent, nothing came back: recorded as a failed exchange, as the engine records one.
 * With `memo`, stages are cut as the engine cuts them (`PlanMemo.stageOutdated`); without one, by
 * classifying afresh after every answer, which is what the memo must agree with.
 */
export function replayStages(
  catalog: readonly Fingerprint[],
  port: number,
  answer: (key: string) => ObservedResponse | undefined,
  depth: PlanDepth = 'full',
  memo?: PlanMemo,
): StagedReplay {
  const observed = new Map<string, ObservedResponse>();
  const offered = new Set<string>();
  const stages: string[][] = [];
  const winnerNow = (): string | undefined => classify(catalog, observed, port).fingerprint?.id;
  const answered = (key: string): ObservedResponse =>
    answer(key) ?? { kind: key.startsWith('TCP ') ? 'tcp' : key.startsWith('gRPC ') ? 'grpc' : 'http', headers: {}, body: '', truncated: false, error: 'no answer' };
  for (;;) {
    const stage = nextRequests(catalog, port, observed, depth, memo).filter((request) => !offered.has(requestKey(request)));
    if (stage.length === 0) return { observed, stages };
    // The first stage is sent whole; a later one was planned for the winner of the answers so far.
    const plannedFor = stages.length === 0 ? undefined : winnerNow();
    const sent: string[] = [];
    for (const request of stage) {
      const key = requestKey(request);
      offered.add(key);
      sent.push(key);
      let reply = answered(key);
      // Sent again to its path with a slash added when it answers such a redirect (`followsSlashRedirect`).
      const moved = isHttpRequest(request) && reply.error === undefined ? slashRedirectOf(request, reply) : undefined;
      if (moved !== undefined) {
        sent.push(requestKey(moved));
        reply = answered(requestKey(moved));
      }
      observed.set(key, reply);
      if (isHttpRequest(request) && reply.error === undefined) {
        for (const followUp of followUpsDue(request, reply)) {
          const followedKey = requestKey(followUpAt(followUp, request, moved ?? request));
          sent.push(followedKey);
          observed.set(requestKey(followUp), answered(followedKey));
        }
      }
      const outdated = memo === undefined ? stages.length > 0 && winnerNow() !== plannedFor : memo.stageOutdated(catalog, observed, port);
      if (outdated) break;
    }
    stages.push(sent);
  }
}

/**
 * A fixture's recorded answers asked through the staged plan on `port` (its own by default), the steps and the
 * classification sharing one memo, as the engine runs them: one asking for `classifyFixture`, with the keys sent.
 */
export function replayFixtureStages(
  catalog: readonly Fingerprint[],
  fixture: Fixture,
  depth: PlanDepth = 'full',
  port = fixture.port,
): StagedReplay & FixtureAsking & { readonly memo: PlanMemo } {
  const answers = replay(catalog, fixture);
  const memo = new PlanMemo();
  return { ...replayStages(catalog, port, (key) => answers.get(key), depth, memo), memo };
}
