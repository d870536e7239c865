import type { z } from 'zod';

/*
 * Rules that need more than one value, or knowledge of what AWS will accept later, so that a bad
 * config fails at synth with a line naming the path, not at `terraform validate`, at apply time
 * or as a constructs error. Each is a zod superRefine callback attached where its values live.
 */

type Context = z.core.$RefinementCtx;

/** Adds an issue for every repeated item of `items` (compared by `key`), at the repeat's index. */
export function rejectDuplicates(items: readonly string[], path: readonly (string | number)[], ctx: Context, key = (item: string) => item): void {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const earlier = first.get(key(item));
    if (earlier === undefined) first.set(key(item), index);
    else ctx.addIssue({ code: 'custom', path: [...path, index], message: `repeats item ${earlier}; each must appear once` });
  });
}

function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** RFC 1918 ranges, as [first address, prefix length]. */
const PRIVATE_RANGES: ReadonlyArray<readonly [string, number]> = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
];

/** The VPC CIDR has no host bits (AWS rejects 10.1.0.1/16) and is a private range. */
export function checkVpcCidr(cidr: string, ctx: Context): void {
  const [address, bits] = cidr.split('/') as [string, string];
  const prefix = Number(bits);
  const block = 2 ** (32 - prefix);
  const value = ipv4ToNumber(address);
  const network = value - (value % block);
  if (network !== value) {
    ctx.addIssue({ code: 'custom', path: ['vpcCidr'], message: `has host bits set; the network address is ${numberToIpv4(network)}/${prefix}` });
    return;
  }
  const isPrivate = PRIVATE_RANGES.some(([start, rangePrefix]) => prefix >= rangePrefix && Math.floor(value / 2 ** (32 - rangePrefix)) === Math.floor(ipv4ToNumber(start) / 2 ** (32 - rangePrefix)));
  if (!isPrivate) ctx.addIssue({ code: 'custom', path: ['vpcCidr'], message: 'must be a private range (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)' });
}

/** Memory sizes Fargate accepts for a CPU size, MiB. */
function fargateMemorySizes(cpu: number): number[] {
  if (cpu === 256) return [512, 1024, 2048];
  const [min, max] = ({ 512: [1024, 4096], 1024: [2048, 8192], 2048: [4096, 16384], 4096: [8192, 30720] } as Record<number, [number, number]>)[cpu] ?? [0, -1];
  return Array.from({ length: Math.max(0, (max - min) / 1024 + 1) }, (_, i) => min + 1024 * i);
}

/** The task's memory is one Fargate allows for its CPU (ECS rejects the task definition otherwise). */
export function checkFargateSize(cpu: number, memoryMib: number, ctx: Context): void {
  const sizes = fargateMemorySizes(cpu);
  if (sizes.length === 0 || sizes.includes(memoryMib)) return; // an unknown cpu is reported on its own
  const allowed = sizes.length <= 4 ? sizes.join(', ') : `${sizes[0]}-${sizes[sizes.length - 1]} in steps of 1024`;
  ctx.addIssue({ code: 'custom', path: ['memoryMib'], message: `must be ${allowed} for cpu ${cpu} (Fargate task sizes)` });
}

/**
 * Construct paths this config makes that another environment may lack: the interface endpoints
 * it lists, their shared security group, and the NAT gateways with their addresses and routes.
 * These are the only sensible `envSpecificResources`; anything else is a typo.
 */
export function envSpecificCandidates(network: { readonly interfaceEndpoints: readonly string[]; readonly natGateways: number }): string[] {
  const endpoints = network.interfaceEndpoints.map((service) => `network/${service.replace('.', '-')}-endpoint`);
  const shared = endpoints.length > 0 ? ['network/endpoint-sg'] : [];
  const nat = network.natGateways > 0 ? ['network/nat', 'network/nat-eip', 'network/private-default-route'] : [];
  return [...endpoints, ...shared, ...nat];
}

/** Every declared env-specific resource is one this config creates. */
export function checkEnvSpecificResources(
  declared: readonly string[],
  network: { readonly interfaceEndpoints: readonly string[]; readonly natGateways: number },
  ctx: Context,
  /** Further construct paths the config makes on its own (e.g. prod's clone share). */
  otherCandidates: readonly string[] = [],
): void {
  const candidates = [...envSpecificCandidates(network), ...otherCandidates];
  declared.forEach((path, index) => {
    if (candidates.includes(path)) return;
    const known = candidates.length > 0 ? `this config creates: ${candidates.join(', ')}` : 'this config creates none (no interface endpoints, no NAT gateways)';
    ctx.addIssue({ code: 'custom', path: ['envSpecificResources', index], message: `is not a resource this environment has on its own; ${known}` });
  });
  rejectDuplicates(declared, ['envSpecificResources'], ctx);
}

/** What Fargate tasks in private subnets call through interface endpoints when there is no NAT: the image pull (ECR) and the awslogs driver. */
export const SERVICE_INTERFACE_ENDPOINTS = ['ecr.api', 'ecr.dkr', 'logs'] as const;

/** Without NAT gateways the console's tasks reach ECR and CloudWatch Logs only through interface endpoints. */
export function checkServiceEndpoints(network: { readonly interfaceEndpoints: readonly string[]; readonly natGateways: number }, ctx: Context): void {
  if (network.natGateways > 0) return;
  const missing = SERVICE_INTERFACE_ENDPOINTS.filter((service) => !network.interfaceEndpoints.includes(service));
  if (missing.length === 0) return;
  ctx.addIssue({
    code: 'custom',
    path: ['network', 'interfaceEndpoints'],
    message: `lacks ${missing.join(', ')}: with natGateways 0 the console's Fargate tasks pull their image and ship their logs only through these endpoints`,
  });
}
