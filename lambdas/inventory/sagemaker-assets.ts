/**
 * SageMaker real-time endpoints as AI assets. Their runtime host is AWS's own and always demands
 * IAM signatures, so they are recorded (model, images, instance types) but never probed.
 */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  paginateListEndpoints,
  type DescribeEndpointConfigOutput,
  type DescribeEndpointOutput,
  type DescribeModelOutput,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { AiAsset, Scope } from '../shared/model.js';
import { awsCall } from './errors.js';
import { collect, mapConcurrently } from './paging.js';

const DESCRIBE_CALLS_IN_FLIGHT = 4;

/**
 * A running endpoint keeps serving after its endpoint config or model is deleted, and SageMaker
 * then answers "Could not find …" for ever. That is a fact about the endpoint, not a failed
 * listing, so it is recorded instead of failing every future scan of the region.
 */
const isDeletedResource = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ValidationException' && /could not find/i.test(error.message);

/** What the endpoint's config and models said, or why they could not be read. */
export type Described<T> = { readonly found: true; readonly value: T } | { readonly found: false };

export interface EndpointDescription {
  readonly endpoint: DescribeEndpointOutput;
  readonly config: Described<DescribeEndpointConfigOutput>;
  /** By model name. */
  readonly models: ReadonlyMap<string, Described<DescribeModelOutput>>;
}

const joinSorted = (values: Iterable<string>): string => [...new Set(values)].sort().join(', ');

/**
 * Flat facts with stable keys, so that comparing two scans shows exactly what changed:
 * `endpointStatus`, `endpointConfigName`, `creationTime`, `lastModifiedTime`, the summaries
 * `models`, `images`, `instanceTypes` (sorted, ", "-joined), and per variant
 * `variant.<name>.model|instanceType|initialInstanceCount|deployedImages`, per model `model.<name>.images`.
 */
export function endpointAsset(scope: Scope, { endpoint, config, models }: EndpointDescription): AiAsset {
  const name = endpoint.EndpointName ?? '';
  const facts: Record<string, string> = {
    endpointStatus: endpoint.EndpointStatus ?? 'unknown',
    endpointConfigName: endpoint.EndpointConfigName ?? 'unknown',
    ...(endpoint.CreationTime ? { creationTime: endpoint.CreationTime.toISOString() } : {}),
    ...(endpoint.LastModifiedTime ? { lastModifiedTime: endpoint.LastModifiedTime.toISOString() } : {}),
  };
  const instanceTypes: string[] = [];
  if (!config.found) facts['endpointConfig'] = 'deleted (the endpoint still serves it)';
  for (const variant of config.found ? (config.value.ProductionVariants ?? []) : []) {
    const key = `variant.${variant.VariantName ?? 'unnamed'}`;
    if (variant.ModelName) facts[`${key}.model`] = variant.ModelName;
    const serverless = variant.ServerlessConfig;
    const instanceType = variant.InstanceType ?? (serverless ? `serverless ${serverless.MemorySizeInMB ?? '?'} MB` : undefined);
    if (instanceType) {
      facts[`${key}.instanceType`] = instanceType;
      instanceTypes.push(instanceType);
    }
    if (variant.InitialInstanceCount !== undefined) facts[`${key}.initialInstanceCount`] = String(variant.InitialInstanceCount);
  }
  for (const variant of endpoint.ProductionVariants ?? []) {
    // The digest SageMaker actually deployed: the tag may have been moved since.
    const deployed = (variant.DeployedImages ?? []).flatMap((image) => (image.ResolvedImage ? [image.ResolvedImage] : []));
    if (deployed.length > 0) facts[`variant.${variant.VariantName ?? 'unnamed'}.deployedImages`] = deployed.join(', ');
  }
  const images: string[] = [];
  for (const [modelName, model] of [...models].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!model.found) {
      facts[`model.${modelName}.images`] = 'deleted (the endpoint still serves it)';
      continue;
    }
    const containers = [...(model.value.PrimaryContainer ? [model.value.PrimaryContainer] : []), ...(model.value.Containers ?? [])];
    const modelImages = containers.flatMap((container) => (container.Image ? [container.Image] : []));
    facts[`model.${modelName}.images`] = modelImages.join(', ');
    images.push(...modelImages);
  }
  facts['models'] = joinSorted(models.keys());
  facts['images'] = joinSorted(images);
  facts['instanceTypes'] = joinSorted(instanceTypes);
  return {
    assetId: [scope.accountId, scope.region, 'sagemaker-endpoint', name].join('/'),
    accountId: scope.accountId,
    region: scope.region,
    kind: 'sagemaker-endpoint',
    name,
    ...(endpoint.EndpointArn ? { arn: endpoint.EndpointArn } : {}),
    facts,
  };
}

/** Every InService real-time endpoint of the region, described down to its container images. */
export async function listSageMakerAssets(scope: Scope, sagemaker: SageMakerClient): Promise<AiAsset[]> {
  const summaries = await awsCall('sagemaker', 'ListEndpoints', () =>
    collect(paginateListEndpoints({ client: sagemaker, pageSize: 100 }, { StatusEquals: 'InService' }), (page) => page.Endpoints),
  );
  const names = summaries.flatMap((summary) => summary.EndpointName ?? []);
  // Endpoints often share a model; each model is described once.
  const modelCache = new Map<string, Promise<Described<DescribeModelOutput>>>();
  const describeModel = (modelName: string) => {
    let described = modelCache.get(modelName);
    if (described === undefined) {
      described = describeUnlessDeleted('DescribeModel', () => sagemaker.send(new DescribeModelCommand({ ModelName: modelName })));
      modelCache.set(modelName, described);
    }
    return described;
  };
  const descriptions = await mapConcurrently(names, DESCRIBE_CALLS_IN_FLIGHT, async (endpointName): Promise<EndpointDescription> => {
    const endpoint = await awsCall('sagemaker', 'DescribeEndpoint', () =>
      sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpointName })),
    );
    const configName = endpoint.EndpointConfigName;
    const config: Described<DescribeEndpointConfigOutput> =
      configName === undefined
        ? { found: false }
        : await describeUnlessDeleted('DescribeEndpointConfig', () =>
            sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName })),
          );
    const modelNames = [...new Set(config.found ? (config.value.ProductionVariants ?? []).flatMap((v) => v.ModelName ?? []) : [])];
    const models = new Map(await Promise.all(modelNames.map(async (modelName) => [modelName, await describeModel(modelName)] as const)));
    return { endpoint, config, models };
  });
  return descriptions.map((description) => endpointAsset(scope, description));
}

async function describeUnlessDeleted<T>(operation: string, call: () => Promise<T>): Promise<Described<T>> {
  return awsCall('sagemaker', operation, async () => {
    try {
      return { found: true, value: await call() };
    } catch (error) {
      if (isDeletedResource(error)) return { found: false };
      throw error;
    }
  });
}
