import { z } from 'zod';
import { checkVpcCidr, rejectDuplicates } from './cross-field-rules.js';
import { positiveInt } from './primitives.js';

export const networkSchema = z
  .object({
    /** VPC address range; /16 to /22 leaves room for six /20-or-smaller subnets. */
    vpcCidr: z.cidrv4().refine((cidr) => {
      const bits = Number(cidr.split('/')[1]);
      return bits >= 16 && bits <= 22;
    }, { message: 'must be an IPv4 CIDR with a prefix from /16 to /22' }),
    /** Availability zones, named explicitly so synth never looks them up (exactly 3). */
    availabilityZones: z.array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, {
      message: 'must be an availability zone name such as us-east-1a',
    })).length(3),
    /** NAT gateways for private-subnet egress; 0 relies on VPC endpoints only (no NAT instances ever). */
    natGateways: positiveInt(0, 3).default(0),
    /** Interface endpoints for private Lambdas, by service short name (e.g. "sns", "xray"). */
    interfaceEndpoints: z
      .array(z.enum(['sns', 'sqs', 'states', 'xray', 'secretsmanager', 'logs', 'kms', 'ecr.api', 'ecr.dkr']))
      .default([]),
  })
  .strict()
  .superRefine((network, ctx) => {
    checkVpcCidr(network.vpcCidr, ctx);
    rejectDuplicates(network.availabilityZones, ['availabilityZones'], ctx);
    rejectDuplicates(network.interfaceEndpoints, ['interfaceEndpoints'], ctx);
  });

export type NetworkConfig = z.infer<typeof networkSchema>;
