// Who is on the other end of a request. Plain ESM: scripts/serve.mjs (the Node server in front of
// Next.js) resolves every request with it before Next sees it, and unit tests call it directly.
//
// TRUSTED_PROXIES (docs/SECURITY.md):
//   unset or ""       no proxy: the socket's address is the client; X-Forwarded-* are ignored
//   a number N (1-9)  the N nearest hops are proxies (the socket's peer is one): the client is the
//                     N-th X-Forwarded-For entry from the right
//   a list            addresses or CIDR ranges of proxies, e.g. "127.0.0.1, 10.0.0.0/8, ::1"; the
//                     client is the rightmost X-Forwarded-For entry that is not one of them
import net from "node:net";

export class TrustedProxiesError extends Error {}

/** "::ffff:10.0.0.1" (an IPv4 client on a dual-stack socket) is 10.0.0.1. */
export function normalizeAddress(address) {
  const text = String(address ?? "").trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  return mapped ? mapped[1] : text;
}

export function parseTrustedProxies(value) {
  const text = String(value ?? "").trim();
  if (text === "" || text === "none" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 9) throw new TrustedProxiesError(`TRUSTED_PROXIES must be 1 to 9 hops, or a list of addresses (got "${text}").`);
    return { kind: "hops", hops };
  }
  const list = new net.BlockList();
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const family = net.isIP(address);
    const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
      throw new TrustedProxiesError(`TRUSTED_PROXIES: "${entry}" is not an address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, ::1).`);
    }
    list.addSubnet(address, prefix, family === 6 ? "ipv6" : "ipv4");
  }
  return { kind: "list", list, text };
}

function isTrusted(trust, address) {
  const family = net.isIP(address);
  if (!family) return false;
  return trust.list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The last value of a header that proxies may have sent as a list ("https, http" -> "http"). */
function lastValue(header) {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (!value) return null;
  return value.split(",").map((v) => v.trim()).filter(Boolean).at(-1) ?? null;
}

/**
 * { clientIp, trustedHop, https, forwardedOrigin }: the client's address; whether the socket's peer
 * is a trusted proxy (only then do X-Forwarded-Proto and X-Forwarded-Host count); whether the
 * request reached the first trusted proxy over HTTPS; and the origin that proxy was asked for.
 */
export function resolveRequest({ remoteAddress, headers, encrypted = false }, trust) {
  const peer = normalizeAddress(remoteAddress) || "unknown";
  const trustedHop = trust.kind === "hops" || (trust.kind === "list" && isTrusted(trust, peer));
  if (!trustedHop) return { clientIp: peer, trustedHop: false, https: Boolean(encrypted), forwardedOrigin: null };

  const forwarded = String(headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((entry) => normalizeAddress(entry))
    .filter(Boolean);
  const chain = [...forwarded, peer];
  let clientIp;
  if (trust.kind === "hops") {
    clientIp = chain[Math.max(0, chain.length - 1 - trust.hops)];
  } else {
    let i = chain.length - 1;
    while (i > 0 && isTrusted(trust, chain[i])) i--;
    clientIp = chain[i];
  }
  if (!net.isIP(clientIp)) clientIp = "unknown";

  const proto = lastValue(headers["x-forwarded-proto"])?.toLowerCase();
  const https = Boolean(encrypted) || proto === "https";
  const host = lastValue(headers["x-forwarded-host"]);
  const forwardedOrigin = host && /^[a-z0-9.:[\]-]+$/i.test(host) ? `${https ? "https" : "http"}://${host.toLowerCase()}` : null;
  return { clientIp, trustedHop: true, https, forwardedOrigin };
}
