import { describe, expect, it } from 'vitest';
import { AwsCallError, awsCall } from '../../../lambdas/inventory/errors.js';
import { chunks, collect, mapConcurrently } from '../../../lambdas/inventory/paging.js';

describe('Function: awsCall', () => {
  it('names the service and operation and keeps the cause', async () => {
    // Prepare
    const denied = Object.assign(new Error('User is not authorized to perform: ec2:DescribeNetworkInterfaces'), { name: 'UnauthorizedOperation' });
    // Act
    const failure = awsCall('ec2', 'DescribeNetworkInterfaces', () => Promise.reject(denied));
    // Assess
    await expect(failure).rejects.toBeInstanceOf(AwsCallError);
    await expect(failure).rejects.toMatchObject({
      name: 'AwsCallError',
      message: 'ec2:DescribeNetworkInterfaces failed: UnauthorizedOperation: User is not authorized to perform: ec2:DescribeNetworkInterfaces',
      cause: denied,
    });
  });

  it('reads a network error through an empty AggregateError', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    await expect(awsCall('sagemaker', 'ListEndpoints', () => Promise.reject(new AggregateError([refused], '')))).rejects.toThrow(
      'sagemaker:ListEndpoints failed: connect ECONNREFUSED 127.0.0.1:9',
    );
  });

  it('falls back to the error code when the message is empty', async () => {
    await expect(awsCall('elb', 'DescribeTags', () => Promise.reject(Object.assign(new Error(''), { code: 'ETIMEDOUT' })))).rejects.toThrow(
      'elb:DescribeTags failed: ETIMEDOUT',
    );
  });
});

describe('Function: collect', () => {
  it('drains every page', async () => {
    async function* pages() {
      yield { Items: [1, 2] };
      yield {};
      yield { Items: [3] };
    }
    expect(await collect(pages(), (page: { Items?: number[] }) => page.Items)).toEqual([1, 2, 3]);
  });
});

describe('Function: chunks', () => {
  it.each([
    [[], 2, []],
    [[1, 2, 3], 2, [[1, 2], [3]]],
    [[1, 2], 2, [[1, 2]]],
  ])('%j by %i', (items, size, expected) => {
    expect(chunks(items, size)).toEqual(expected);
  });
});

describe('Function: mapConcurrently', () => {
  it('keeps order and never exceeds the limit', async () => {
    // Prepare
    let inFlight = 0;
    let peak = 0;
    const double = async (n: number) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await Promise.resolve();
      inFlight--;
      return n * 2;
    };
    // Act
    const result = await mapConcurrently([1, 2, 3, 4, 5, 6, 7], 3, double);
    // Assess
    expect(result).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const failing = mapConcurrently([1, 2, 3, 4], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('boom');
      return n;
    });
    await expect(failing).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
