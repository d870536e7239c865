import { LambdaLayerVersion } from '@cdktf/provider-aws/lib/lambda-layer-version';
import { Construct } from 'constructs';
import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from './lambda-platform.js';
import { ZipAsset } from './zip-asset.js';

export interface SharedLayerProps {
  readonly layerName: string;
  readonly zipPath: string;
}

/** The arm64 layer with middy and Powertools that every pipeline function loads. */
export class SharedLayer extends Construct {
  readonly layer: LambdaLayerVersion;

  constructor(scope: Construct, id: string, props: SharedLayerProps) {
    super(scope, id);
    const code = new ZipAsset(this, 'code', props.zipPath);
    this.layer = new LambdaLayerVersion(this, 'layer', {
      layerName: props.layerName,
      description: 'middy + Powertools for TypeScript (arm64)',
      filename: code.path,
      sourceCodeHash: code.sourceCodeHash,
      compatibleArchitectures: [LAMBDA_ARCHITECTURE],
      compatibleRuntimes: [LAMBDA_RUNTIME],
    });
  }
}
