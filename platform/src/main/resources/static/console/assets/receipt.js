// Receipt verification in the browser, with nothing but this file: SHA-256 (FIPS 180-4) and SM3
// (GB/T 32905-2016) in plain JavaScript (WebCrypto has no SM3 and exists only on secure origins),
// the canonical protobuf encoding of a block header, the protocol's Merkle rule and the receipt
// leaf. The rules are those of docs/protocol.md; the Java twins are Hashes, MerklePath,
// ReceiptLeaf (crypto) and ProofVerifier (sdk). Usable from a page (window.ConsortiaReceipt) and
// from Node.js (module.exports), synchronous, no dependencies.
(function (global) {
  'use strict';

  // ---- bytes --------------------------------------------------------------------------------

  function hex(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }

  function unhex(s) {
    if (typeof s !== 'string' || s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) {
      throw malformed('malformedHex', [String(s).slice(0, 20)]);
    }
    const out = new Uint8Array(s.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(2 * i, 2), 16);
    return out;
  }

  function utf8(s) {
    return new TextEncoder().encode(s);
  }

  function concat(parts) {
    let n = 0;
    parts.forEach(p => { n += p.length; });
    const out = new Uint8Array(n);
    let at = 0;
    parts.forEach(p => { out.set(p, at); at += p.length; });
    return out;
  }

  function equal(a, b) {
    if (!a || !b || a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  const rotl = (x, n) => ((x << n) | (x >>> (32 - n))) >>> 0;

  // Both hashes pad alike: 0x80, zeros, the message length in bits as 64-bit big-endian.
  function pad(message) {
    const bits = message.length * 8;
    const padded = new Uint8Array(Math.ceil((message.length + 9) / 64) * 64);
    padded.set(message);
    padded[message.length] = 0x80;
    const view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
    view.setUint32(padded.length - 4, bits >>> 0);
    return view;
  }

  function words(state) {
    const out = new Uint8Array(32);
    const view = new DataView(out.buffer);
    state.forEach((w, i) => view.setUint32(4 * i, w >>> 0));
    return out;
  }

  // ---- SHA-256 (FIPS 180-4) ------------------------------------------------------------------

  const K256 = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];

  function sha256(message) {
    const view = pad(message);
    const v = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    const w = new Array(64);
    const rotr = (x, n) => ((x >>> n) | (x << (32 - n))) >>> 0;
    for (let block = 0; block < view.byteLength; block += 64) {
      for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + 4 * t);
      for (let t = 16; t < 64; t++) {
        const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
      }
      let [a, b, c, d, e, f, g, h] = v;
      for (let t = 0; t < 64; t++) {
        const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t] + w[t]) >>> 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        h = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      [a, b, c, d, e, f, g, h].forEach((x, i) => { v[i] = (v[i] + x) >>> 0; });
    }
    return words(v);
  }

  // ---- SM3 (GB/T 32905-2016) -----------------------------------------------------------------

  function sm3(message) {
    const view = pad(message);
    const v = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
    const p0 = x => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
    const p1 = x => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;
    const w = new Array(68);
    const w1 = new Array(64);
    for (let block = 0; block < view.byteLength; block += 64) {
      for (let j = 0; j < 16; j++) w[j] = view.getUint32(block + 4 * j);
      for (let j = 16; j < 68; j++) {
        w[j] = (p1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6]) >>> 0;
      }
      for (let j = 0; j < 64; j++) w1[j] = (w[j] ^ w[j + 4]) >>> 0;
      let [a, b, c, d, e, f, g, h] = v;
      for (let j = 0; j < 64; j++) {
        const tj = j < 16 ? 0x79cc4519 : 0x7a879d8a;
        const ss1 = rotl((rotl(a, 12) + e + rotl(tj, j % 32)) >>> 0, 7);
        const ss2 = (ss1 ^ rotl(a, 12)) >>> 0;
        const ff = j < 16 ? (a ^ b ^ c) : ((a & b) | (a & c) | (b & c));
        const gg = j < 16 ? (e ^ f ^ g) : ((e & f) | (~e & g));
        const tt1 = ((ff >>> 0) + d + ss2 + w1[j]) >>> 0;
        const tt2 = ((gg >>> 0) + h + ss1 + w[j]) >>> 0;
        d = c; c = rotl(b, 9); b = a; a = tt1;
        h = g; g = rotl(f, 19); f = e; e = p0(tt2);
      }
      [a, b, c, d, e, f, g, h].forEach((x, i) => { v[i] = (v[i] ^ x) >>> 0; });
    }
    return words(v);
  }

  /** The channel's hash by the name a receipt gives ("SHA-256" or "SM3"): parts are concatenated. */
  function hashFunction(name) {
    const fn = name === 'SM3' ? sm3 : name === 'SHA-256' ? sha256 : null;
    if (!fn) throw malformed('malformedHashFunction', [name]);
    return (...parts) => fn(concat(parts));
  }

  // ---- canonical protobuf encoding of BlockHeader --------------------------------------------

  function varint(value) {
    let n = BigInt.asUintN(64, BigInt(value)); // int64 negatives take ten bytes, as in protobuf
    const out = [];
    do {
      let byte = Number(n & 0x7fn);
      n >>= 7n;
      if (n > 0n) byte |= 0x80;
      out.push(byte);
    } while (n > 0n);
    return Uint8Array.from(out);
  }

  // Fields in number order, each omitted when it holds its default (empty, zero): exactly what
  // protobuf's serializer writes, so H(these bytes) is the block hash.
  const HEADER_FIELDS = [
    [1, 'channel', 'string'], [2, 'number', 'varint'], [3, 'previousHash', 'bytes'],
    [4, 'transactionsRoot', 'bytes'], [5, 'stateHash', 'bytes'], [6, 'timestampMillis', 'varint'],
    [7, 'transactionCount', 'varint'], [8, 'resultsHash', 'bytes'], [9, 'version', 'varint'],
    [10, 'receiptsRoot', 'bytes']];

  function encodeHeader(header) {
    Object.keys(header).forEach(k => {
      if (!HEADER_FIELDS.some(f => f[1] === k)) throw malformed('malformedHeaderField', [k]);
    });
    const parts = [];
    HEADER_FIELDS.forEach(([number, name, type]) => {
      const value = header[name];
      if (type === 'varint') {
        if (value === undefined || value === null || BigInt(value) === 0n) return;
        parts.push(varint(number << 3), varint(value));
      } else {
        const bytes = type === 'string' ? utf8(value || '') : unhex(value || '');
        if (bytes.length === 0) return;
        parts.push(varint((number << 3) | 2), varint(bytes.length), bytes);
      }
    });
    return concat(parts);
  }

  // ---- Merkle rule and receipt leaf ----------------------------------------------------------

  /** Root reached from leaf data at index of count with the siblings, or null if they do not fit. */
  function merkleRoot(hash, leaf, index, count, siblings) {
    if (!(count >= 1) || !(index >= 0) || index >= count) return null;
    let current = hash(Uint8Array.of(0), leaf);
    let used = 0;
    let width = count;
    while (width > 1) {
      if ((index & 1) === 1) {
        if (used >= siblings.length) return null;
        current = hash(Uint8Array.of(1), siblings[used++], current);
      } else if (index + 1 < width) {
        if (used >= siblings.length) return null;
        current = hash(Uint8Array.of(1), current, siblings[used++]);
      } // else: the last node of an odd level is promoted unchanged
      index = Math.floor(index / 2);
      width = Math.ceil(width / 2);
    }
    return used === siblings.length ? current : null;
  }

  /** leaf = transaction id (32 bytes) || validation code (uint32 big-endian) || H(result). */
  function receiptLeaf(hash, id, code, result) {
    const codeBytes = new Uint8Array(4);
    new DataView(codeBytes.buffer).setUint32(0, code >>> 0);
    return concat([id, codeBytes, hash(result)]);
  }

  // ---- the whole receipt ---------------------------------------------------------------------

  // Every step's sentence, in English with its arguments {0}, {1}...: a step carries its key and
  // arguments too, so a page reads it in its own language (the console's messages receipt.step.KEY,
  // which the transaction page hands the script); a step about the validation code also names the
  // code, so the page can add its label and still show the code.
  const TEXTS = {
    notReceipt: 'not a receipt of format consortia-receipt version 1',
    idMismatch: '{0}(payload) = {1}, not the transaction id {2} (altered call, arguments, creator or time)',
    idOk: '{0}(payload) = transaction id {1}',
    headerMismatch: '{0}(header) = {1}, not the block hash {2} (altered header field)',
    headerOk: '{0}(canonical protobuf of the header of block {1}) = block hash {2}',
    notTrusted: 'the block hash {0} is not the trusted block hash {1}',
    trusted: 'block hash equals the trusted block hash',
    blockNumber: 'the receipt names block {0} but its header is block {1}',
    transactionsPosition: 'the transactions proof is for position {0} but the receipt says {1}',
    transactionsCount: 'the transactions proof is for {0} leaves but the block has {1} transactions',
    receiptsPosition: 'the receipts proof is for position {0} but the receipt says {1}',
    receiptsCount: 'the receipts proof is for {0} leaves but the block has {1} transactions',
    notUnderTransactionsRoot: 'the transaction id is not leaf {0} of {1} under the transactions root {2}'
      + ' (altered sibling or position)',
    underTransactionsRoot: 'transaction id is leaf {0} of {1} under transactions root {2} ({3} siblings)',
    versionZeroWithReceipts: 'a block of header version 0 has no receipts root, yet the receipt carries one or a'
      + ' proof against it',
    versionZero: 'block header version 0 predates receipts roots: the validation code {0} and the result are NOT'
      + ' proven by this receipt',
    unsupportedVersion: 'unsupported block header version {0}',
    noReceiptProof: 'the block has a receipts root (header version 1) but the receipt carries no receipt proof',
    notUnderReceiptsRoot: 'validation code {0} ({1}) with result {2} {3} is not what the block recorded for this'
      + ' transaction: the leaf is not under the receipts root {4} (altered validation code, result or receipt'
      + ' sibling)',
    underReceiptsRoot: '(transaction id, code {0} = {1}, {2}(result) {3}) is leaf {4} under receipts root {5}:'
      + ' verdict and result proven',
    malformed: 'malformed receipt: it cannot be read as a receipt of format version 1',
    malformedHex: 'malformed receipt: not hex: {0}',
    malformedHashFunction: 'malformed receipt: unknown hash function {0}',
    malformedHeaderField: 'malformed receipt: unknown header field {0}',
    malformedField: 'malformed receipt: {0} is missing or not of its type'
  };

  /**
   * What the script finds wrong with a receipt it cannot read, as a step's key and arguments (the
   * receipt's own values), so that the page reads it in its language; the message is the English.
   */
  function malformed(key, args) {
    const error = new Error(format(TEXTS[key], args));
    error.step = { key, args };
    return error;
  }

  /** {@code value} at {@code path} when it is an object (an array if {@code array}), else the receipt is malformed. */
  function need(value, path, array) {
    if (value === null || typeof value !== 'object' || (array && !Array.isArray(value))) {
      throw malformed('malformedField', [path]);
    }
    return value;
  }

  /** template with {0}, {1}... replaced by args (an argument it does not name is left out). */
  function format(template, args) {
    return template.replace(/\{(\d+)\}/g, (whole, n) => (Number(n) < args.length ? String(args[Number(n)]) : whole));
  }

  /**
   * Verifies a receipt file (format consortia-receipt, version 1) step by step. Returns
   * {ok, verdictProven, failure, steps: [{ok, text, key, args, code}]} (failure: the last step's
   * text; code: the validation code a step is about, if any); never throws.
   */
  function verifyReceipt(receipt, trustedBlockHash) {
    const steps = [];
    const step = (ok, key, args, code) => {
      const s = { ok, key, args: args.map(String), text: format(TEXTS[key], args) };
      if (code !== undefined) s.code = String(code);
      steps.push(s);
      return s;
    };
    const pass = (key, args, code) => { step(true, key, args || [], code); };
    const fail = (key, args, code) => {
      const s = step(false, key, args || [], code);
      return { ok: false, verdictProven: false, failure: s.text, steps };
    };
    try {
      if (!receipt || receipt.format !== 'consortia-receipt' || receipt.formatVersion !== 1) {
        return fail('notReceipt');
      }
      const hash = hashFunction(receipt.hashFunction);
      const name = receipt.hashFunction;
      const tx = need(receipt.transaction, 'transaction');
      const header = need(receipt.blockHeader, 'blockHeader');
      const id = hash(unhex(tx.payload));
      if (hex(id) !== String(receipt.transactionId).toLowerCase()) {
        return fail('idMismatch', [name, hex(id), receipt.transactionId]);
      }
      pass('idOk', [name, hex(id)]);

      const headerHash = hash(encodeHeader(header));
      if (hex(headerHash) !== String(receipt.blockHash).toLowerCase()) {
        return fail('headerMismatch', [name, hex(headerHash), receipt.blockHash]);
      }
      pass('headerOk', [name, header.number, hex(headerHash)]);
      if (trustedBlockHash) {
        if (hex(headerHash) !== trustedBlockHash.toLowerCase()) {
          return fail('notTrusted', [hex(headerHash), trustedBlockHash]);
        }
        pass('trusted');
      }
      if (receipt.blockNumber !== header.number) {
        return fail('blockNumber', [receipt.blockNumber, header.number]);
      }
      const position = (tree, proof) => {
        if (proof.leafIndex !== receipt.indexInBlock) {
          return [tree + 'Position', [proof.leafIndex, receipt.indexInBlock]];
        }
        if (proof.leafCount !== header.transactionCount) {
          return [tree + 'Count', [proof.leafCount, header.transactionCount]];
        }
        return null;
      };
      const tp = need(receipt.transactionProof, 'transactionProof');
      need(tp.siblings, 'transactionProof.siblings', true);
      let wrong = position('transactions', tp);
      if (wrong) return fail(wrong[0], wrong[1]);
      const txRoot = merkleRoot(hash, id, tp.leafIndex, tp.leafCount, tp.siblings.map(unhex));
      if (!equal(txRoot, unhex(header.transactionsRoot))) {
        return fail('notUnderTransactionsRoot', [tp.leafIndex, tp.leafCount, header.transactionsRoot]);
      }
      pass('underTransactionsRoot', [tp.leafIndex, tp.leafCount, header.transactionsRoot, tp.siblings.length]);

      const version = header.version || 0;
      if (version === 0) {
        if (receipt.receiptProof || header.receiptsRoot) {
          return fail('versionZeroWithReceipts');
        }
        pass('versionZero', [tx.code], tx.code);
        return { ok: true, verdictProven: false, failure: null, steps };
      }
      if (version !== 1) return fail('unsupportedVersion', [version]);
      const rp = receipt.receiptProof;
      if (!rp) return fail('noReceiptProof');
      need(need(rp, 'receiptProof').siblings, 'receiptProof.siblings', true);
      wrong = position('receipts', rp);
      if (wrong) return fail(wrong[0], wrong[1]);
      const result = unhex(tx.result);
      const leaf = receiptLeaf(hash, id, tx.codeNumber, result);
      const rRoot = merkleRoot(hash, leaf, rp.leafIndex, rp.leafCount, rp.siblings.map(unhex));
      if (!equal(rRoot, unhex(header.receiptsRoot))) {
        return fail('notUnderReceiptsRoot', [tx.code, tx.codeNumber, name, hex(hash(result)), header.receiptsRoot],
          tx.code);
      }
      pass('underReceiptsRoot', [tx.code, tx.codeNumber, name, hex(hash(result)), rp.leafIndex, header.receiptsRoot],
        tx.code);
      return { ok: true, verdictProven: true, failure: null, steps };
    } catch (e) {
      // the engine's own words for anything else (a number that is none) stay out of the step, in the
      // page's language or not: the step says the receipt cannot be read, the error is in the console
      if (e && e.step) return fail(e.step.key, e.step.args);
      if (typeof console !== 'undefined') console.warn('receipt not readable:', e);
      return fail('malformed');
    }
  }

  const api = { hex, unhex, sha256, sm3, hashFunction, encodeHeader, merkleRoot, receiptLeaf, verifyReceipt,
    texts: TEXTS, format };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  global.ConsortiaReceipt = api;
})(typeof window !== 'undefined' ? window : globalThis);
