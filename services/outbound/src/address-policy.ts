import { BlockList, isIP } from "node:net";

/**
 * Addresses an outbound request (a URL source, a callback) may not reach unless the operator allows them:
 * everything that is not the public internet (IANA special-purpose
 * registries, RFC 6890 and successors). Node's BlockList matches IPv4 rules
 * against IPv4-mapped IPv6 addresses too, so ::ffff:127.0.0.1 is loopback
 * here as well.
 */
const RESERVED: ReadonlyArray<readonly [network: string, prefix: number, family: "ipv4" | "ipv6"]> = [
  ["0.0.0.0", 8, "ipv4"], // "this network"
  ["10.0.0.0", 8, "ipv4"], // private
  ["100.64.0.0", 10, "ipv4"], // carrier-grade NAT
  ["127.0.0.0", 8, "ipv4"], // loopback
  ["169.254.0.0", 16, "ipv4"], // link-local, cloud metadata services
  ["172.16.0.0", 12, "ipv4"], // private
  ["192.0.0.0", 24, "ipv4"], // IETF protocol assignments
  ["192.0.2.0", 24, "ipv4"], // documentation
  ["192.88.99.0", 24, "ipv4"], // 6to4 relay anycast
  ["192.168.0.0", 16, "ipv4"], // private
  ["198.18.0.0", 15, "ipv4"], // benchmarking
  ["198.51.100.0", 24, "ipv4"], // documentation
  ["203.0.113.0", 24, "ipv4"], // documentation
  ["224.0.0.0", 4, "ipv4"], // multicast
  ["240.0.0.0", 4, "ipv4"], // reserved, broadcast
  ["::", 96, "ipv6"], // unspecified, and the deprecated IPv4-compatible ::a.b.c.d
  ["::1", 128, "ipv6"], // loopback
  ["64:ff9b::", 96, "ipv6"], // NAT64: would reach any IPv4 address, private ones included
  ["64:ff9b:1::", 48, "ipv6"], // local-use NAT64
  ["100::", 64, "ipv6"], // discard
  ["2001::", 23, "ipv6"], // IETF protocol assignments, Teredo included
  ["2001:db8::", 32, "ipv6"], // documentation
  ["2002::", 16, "ipv6"], // 6to4: embeds an IPv4 address
  ["fc00::", 7, "ipv6"], // unique local
  ["fe80::", 10, "ipv6"], // link-local
  ["fec0::", 10, "ipv6"], // site-local (deprecated, still routed by some)
  ["ff00::", 8, "ipv6"], // multicast
];

/** A network in CIDR notation that the operator lets outbound requests reach although it is reserved. */
export interface AllowedNetwork {
  readonly network: string;
  readonly prefix: number;
  readonly family: "ipv4" | "ipv6";
}

/** Parses "10.0.0.0/8", "fd00::/8" or a single address; undefined if it is not one. */
export function parseNetwork(text: string): AllowedNetwork | undefined {
  const [network = "", prefixText, ...rest] = text.trim().split("/");
  const version = isIP(network);
  if (version === 0 || rest.length > 0) return undefined;
  const family = version === 4 ? "ipv4" : "ipv6";
  const maxPrefix = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? "0") || prefix > maxPrefix) return undefined;
  return { network, prefix, family };
}

/** The networks `entries` name (an operator's `..._ADDRESSES` variable); `problems` names, as `variable`'s error, each entry that is none. */
export function parseNetworks(entries: readonly string[], variable: string): { readonly networks: AllowedNetwork[]; readonly problems: string[] } {
  const networks: AllowedNetwork[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    const network = parseNetwork(entry);
    if (network) networks.push(network);
    else problems.push(`${variable} must list addresses or CIDR networks (10.0.0.0/8, fd00::/8), got ${JSON.stringify(entry)}`);
  }
  return { networks, problems };
}

/** Decides whether an outbound request may connect to an address. */
export class AddressPolicy {
  private readonly reserved = new BlockList();
  private readonly allowed = new BlockList();

  constructor(allowedNetworks: readonly AllowedNetwork[]) {
    for (const [network, prefix, family] of RESERVED) this.reserved.addSubnet(network, prefix, family);
    for (const { network, prefix, family } of allowedNetworks) this.allowed.addSubnet(network, prefix, family);
  }

  /** Why `address` may not be reached, or undefined when it may. */
  refusal(address: string): string | undefined {
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (this.allowed.check(address, family) || !this.reserved.check(address, family)) return undefined;
    return `${address} is a loopback, private, link-local or otherwise reserved address`;
  }
}
