import { describe, expect, it } from 'vitest';
import { roleVariable } from '../src/affected-environments.mjs';
import { refineAffected } from '../src/affected-filter.mjs';
import { PROMOTION_ORDER, promotionStage, sortByPromotion } from '@data-platform/workspace';

const inputFiles = {
  'infra-dev': ['apps/infra-dev/cdktf.json', 'libs/constructs/src/index.ts', 'package-lock.json'],
  'infra-prod': ['apps/infra-prod/cdktf.json', 'libs/constructs/src/index.ts', 'package-lock.json'],
};
/** The files on disk: the inputs above plus the project roots' package.json files. */
const onDisk = (file: string) => Object.values(inputFiles).flat().includes(file) || /^(apps\/infra-\w+|libs\/\w+)\/package\.json$/.test(file);
const refine = (changedFiles: string[]) =>
  refineAffected({ candidates: ['infra-dev', 'infra-prod'], changedFiles, inputFiles, exists: onDisk }).filter((v) => v.affected).map((v) => v.project);

describe('refineAffected', () => {
  it('keeps an environment when a changed file is an input of its synth', () => {
    expect(refine(['libs/constructs/src/index.ts'])).toEqual(['infra-dev', 'infra-prod']);
    expect(refine(['apps/infra-prod/cdktf.json'])).toEqual(['infra-prod']);
    expect(refine(['package-lock.json'])).toEqual(['infra-dev', 'infra-prod']);
  });

  it('drops environments Nx calls affected only through tests or docs of a lib they use', () => {
    const verdicts = refineAffected({ candidates: ['infra-dev'], changedFiles: ['libs/constructs/tests/x.test.ts', 'libs/constructs/README.md'], inputFiles, exists: () => true });
    expect(verdicts).toEqual([{ project: 'infra-dev', affected: false, reason: 'no changed file is an input of its synth (tests, docs or tooling only)' }]);
  });

  it('trusts Nx on lock file changes, which it maps to the projects using the changed packages', () => {
    const verdicts = refineAffected({ candidates: ['infra-dev'], changedFiles: ['package-lock.json'], inputFiles: { 'infra-dev': [] }, exists: () => true });
    expect(verdicts).toEqual([{ project: 'infra-dev', affected: true, reason: 'package-lock.json changed a package Nx maps to it' }]);
  });

  it('judges a file no longer on disk by where it lived: src/ fed the synth, tests/ did not', () => {
    expect(refine(['libs/constructs/src/deleted-helper.ts'])).toEqual(['infra-dev', 'infra-prod']);
    expect(refine(['libs/constructs/src/network/only-file-of-its-dir.ts'])).toEqual(['infra-dev', 'infra-prod']);
    expect(refine(['libs/constructs/tests/x.test.ts'])).toEqual([]);
    expect(refine(['apps/infra-dev/tests/deep/y.test.ts'])).toEqual([]);
  });

  it('counts a vanished file it cannot place: directly in a project root or outside any project', () => {
    expect(refine(['libs/constructs/removed-config.json'])).toEqual(['infra-dev', 'infra-prod']);
    expect(refine(['removed-root-file.json'])).toEqual(['infra-dev', 'infra-prod']);
  });
});

describe('promotion order', () => {
  it('is shared, dev, staging, prod, with unknown environments last', () => {
    expect(PROMOTION_ORDER).toEqual(['shared', 'dev', 'staging', 'prod']);
    expect(['prod', 'pr-42', 'dev', 'staging', 'shared'].map(promotionStage)).toEqual([3, 4, 1, 2, 0]);
    const sorted = sortByPromotion([
      { project: 'infra-prod', environment: 'prod' },
      { project: 'infra-preview', environment: 'pr-42' },
      { project: 'infra-staging', environment: 'staging' },
      { project: 'infra-dev', environment: 'dev' },
    ]);
    expect(sorted.map((e) => e.project)).toEqual(['infra-dev', 'infra-staging', 'infra-prod', 'infra-preview']);
  });

  it('names the repository variable of each environment role', () => {
    expect(roleVariable('PLAN', 'dev')).toBe('AWS_PLAN_ROLE_ARN_DEV');
    expect(roleVariable('DEPLOY', 'pr-42')).toBe('AWS_DEPLOY_ROLE_ARN_PR_42');
  });
});
