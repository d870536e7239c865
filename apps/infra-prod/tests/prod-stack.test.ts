import { describeSpecColumn } from '@data-platform/testing';

// SPEC §2, prod column: the synthesized stack, its console and alarms, and the Terraform tier.
describeSpecColumn('infra-prod', 'prod');
