// The phone's side of the encrypted ballot (issue 13): encrypt one ballot and prove it well
// formed, byte for byte as src/daihoi/rules/ballot_crypto.py checks it (docs/ballot-crypto.md),
// in the group and protocol of the round's key (useGroup; the protocol is passed).
// Group arithmetic: @noble/curves (vendored, static/vendor/noble-curves/SOURCE.txt); nothing
// here does curve or field arithmetic of its own, only scalars mod L.
import { ed25519, ristretto255, sha512 } from "../vendor/noble-curves/noble-ed25519.min.js";

/** The groups by the name a round's key record gives (crypto_group.group_named). */
const GROUPS = { ristretto255: ristretto255.Point, ed25519: ed25519.Point };
/** The group order, the same for both: edwards25519's prime-order subgroup (RFC 8032: L). */
export const L = ed25519.Point.Fn.ORDER;
/** The tag first in every hash (protocol 3 keeps protocol 2's: ballot_crypto.PROTOCOL). */
export const PROTOCOL = "daihoi/ballot/2";
export const PROTOCOL_3 = "daihoi/ballot/3";
// The round's group: each page works for one round and says its group first (useGroup).
let Point = GROUPS.ristretto255;
let GROUP_NAME = "ristretto255";
let G = Point.BASE;
let GENERATOR = G.toBytes();
const UTF8 = new TextEncoder();

/** Work in the group the round's key was made in ("ristretto255", or "ed25519" for a round
 * keyed before protocol 3); an unknown name is refused. */
export function useGroup(name) {
  if (!Object.hasOwn(GROUPS, name)) throw new Error(ERROR_NOT_IN_GROUP);
  Point = GROUPS[name];
  GROUP_NAME = name;
  G = Point.BASE;
  GENERATOR = G.toBytes();
}

export const ERROR_NOT_IN_GROUP = "Giá trị không thuộc nhóm con bậc q: bị từ chối.";
export const ERROR_BOUNDS = "Số tên giữ lại ngoài giới hạn cho phép.";

// ---------------------------------------------------------------------------------------------
// Canonical encoding and hashes (ballot_crypto.encode_items, hash_to_q)

