/**
 * Lambda function URLs anyone may call (AuthType NONE) as targets: one per URL, on 443 over TLS.
 * A URL with AuthType AWS_IAM demands signed requests and is not a target. Whether the function
 * answers an unsigned request at all (its resource policy) is left to the probe, which sees it.
 */
import {
  GetFunctionUrlConfigCommand,
  paginateListAliases,
  paginateListFunctions,
  type FunctionConfiguration,
  type GetFunctionUrlConfigResponse,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { resourceKeyOf, targetIdOf, type ProbeTarget, type Scope } from '../shared/model.js';
import { awsCall } from './errors.js';
import type { ListedTargets } from './load-balancers.js';
import { collect, mapConcurrently, withinBudget, type BudgetedListing } from './paging.js';

/** Lambda answers about 15 control-plane calls a second per account; the clients' adaptive retry slows down on throttling, so a few in flight is enough. */
const FUNCTION_CALLS_IN_FLIGHT = 4;
/** What a function URL answers on: HTTPS only. */
const FUNCTION_URL_PORT = 443;

/** One URL config: the function's own (no qualifier) or an alias's. */
export interface FunctionUrl {
  readonly functionName: string;
  /** The alias the URL belongs to; none for the function's own URL. */
  readonly qualifier?: string;
  readonly config: Pick<GetFunctionUrlConfigResponse, 'FunctionUrl' | 'FunctionArn' | 'AuthType' | 'InvokeMode'>;
  readonly runtime?: string;
}

/** The target of a URL anyone may invoke, or none (pure). */
export function functionUrlTarget(scope: Scope, url: FunctionUrl): ProbeTarget | undefined {
  if (url.config.AuthType !== 'NONE' || !url.config.FunctionUrl) return undefined;
  const base = {
    accountId: scope.accountId,
    region: scope.region,
    resourceType: 'lambda-function' as const,
    resourceId: url.functionName,
    address: new URL(url.config.FunctionUrl).hostname,
    port: FUNCTION_URL_PORT,
  };
  return {
    targetId: targetIdOf(base),
    ...base,
    ...(url.config.FunctionArn ? { resourceArn: url.config.FunctionArn } : {}),
    reason: `function URL${url.qualifier === undefined ? '' : ` of alias ${url.qualifier}`} with AuthType NONE (anyone may invoke it)`,
    context: {
      functionUrl: url.config.FunctionUrl,
      authType: 'NONE',
      ...(url.qualifier === undefined ? {} : { alias: url.qualifier }),
      ...(url.config.InvokeMode ? { invokeMode: url.config.InvokeMode } : {}),
      ...(url.runtime ? { runtime: url.runtime } : {}),
    },
    tlsExpected: true,
  };
}

/**
 * Targets of the function URLs anyone may invoke, and every function as a listed resource (a URL may be added
 * to any). Two or more calls per function: bounded by `withinBudget`.
 */
export async function listFunctionUrlTargets(scope: Scope, lambda: LambdaClient, budget: Pick<BudgetedListing, 'signal'> = {}): Promise<ListedTargets> {
  let functionCount: number | undefined;
  let functionsRead = 0;
  const listing: BudgetedListing = {
    ...budget,
    what: 'lambda: the function-URL listing',
    progress: () => (functionCount === undefined ? 'before the functions were listed' : `with ${functionsRead} of ${functionCount} functions read`),
    why: 'Lambda answers about 15 control-plane calls a second per account',
  };
  return withinBudget(listing, async (signal) => {
    const functions = await awsCall('lambda', 'ListFunctions', () =>
      collect(paginateListFunctions({ client: lambda, pageSize: 50 }, {}), (page) => page.Functions, signal),
    );
    const named = functions.filter((fn): fn is FunctionConfiguration & { FunctionName: string } => !!fn.FunctionName);
    functionCount = named.length;
    const urlsByFunction = await mapConcurrently(
      named,
      FUNCTION_CALLS_IN_FLIGHT,
      async (fn) => {
        const urls = await urlsOf(lambda, fn, signal);
        functionsRead += 1;
        return urls;
      },
      signal,
    );
    return {
      targets: urlsByFunction.flat().flatMap((url) => functionUrlTarget(scope, url) ?? []),
      resources: named.map((fn) => resourceKeyOf({ resourceType: 'lambda-function', resourceId: fn.FunctionName })),
    };
  });
}

/** The function's own URL and its aliases' URLs (one `GetFunctionUrlConfig` each: a function has at most one URL per qualifier). */
async function urlsOf(lambda: LambdaClient, fn: FunctionConfiguration & { FunctionName: string }, signal: AbortSignal): Promise<FunctionUrl[]> {
  const [own, aliases] = await Promise.all([
    urlConfigOf(lambda, fn.FunctionName, undefined, signal),
    awsCall('lambda', 'ListAliases', () =>
      collect(paginateListAliases({ client: lambda, pageSize: 50 }, { FunctionName: fn.FunctionName }), (page) => page.Aliases, signal),
    ),
  ]);
  const aliasNames = aliases.flatMap((alias) => (alias.Name ? [alias.Name] : []));
  const aliasConfigs = await Promise.all(aliasNames.map((alias) => urlConfigOf(lambda, fn.FunctionName, alias, signal)));
  const runtime = fn.Runtime ?? (fn.PackageType === 'Image' ? 'container image' : undefined);
  return [own, ...aliasConfigs].flatMap((config, index) =>
    config === undefined
      ? []
      : [{ functionName: fn.FunctionName, ...(index === 0 ? {} : { qualifier: aliasNames[index - 1]! }), config, ...(runtime ? { runtime } : {}) }],
  );
}

/** The URL config, or none: "not found" is a function without a URL for that qualifier (or one deleted since it was listed). */
async function urlConfigOf(lambda: LambdaClient, functionName: string, qualifier: string | undefined, signal: AbortSignal): Promise<FunctionUrl['config'] | undefined> {
  return awsCall('lambda', 'GetFunctionUrlConfig', async () => {
    try {
      const input = { FunctionName: functionName, ...(qualifier === undefined ? {} : { Qualifier: qualifier }) };
      return await lambda.send(new GetFunctionUrlConfigCommand(input), { abortSignal: signal });
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  });
}
