/** Reading helpers over a synthesized CloudFormation template (plain JSON). */
import type { Template } from 'aws-cdk-lib/assertions';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: Json;
  readonly Condition?: Json;
}

/** The logical id of the one resource of `type` whose properties match `predicate`. */
export function logicalIdOf(template: Template, type: string, predicate: (properties: Record<string, Json>) => boolean): string {
  const matches = Object.entries(template.findResources(type)).filter(([, resource]) => predicate(resource.Properties ?? {}));
  if (matches.length !== 1) throw new Error(`expected exactly one ${type} to match, found ${matches.length}`);
  return matches[0]![0];
}

/** Every statement of the identity policies attached to the role `roleLogicalId`. */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as Json[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId })))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export const actionsOf = (statement: Statement): string[] => [statement.Action].flat().sort();

/**
 * The state machine definition as an object. CDK renders it as an Fn::Join of
 * string pieces and intrinsic functions; each intrinsic becomes `<logicalId>`.
 */
export function definitionOf(template: Template, stateMachineLogicalId: string): StateDefinition {
  const definition = template.toJSON().Resources[stateMachineLogicalId].Properties.DefinitionString as Json;
  const text =
    typeof definition === 'string'
      ? definition
      : ((definition as { 'Fn::Join': [string, Json[]] })['Fn::Join'][1] ?? [])
          .map((piece) => (typeof piece === 'string' ? piece : `<${intrinsicTarget(piece)}>`))
          .join('');
  return JSON.parse(text) as StateDefinition;
}

function intrinsicTarget(piece: Json): string {
  const object = piece as Record<string, Json>;
  if ('Ref' in object) return String(object['Ref']);
  if ('Fn::GetAtt' in object) return String((object['Fn::GetAtt'] as Json[])[0]);
  return JSON.stringify(piece);
}

export interface StateDefinition {
  readonly StartAt: string;
  readonly QueryLanguage?: string;
  readonly States: Record<string, State>;
}

export interface State {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Items?: string;
  readonly ItemSelector?: Record<string, string>;
  readonly ItemBatcher?: { MaxItemsPerBatch?: number; BatchInput?: Record<string, string> };
  readonly ItemProcessor?: StateDefinition & { ProcessorConfig: { Mode: string; ExecutionType?: string } };
  readonly MaxConcurrency?: number;
  readonly ToleratedFailurePercentage?: number;
  readonly Arguments?: { FunctionName?: string; Payload?: unknown };
  readonly Output?: string;
  readonly Assign?: Record<string, string>;
  readonly Retry?: { ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number; JitterStrategy?: string }[];
  readonly Catch?: { ErrorEquals: string[]; Next: string; Output?: string }[];
  readonly Resource?: string;
}
