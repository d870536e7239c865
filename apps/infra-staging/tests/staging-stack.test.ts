import { describeSpecColumn } from '@data-platform/testing';

// SPEC §2, staging column: the synthesized stack, its console and alarms, and the Terraform tier.
describeSpecColumn('infra-staging', 'staging');
