import { GetParametersByPathCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { loadEnvironmentConfig, Naming, overridesFromEnv, readCdktfContext } from '@data-platform/config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OpsError } from './ops-error.js';

/** The stack outputs the operator commands use (EnvironmentStack exports them to SSM). */
export interface EnvironmentOutputs {
  readonly 'state-machine-arn': string;
  readonly 'bucket-name': string;
  readonly 'table-name': string;
}

const NEEDED = ['state-machine-arn', 'bucket-name', 'table-name'] as const;

/** Where an environment's outputs live in SSM: `/{project}/{env}/{suffix}/outputs`, from its app's cdktf.json (ENVIRONMENT_SUFFIX applies). */
export function outputsPath(workspaceRoot: string, env: string, processEnv: NodeJS.ProcessEnv = process.env): string {
  const file = join(workspaceRoot, 'apps', `infra-${env}`, 'cdktf.json');
  if (!/^[a-z][a-z0-9-]*$/.test(env) || !existsSync(file)) throw new OpsError(`unknown environment "${env}": no ${file}`, 2);
  const config = loadEnvironmentConfig(readCdktfContext(file), overridesFromEnv(processEnv));
  return new Naming(config).parameterPath('outputs');
}

/** Reads the deployed environment's outputs from SSM; one clear line when it was never deployed. */
export async function environmentOutputs(ssm: SSMClient, path: string): Promise<EnvironmentOutputs> {
  const found: Record<string, string> = {};
  let NextToken: string | undefined;
  do {
    const page = await ssm.send(new GetParametersByPathCommand({ Path: path, NextToken }));
    for (const parameter of page.Parameters ?? []) {
      if (parameter.Name && parameter.Value !== undefined) found[parameter.Name.slice(path.length + 1)] = parameter.Value;
    }
    NextToken = page.NextToken;
  } while (NextToken);
  const missing = NEEDED.filter((name) => !found[name]);
  if (missing.length > 0) throw new OpsError(`no ${missing.join(', ')} under ${path} in SSM: is the environment deployed (npx nx run infra-<env>:deploy)?`);
  return found as unknown as EnvironmentOutputs;
}
