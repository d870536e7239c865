/** AWS limits on physical names, per kind of resource. */
export const NAME_RULES = {
  s3Bucket: { maxLength: 63, pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, charset: 'lower-case letters, digits, dots, hyphens' },
  iamRole: { maxLength: 64, pattern: /^[\w+=,.@-]+$/, charset: 'letters, digits and +=,.@_-' },
  iamPolicy: { maxLength: 128, pattern: /^[\w+=,.@-]+$/, charset: 'letters, digits and +=,.@_-' },
  lambdaFunction: { maxLength: 64, pattern: /^[a-zA-Z0-9_-]+$/, charset: 'letters, digits, hyphens, underscores' },
  lambdaLayer: { maxLength: 140, pattern: /^[a-zA-Z0-9_-]+$/, charset: 'letters, digits, hyphens, underscores' },
  dynamodbTable: { maxLength: 255, pattern: /^[a-zA-Z0-9_.-]{3,}$/, charset: 'letters, digits, _.-' },
  snsTopic: { maxLength: 256, pattern: /^[a-zA-Z0-9_-]+$/, charset: 'letters, digits, hyphens, underscores' },
  sqsQueue: { maxLength: 80, pattern: /^[a-zA-Z0-9_-]+$/, charset: 'letters, digits, hyphens, underscores' },
  stateMachine: { maxLength: 80, pattern: /^[a-zA-Z0-9_-]+$/, charset: 'letters, digits, hyphens, underscores' },
  eventRule: { maxLength: 64, pattern: /^[.\-_A-Za-z0-9]+$/, charset: 'letters, digits, .-_' },
  pipe: { maxLength: 64, pattern: /^[.\-_A-Za-z0-9]+$/, charset: 'letters, digits, .-_' },
  logGroup: { maxLength: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, charset: 'letters, digits, .-_/#' },
  kmsAlias: { maxLength: 250, pattern: /^[a-zA-Z0-9/_-]+$/, charset: 'letters, digits, /_- (the part after alias/)' },
  securityGroup: { maxLength: 255, pattern: /^(?!sg-)[a-zA-Z0-9 ._:/()#,@+=&;{}!$*-]+$/, charset: 'printable ASCII, not starting with sg-' },
  rdsCluster: { maxLength: 63, pattern: /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, charset: 'lower-case letters, digits, single hyphens, starting with a letter' },
  loadBalancer: { maxLength: 32, pattern: /^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/, charset: 'letters, digits, single hyphens' },
  generic: { maxLength: 255, pattern: /^[a-zA-Z0-9_.\-/]+$/, charset: 'letters, digits, _.-/' },
} as const;

export type NameKind = keyof typeof NAME_RULES;

/** Thrown when a physical name breaks an AWS limit (usually because the suffix is too long). */
export class NamingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NamingError';
  }
}

/** The parts every physical name is built from. */
export interface NamingContext {
  readonly project: string;
  readonly environment: string;
  readonly environmentSuffix: string;
}

/**
 * Builds physical names as `{resource}-{env}-{name}-{suffix}` (SPEC §2), checked against the
 * AWS limits of the resource kind so an over-long suffix fails synthesis, not `terraform apply`.
 */
export class Naming {
  constructor(readonly context: NamingContext) {}

  /** `{resource}-{env}-{name}-{suffix}`, e.g. `lambda-dev-transform-main`. */
  name(kind: NameKind, resource: string, name: string): string {
    const { environment, environmentSuffix } = this.context;
    return checkName(kind, [resource, environment, name, environmentSuffix].join('-'), environmentSuffix);
  }

  /** Bucket names lead with the project: `{project}-{env}-{name}-{suffix}`, e.g. `myapp-dev-data-main`. */
  bucket(name: string): string {
    return this.name('s3Bucket', this.context.project, name);
  }

  /** Hierarchical SSM parameter path `/{project}/{env}/{suffix}/{...parts}`. */
  parameterPath(...parts: string[]): string {
    const { project, environment, environmentSuffix } = this.context;
    return `/${[project, environment, environmentSuffix, ...parts].join('/')}`;
  }

  /** A host name under `domain` carrying the suffix, e.g. `console-main.dev.data.example.com`. */
  hostName(name: string, domain: string): string {
    return `${name}-${this.context.environmentSuffix}.${domain}`;
  }

  /** Log group of a Lambda function, as Lambda itself names it. */
  lambdaLogGroup(functionName: string): string {
    return checkName('logGroup', `/aws/lambda/${functionName}`, this.context.environmentSuffix);
  }
}

function checkName(kind: NameKind, name: string, suffix: string): string {
  const rule = NAME_RULES[kind];
  if (name.length > rule.maxLength) {
    throw new NamingError(
      `${kind} name '${name}' is ${name.length} characters; AWS allows at most ${rule.maxLength}. ` +
        `Shorten environmentSuffix ('${suffix}', ${suffix.length} characters) or the resource name.`,
    );
  }
  if (!rule.pattern.test(name)) {
    throw new NamingError(`${kind} name '${name}' may only contain ${rule.charset}.`);
  }
  return name;
}
