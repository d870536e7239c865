/**
 * Carves the `index`-th subnet of `extraBits` more prefix bits out of an IPv4 CIDR
 * (what Terraform's `cidrsubnet` does), so subnet ranges are plain values in the synthesized JSON.
 */
export function cidrSubnet(cidr: string, extraBits: number, index: number): string {
  const [address, prefixText] = cidr.split('/');
  const prefix = Number(prefixText);
  const newPrefix = prefix + extraBits;
  if (!address || newPrefix > 32 || index < 0 || index >= 2 ** extraBits) {
    throw new RangeError(`cannot carve subnet ${index} of /${newPrefix} from ${cidr}`);
  }
  const base = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const network = base - (base % 2 ** (32 - prefix));
  const start = network + index * 2 ** (32 - newPrefix);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
  return `${octets.join('.')}/${newPrefix}`;
}
