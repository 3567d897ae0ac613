import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may go (docs/adr/0022): only to a globally routable unicast address. Loopback,
 * link-local, private, CGNAT, unique-local, multicast, broadcast, unspecified, reserved and
 * documentation ranges are refused, and so is an IPv4 address hidden in IPv6 (mapped, 6to4,
 * NAT64, Teredo). A host named in the allow-list (`WEBHOOK_ALLOWED_HOSTS`) skips the check: that
 * is how development and tests reach a receiver on loopback.
 *
 * The URL is checked when an endpoint is saved (a literal address or a `localhost` name), and
 * every address its name resolves to is checked again at each delivery, so a name that later
 * resolves inside (DNS rebinding) is refused then.
 */

/** Why `address` may not receive webhooks, or null when it may. */
export function refusedAddress(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  } catch {
    return `${address} is not an IP address`;
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return refusedAddress((parsed as ipaddr.IPv6).toIPv4Address().toString());
  }
  const range = parsed.range();
  return range === 'unicast' ? null : `${address} is a ${range} address, not a public one`;
}

/** A URL host as the allow-list names it: lower case, no brackets, no trailing dot. */
export function hostKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/** `WEBHOOK_ALLOWED_HOSTS`: comma-separated host names or addresses. */
export function parseAllowedHosts(list: string | undefined): Set<string> {
  return new Set((list ?? '').split(',').map((host) => hostKey(host.trim())).filter((host) => host !== ''));
}

const isLocalName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * The check at save time, without DNS: why `url` may not be an endpoint, or null. A literal
 * address must be public; `localhost` names are refused; any other name is checked at delivery.
 */
export function refusedWebhookUrl(url: string, allowedHosts: Set<string>): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'only http and https URLs can receive webhooks';
  const host = hostKey(parsed.hostname);
  if (allowedHosts.has(host)) return null;
  if (isLocalName(host)) return `${host} is this machine`;
  return ipaddr.isValid(host) ? refusedAddress(host) : null;
}
