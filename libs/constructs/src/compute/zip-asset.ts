import { AssetType, Fn, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';

/**
 * A prebuilt, deterministic zip copied into the stack directory. Its hash comes from
 * `filebase64sha256` at plan time, so an unchanged build never shows a diff.
 */
export class ZipAsset extends Construct {
  readonly path: string;
  readonly sourceCodeHash: string;

  constructor(scope: Construct, id: string, zipPath: string) {
    super(scope, id);
    const asset = new TerraformAsset(this, 'asset', { path: zipPath, type: AssetType.FILE });
    this.path = asset.path;
    this.sourceCodeHash = Fn.filebase64sha256(asset.path);
  }
}