function pushLength(out, n) {
  out.push((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

function pushBytes(out, bytes) {
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i]);
}

function intBytes(value) {
  let v = BigInt(value);
  if (v < 0n) throw new TypeError("negative int is not a hash item");
  if (v === 0n) return [0];
  const raw = [];
  while (v > 0n) {
    raw.push(Number(v & 255n));
    v >>= 8n;
  }
  return raw.reverse();
}

function encode(item, out) {
  if (typeof item === "bigint" || typeof item === "number") {
    if (typeof item === "number" && !Number.isSafeInteger(item)) {
      throw new TypeError("not an integer hash item");
    }
    const raw = intBytes(item);
    out.push(73); // I
    pushLength(out, raw.length);
    pushBytes(out, raw);
  } else if (typeof item === "string") {
    const raw = UTF8.encode(item);
    out.push(83); // S
    pushLength(out, raw.length);
    pushBytes(out, raw);
  } else if (item instanceof Uint8Array) {
    out.push(66); // B
    pushLength(out, item.length);
    pushBytes(out, item);
  } else if (Array.isArray(item)) {
    out.push(76); // L
    pushLength(out, item.length);
    for (const sub of item) encode(sub, out);
  } else {
    throw new TypeError("not a hash item");
  }
}

/** [PROTOCOL, domain, [items...]] encoded as ballot_crypto.encode_items does. */
export function encodeItems(domain, ...items) {
  const out = [];
  encode([PROTOCOL, domain, items], out);
  return Uint8Array.from(out);
}

function bytesToBigInt(bytes) {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** A Fiat-Shamir challenge: SHA-512 over the group and the items, reduced mod L. */
export function hashToQ(domain, ...items) {
  return bytesToBigInt(sha512(encodeItems(domain, GROUP_NAME, GENERATOR, ...items))) % L;
}

/** The concatenation of a list of byte arrays, in base64. */
function toBase64(chunks) {
  let text = "";
  for (const chunk of chunks) for (const byte of chunk) text += String.fromCharCode(byte);
  return btoa(text);
}

export function toHex(bytes) {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

function fromHex(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Scalars and points

const mod = (a) => ((a % L) + L) % L;

/** A uniform scalar in [0, bound) from crypto.getRandomValues (64 bytes reduced: no bias). */
function randomBelow(bound) {
  const bytes = new Uint8Array(64);
  crypto.getRandomValues(bytes);
  return bytesToBigInt(bytes) % bound;
}

const randomExponent = () => 1n + randomBelow(L - 1n);

// Constant-time scalar multiplication throughout (the scalars below involve the nonces).
const power = (point, e) => (mod(e) === 0n ? Point.ZERO : point.multiply(mod(e)));

/** A received element: canonical, in the prime-order subgroup, not the identity. */
export function pointFromHex(hex) {
  let point;
  try {
    point = Point.fromHex(hex);
  } catch {
    throw new Error(ERROR_NOT_IN_GROUP);
  }
  if (point.is0() || !point.isTorsionFree()) throw new Error(ERROR_NOT_IN_GROUP);
  return point;
}

// ---------------------------------------------------------------------------------------------
// Disjunctive Chaum-Pedersen proof (ballot_crypto.prove_one_of)

// The prover knows the nonce r of ct = (g^r, g^m K^r), so the simulated branches' commitments
// a = g^v / alpha^c and b = K^v / (beta / g^j)^c, the ones the verifier recomputes, are
// a = g^(v - rc) and b = g^((j - m)c) K^(v - rc): multiples of g and K only, whose windows are
// precomputed, instead of multiples of each ciphertext. The points are the same.
function simulated(K, nonce, message, value, challenge, response) {
  const e = mod(response - nonce * challenge);
  const a = power(G, e);
  const b = power(G, mod(BigInt(value - message) * challenge)).add(power(K, e));
  return [a.toBytes(), b.toBytes()];
}

// ``out`` receives the proof's commitments (a_j, b_j for each branch j), as the server's check
// would recompute them: sent beside the ballot, they let the server check it as a batch.
function proveOneOf(K, keyBytes, ct, nonce, value, values, context, out) {
  const real = values.indexOf(value);
  const challenges = values.map(() => 0n);
  const responses = values.map(() => 0n);
  const commitments = [];
  const w = randomExponent();
  values.forEach((v, j) => {
    if (j === real) {
      commitments.push(power(G, w).toBytes(), power(K, w).toBytes());
    } else {
      challenges[j] = randomBelow(L);
      responses[j] = randomBelow(L);
      commitments.push(...simulated(K, nonce, value, v, challenges[j], responses[j]));
    }
  });
  const c = hashToQ("one-of", context, keyBytes, [ct.alphaBytes, ct.betaBytes], values, commitments);
  out.push(...commitments);
  challenges[real] = mod(c - challenges.reduce((s, x) => s + x, 0n));
  responses[real] = mod(w + challenges[real] * nonce);
  return {
    challenges: challenges.map((x) => x.toString(16)),
    responses: responses.map((x) => x.toString(16)),
  };
}

function ciphertext(alpha, beta) {
  return { alpha, beta, alphaBytes: alpha.toBytes(), betaBytes: beta.toBytes() };
}

// ---------------------------------------------------------------------------------------------
// Protocol 3's range proof by the count's bits (ballot_crypto.range_in_bits, prove_bits)

const bitWidth = (minimum, maximum) => Math.max(1, (maximum - minimum).toString(2).length);

function bitOffsets(minimum, maximum) {
  const upper = maximum - (2 ** bitWidth(minimum, maximum) - 1);
  return upper === minimum ? [minimum] : [minimum, upper];
}

/** True when the range proof takes the bits' form (protocol 3, where it is cheaper to check). */
export function rangeInBits(protocol, minimum, maximum) {
  if (protocol !== PROTOCOL_3 || maximum === minimum) return false;
  const bits = bitWidth(minimum, maximum) * bitOffsets(minimum, maximum).length;
  return 6 * bits < 3 * (maximum - minimum + 1);
}

function proveBits(K, keyBytes, count, nonce, minimum, maximum, context, out) {
  const k = bitWidth(minimum, maximum);
  const bits = [];
  const proofs = [];
  bitOffsets(minimum, maximum).forEach((offset, j) => {
    const value = count - offset;
    if (value < 0 || value >= 2 ** k) throw new Error(ERROR_BOUNDS);
    const nonces = [0n];
    for (let i = 1; i < k; i++) nonces.push(randomExponent());
    // sum of 2^i nonce_i = the sum's nonce: the weighted bits are the sum itself
    nonces[0] = mod(nonce - nonces.reduce((s, r, i) => s + (1n << BigInt(i)) * r, 0n));
    const row = [];
    const rowProofs = [];
    nonces.forEach((r, i) => {
      const bit = Math.floor(value / 2 ** i) % 2;
      const ct = ciphertext(power(G, r), power(K, r).add(bit ? G : Point.ZERO));
      row.push([toHex(ct.alphaBytes), toHex(ct.betaBytes)]);
      rowProofs.push(proveOneOf(K, keyBytes, ct, r, bit, [0, 1], [context, "bit", j, i], out));
    });
    bits.push(row);
    proofs.push(rowProofs);
  });
  return { bits, proofs };
}

/**
 * Encrypt one ballot: per name Enc(1 kept / 0 crossed) with its 0-or-1 proof, and the range
 * proof that the number kept is in [minimum, maximum]. Returns the JSON the server reads
 * (ballot_crypto.ballot_from_json): points and scalars in lower-case hex.
 */
export function encryptBallot(args) {
  return encryptBallotForAudit(args).ballot;
}

/**
 * The same, keeping what a Benaloh audit reveals (docs/ballot-crypto.md, "Cast or audit"): the
 * nonce of each name's ciphertext, never sent with a ballot that is cast. Returns
 * { ballot, nonces, commitments }: nonces as lower-case hex, in ballot order; commitments,
 * every proof's commitments in the order the server's check recomputes them, in base64 (sent
 * beside a ballot cast, they let the server check it as a batch: faster, never a different
 * verdict).
 */
export function encryptBallotForAudit({
  publicKey,
  kept,
  minimum,
  maximum,
  context,
  protocol = PROTOCOL,
}) {
  const total = kept.filter(Boolean).length;
  if (!(0 <= minimum && minimum <= maximum && maximum <= kept.length)) {
    throw new Error(ERROR_BOUNDS);
  }
  if (total < minimum || total > maximum) throw new Error(ERROR_BOUNDS);
  const K = pointFromHex(publicKey);
  K.precompute(8); // every multiple of K below uses the same window table
  const keyBytes = K.toBytes();
  const ciphertexts = [];
  const proofs = [];
  const nonces = [];
  const commitments = [];
  let nonceSum = 0n;
  let alphaSum = Point.ZERO;
  let betaSum = Point.ZERO;
  kept.forEach((k, position) => {
    const m = k ? 1 : 0;
    const r = randomExponent();
    nonces.push(r.toString(16));
    nonceSum = mod(nonceSum + r);
    const alpha = power(G, r);
    const beta = power(K, r).add(m ? G : Point.ZERO);
    const ct = ciphertext(alpha, beta);
    alphaSum = alphaSum.add(alpha);
    betaSum = betaSum.add(beta);
    ciphertexts.push([toHex(ct.alphaBytes), toHex(ct.betaBytes)]);
    const nameContext = [context, "name", position];
    proofs.push(proveOneOf(K, keyBytes, ct, r, m, [0, 1], nameContext, commitments));
  });
  let rangeProof;
  if (rangeInBits(protocol, minimum, maximum)) {
    const sumContext = [context, "sum"];
    rangeProof = proveBits(K, keyBytes, total, nonceSum, minimum, maximum, sumContext, commitments);
  } else {
    const values = [];
    for (let v = minimum; v <= maximum; v++) values.push(v);
    const sum = ciphertext(alphaSum, betaSum);
    const sumContext = [context, "sum"];
    rangeProof = proveOneOf(K, keyBytes, sum, nonceSum, total, values, sumContext, commitments);
  }
  return {
    ballot: { ciphertexts, proofs, range_proof: rangeProof },
    nonces,
    commitments: toBase64(commitments),
  };
}

/**
 * The ballot's fingerprint, shown before the voter chooses to cast or audit it: the first 16
 * bytes of SHA-512 over its ciphertexts (ballot_crypto.ballot_fingerprint), in hex.
 */
export function ballotFingerprint(ballot) {
  const cts = ballot.ciphertexts.map(([a, b]) => [fromHex(a), fromHex(b)]);
  return toHex(sha512(encodeItems("ballot-fingerprint", cts)).slice(0, 16));
}

/**
 * The phone's own check of an audited ballot: each ciphertext is (g^r, g^m K^r) for the revealed
 * nonce r and choice m. (The check that counts is made elsewhere, by the server's code.)
 */
export function auditMatches({ publicKey, ballot, nonces, kept }) {
  const K = pointFromHex(publicKey);
  return ballot.ciphertexts.every(([a, b], i) => {
    const r = BigInt("0x" + nonces[i]);
    const beta = power(K, r).add(kept[i] ? G : Point.ZERO);
    return toHex(power(G, r).toBytes()) === a && toHex(beta.toBytes()) === b;
  });
}

// ---------------------------------------------------------------------------------------------
// The counting committee member's device: key ceremony and partial decryption (issue 13), as
// ballot_crypto.member_generate / share_for / verify_share / partial_decrypt compute them.

export const ERROR_SHARE = "Phần khoá chia sẻ không khớp với cam kết đã công bố.";

const scalarHex = (x) => mod(x).toString(16);
const scalarFromHex = (hex) => {
  if (typeof hex !== "string" || !/^[0-9a-f]{1,64}$/.test(hex)) throw new Error(ERROR_SHARE);
  const x = BigInt("0x" + hex);
  if (x >= L) throw new Error(ERROR_SHARE);
  return x;
};

function proveSchnorr(secret, publicBytes, context) {
  const w = randomExponent();
  const commitment = power(G, w).toBytes();
  const c = hashToQ("schnorr", context, publicBytes, commitment);
  return [scalarHex(c), scalarHex(w + c * secret)];
}

/** A fresh secret scalar and its public point (the device's key for receiving shares). */
export function newKeyPair() {
  const secret = randomExponent();
  return { secret: scalarHex(secret), public: toHex(power(G, secret).toBytes()) };
}

/**
 * Member ``index``'s polynomial of degree threshold-1, its commitments g^a_j and their Schnorr
 * proofs: ``commitment`` is the JSON encrypted.commitment_from_json reads; ``coefficients``
 * never leave the device.
 */
export function memberGenerate({ index, threshold, context }) {
  const coefficients = [];
  const commitments = [];
  const proofs = [];
  for (let j = 0; j < threshold; j++) {
    const a = randomExponent();
    const K = power(G, a).toBytes();
    coefficients.push(scalarHex(a));
    commitments.push(toHex(K));
    proofs.push(proveSchnorr(a, K, [context, "coefficient", index, j]));
  }
  return { coefficients, commitment: { index, commitments, proofs } };
}

/** P(recipient) for the polynomial with these coefficients (hex), as a bigint. */
export function shareFor(coefficients, recipient) {
  let value = 0n;
  for (let j = coefficients.length - 1; j >= 0; j--) {
    value = mod(value * BigInt(recipient) + scalarFromHex(coefficients[j]));
  }
  return value;
}

/** g^share == prod_j K_j^(recipient^j): the share agrees with the sender's commitments. */
export function verifyShare(share, recipient, commitment) {
  let expected = Point.ZERO;
  let p = 1n;
  for (const hex of commitment.commitments) {
    expected = expected.add(power(pointFromHex(hex), p));
    p = mod(p * BigInt(recipient));
  }
  return power(G, share).equals(expected);
}

function sharePad(context, sender, recipient, ephemeral, shared) {
  return sha512(encodeItems("share-pad", context, sender, recipient, ephemeral, shared)).slice(0, 32);
}

function scalarBytes(x) {
  const out = new Uint8Array(32);
  let v = mod(x);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 255n);
    v >>= 8n;
  }
  return out;
}

/**
 * Encrypt a share for the recipient's device key (hashed ElGamal: an ephemeral g^e and the share
 * XOR SHA-512(g^(xe))). Only the recipient can read it; its integrity is the Feldman check above.
 */
export function encryptShare({ share, recipientKey, context, sender, recipient }) {
  const e = randomExponent();
  const ephemeral = power(G, e).toBytes();
  const shared = power(pointFromHex(recipientKey), e).toBytes();
  const pad = sharePad(context, sender, recipient, ephemeral, shared);
  const body = scalarBytes(share).map((b, i) => b ^ pad[i]);
  return { ephemeral: toHex(ephemeral), ciphertext: toHex(body) };
}

export function decryptShare({ sealed, secret, context, sender, recipient }) {
  const ephemeral = pointFromHex(sealed.ephemeral);
  const shared = power(ephemeral, scalarFromHex(secret)).toBytes();
  const pad = sharePad(context, sender, recipient, ephemeral.toBytes(), shared);
  const body = sealed.ciphertext.match(/../g).map((h, i) => parseInt(h, 16) ^ pad[i]);
  return mod(bytesToBigInt(body));
}

/** The member's key share s = sum of the shares received (its own P_i(i) included), as hex. */
export function combineShares(shares) {
  return scalarHex(shares.reduce((s, x) => s + x, 0n));
}

/** g^s: the verification key anyone computes from the commitments, as hex. */
export function verificationKey(keyShareHex) {
  return toHex(power(G, scalarFromHex(keyShareHex)).toBytes());
}

/**
 * The member's partial decryption of the sums: alpha^s for each, with a Chaum-Pedersen proof
 * (JSON as encrypted.partial_from_json reads it).
 */
export function partialDecrypt({ member, keyShare, sums, context }) {
  const s = scalarFromHex(keyShare);
  const publicBytes = power(G, s).toBytes();
  const shares = [];
  const proofs = [];
  sums.forEach(([alphaHex, betaHex], i) => {
    const alpha = pointFromHex(alphaHex);
    const beta = pointFromHex(betaHex);
    const m = power(alpha, s).toBytes();
    const w = randomExponent();
    const a = power(G, w).toBytes();
    const b = power(alpha, w).toBytes();
    const items = [alpha.toBytes(), beta.toBytes()];
    const c = hashToQ("partial", context, member, i, publicBytes, items, m, a, b);
    shares.push(toHex(m));
    proofs.push([scalarHex(c), scalarHex(w + c * s)]);
  });
  return { member, shares, proofs };
}
